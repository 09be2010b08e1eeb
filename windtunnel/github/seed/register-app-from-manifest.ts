// A person posts an app manifest to github.com/settings/apps/new (or
// /organizations/<org>/settings/apps/new) and clicks "Create GitHub App": GitHub validates the
// manifest, creates the app and sends the browser to the manifest's redirect_url with a
// temporary code (and the `state` of the form's action, when it had one), which
// POST /app-manifests/{code}/conversions trades for the credentials.
// https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createUser } from "./seed-repo.ts";
import { isoSeconds, nodeId } from "../core/ids.ts";
import type { World } from "../core/world.ts";
import type { AppRecord } from "../types.ts";

export interface ManifestForm {
  /** the `action` of the form: where the browser posts (GitHub hands its `state` query back) */
  action: string;
  /** the posted `manifest` field, as the browser sends it */
  manifest: string;
  /** who clicks "Create GitHub App" */
  by: string;
}

export interface ManifestRegistration {
  app: AppRecord;
  /** where GitHub sends the browser: `redirect_url?code=…&state=…` */
  location: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function registerAppFromManifest(w: World, form: ManifestForm): ManifestRegistration {
  const target = /^\/(?:organizations\/([^/]+)\/)?settings\/apps\/new$/.exec(new URL(form.action).pathname);
  if (!target) throw new Error(`wind tunnel: ${form.action} is not GitHub's new-app form`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(form.manifest);
  } catch {
    // GitHub's page says the manifest is invalid and creates nothing.
    throw new Error("GitHub: Invalid GitHub App configuration: the manifest is not JSON");
  }
  if (!isRecord(manifest)) throw new Error("GitHub: Invalid GitHub App configuration: the manifest is not an object");
  const { name, url, hook_attributes: hook, redirect_url: redirectUrl, default_permissions: permissions = {}, default_events: events = [], description } = manifest;
  if (typeof name !== "string" || name.trim() === "" || name.length > 34) throw new Error("GitHub: Name is required and at most 34 characters");
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw new Error("GitHub: Homepage URL is required");
  if (!isRecord(hook) || typeof hook["url"] !== "string" || !/^https?:\/\//.test(hook["url"])) throw new Error("GitHub: Webhook URL is required (hook_attributes.url)");
  if (typeof redirectUrl !== "string" || !/^https?:\/\//.test(redirectUrl)) throw new Error("GitHub: redirect_url is required to hand back the code");
  if (!isRecord(permissions) || Object.values(permissions).some((level) => level !== "read" && level !== "write")) throw new Error("GitHub: default_permissions must map each permission to read or write");
  if (!Array.isArray(events) || events.some((event) => typeof event !== "string")) throw new Error("GitHub: default_events must be a list of event names");
  const owner = createUser(w, target[1] === undefined ? { login: form.by } : { login: target[1], type: "Organization" });
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const id = w.ids("app");
  const bot = createUser(w, { login: `${slug}[bot]`, type: "Bot" });
  const app: AppRecord = {
    id,
    slug,
    name,
    nodeId: nodeId("Integration", id),
    clientId: `Iv1.${id.toString(16).padStart(16, "0")}`,
    ownerId: owner.id,
    botId: bot.id,
    createdAt: isoSeconds(w.now()),
    permissions: { metadata: "read", ...(permissions as Record<string, "read" | "write">) },
    events: events as string[],
    description: typeof description === "string" ? description : "",
    hookUrl: hook["url"],
  };
  w.state.apps.set(id, app);
  const code = randomBytes(20).toString("hex");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
  w.state.manifestCodes.set(code, {
    code,
    appId: id,
    pem: privateKey,
    webhookSecret: randomBytes(20).toString("hex"),
    clientSecret: randomBytes(20).toString("hex"),
    expiresAt: isoSeconds(new Date(w.now().getTime() + 3600_000)),
    used: false,
  });
  const location = new URL(redirectUrl);
  location.searchParams.set("code", code);
  // GitHub hands back the `state` of the form's action unchanged, for the app to check.
  const state = new URL(form.action).searchParams.get("state");
  if (state !== null) location.searchParams.set("state", state);
  return { app, location: location.toString() };
}
