import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import type { Server } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createLogger } from "../../src/app/create-logger.ts";
import { startRegistration } from "../../src/app/start-registration.ts";
import { freePort, startFakeGitHub, type FakeGitHub } from "../../windtunnel/index.ts";
import { readRegistrationForm, textById } from "../support/read-registration-form.ts";
import { schemaChecker } from "../windtunnel/spec-schemas.ts";

// Registration from the page to .env (issue 14, point 1), against the fake GitHub: the form's
// manifest is posted to GitHub's new-app form (under an organisation), GitHub creates the app
// from it and sends the browser back with a code, and Pitwall trades the code for the
// credentials, writes them to .env and sends the browser on to install the app.

const appYmlText = readFileSync(fileURLToPath(new URL("../../app.yml", import.meta.url)), "utf8");
const appYml = parseYaml(appYmlText) as { default_permissions: Record<string, string>; default_events: string[]; description: string };

describe("registering the app through GitHub's manifest flow", () => {
  let github: FakeGitHub;
  let registration: Server | undefined;
  let dir: string;
  let origin: string;

  beforeAll(async () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
    github = await startFakeGitHub({ webhookSecret: "unused", app: { id: 1, slug: "some-other-app", publicKeyPem: publicKey } });
    dir = mkdtempSync(join(tmpdir(), "pitwall-register-"));
    writeFileSync(join(dir, "app.yml"), appYmlText);
    writeFileSync(join(dir, ".env"), "ANTHROPIC_API_KEY=sk-ant-kept\n");
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const log = createLogger({ level: "silent" }, new Writable({ write: (_chunk, _encoding, done) => done() }));
    const env = { PORT: String(port), HOST: "127.0.0.1", GH_ORG: "acme-corp", PITWALL_PUBLIC_URL: "https://pitwall.example.com" };
    registration = await startRegistration({ log, cwd: dir, env, apiUrl: github.url });
  });
  afterAll(async () => {
    await registration?.stop();
    await github?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("creates the app with app.yml's settings, writes its credentials to .env and sends the browser to install it", async () => {
    const form = readRegistrationForm(await (await fetch(`${origin}/probot`)).text());
    const { app, location } = github.registerAppFromManifest({ action: form.action ?? "", manifest: form.fields["manifest"] ?? "", by: "maintainer" });
    expect(app).toMatchObject({ name: "Pitwall", description: appYml.description, hookUrl: "https://pitwall.example.com/api/github/webhooks", permissions: appYml.default_permissions, events: appYml.default_events });
    expect(github.state.users.get("acme-corp")?.id).toBe(app.ownerId);
    expect(location.startsWith(`${origin}/probot/setup?code=`)).toBe(true);

    const back = await fetch(location, { redirect: "manual" });
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(`https://github.com/apps/pitwall/installations/new`);
    const env = parseEnv(readFileSync(join(dir, ".env"), "utf8"));
    const code = [...github.state.manifestCodes.values()][0];
    expect(env).toEqual({ ANTHROPIC_API_KEY: "sk-ant-kept", APP_ID: String(app.id), PRIVATE_KEY: code?.pem, WEBHOOK_SECRET: code?.webhookSecret, GITHUB_CLIENT_ID: app.clientId, GITHUB_CLIENT_SECRET: code?.clientSecret });
    expect(createPrivateKey(env["PRIVATE_KEY"] ?? "").asymmetricKeyType).toBe("rsa");

    // The code works once: coming back with it again says so and leaves .env alone.
    const again = await fetch(location, { redirect: "manual" });
    expect(again.status).toBe(502);
    expect(textById(await again.text(), "error")).toContain("used already or is over an hour old");
    expect(parseEnv(readFileSync(join(dir, ".env"), "utf8"))).toEqual(env);
  });

  it("answers the code conversion with GitHub's published response shape", async () => {
    const { location } = github.registerAppFromManifest({ action: "https://github.com/settings/apps/new", manifest: JSON.stringify({ name: "Other", url: "https://example.com", hook_attributes: { url: "https://example.com/hook" }, redirect_url: "https://example.com/back" }), by: "maintainer" });
    const code = new URL(location).searchParams.get("code") ?? "";
    const response = await fetch(`${github.url}/app-manifests/${code}/conversions`, { method: "POST", headers: { accept: "application/vnd.github+json" } });
    expect(response.status).toBe(201);
    expect((await schemaChecker()).response("POST", "/app-manifests/{code}/conversions", 201, await response.json())).toEqual([]);
  });

  it("refuses, as GitHub's form does, a manifest that is not whole JSON", () => {
    expect(() => github.registerAppFromManifest({ action: "https://github.com/settings/apps/new", manifest: '{"name":"Pitwall","description":"Runs a work item (an issue) through your team', by: "maintainer" })).toThrow(/not JSON/);
  });
});
