import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import { parseEnv } from "node:util";
import type { Server } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createLogger } from "../../src/app/create-logger.ts";
import { startRegistration } from "../../src/app/start-registration.ts";
import { freePort } from "../../windtunnel/index.ts";
import { readRegistrationForm, textById } from "../support/read-registration-form.ts";
import { startAppProcess, type AppProcess as NpmStart } from "../support/start-app-process.ts";

// Registration (issue 14, point 1): `npm start` without credentials serves the page whose
// "Register GitHub App" button posts the app's manifest to GitHub. The page is read as a browser
// reads it (parse5, the WHATWG parsing rules) and the value the form would post must be the whole
// manifest of app.yml, whatever text app.yml holds, with a webhook URL GitHub can deliver to.

const repoAppYml = readFileSync(fileURLToPath(new URL("../../app.yml", import.meta.url)), "utf8");

const started: { npm: NpmStart; dir: string }[] = [];
afterEach(async () => {
  for (const { npm, dir } of started.splice(0)) {
    await npm.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `npm start` in a fresh folder holding only `appYml`, with no credentials in the environment or a .env. */
async function startSetupMode(appYml: string, settings: Record<string, string>): Promise<{ origin: string }> {
  const dir = mkdtempSync(join(tmpdir(), "pitwall-register-"));
  writeFileSync(join(dir, "app.yml"), appYml);
  const port = await freePort();
  const npm = startAppProcess({ PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", PITWALL_DATA_DIR: join(dir, "data"), ...settings }, { cwd: dir });
  started.push({ npm, dir });
  await npm.printed("Listening on");
  return { origin: `http://127.0.0.1:${port}` };
}

async function registrationForm(origin: string) {
  const response = await fetch(`${origin}/probot`);
  expect(response.status).toBe(200);
  return readRegistrationForm(await response.text());
}

/** The manifest the form posts, which must be JSON (GitHub refuses anything else). */
function postedManifest(fields: Record<string, string>): Record<string, unknown> {
  expect(Object.keys(fields)).toEqual(["manifest"]);
  return JSON.parse(fields["manifest"] ?? "") as Record<string, unknown>;
}

describe("the registration page of `npm start` without credentials", () => {
  it("posts app.yml's whole manifest (its description has an apostrophe), with the smee channel as webhook URL", async () => {
    const proxy = "https://smee.io/pitwall-registration-test";
    const { origin } = await startSetupMode(repoAppYml, { WEBHOOK_PROXY_URL: proxy });
    const form = await registrationForm(origin);
    // The state GitHub hands back with the code (registration-safety.test.ts checks it).
    expect(form.action).toMatch(/^https:\/\/github\.com\/settings\/apps\/new\?state=[\w-]{20,}$/);
    expect(form.method).toBe("post");
    const manifest = postedManifest(form.fields);
    const appYml = parseYaml(repoAppYml) as Record<string, unknown>;
    expect(appYml["description"]).toContain("'");
    for (const key of ["name", "description", "url", "public", "default_permissions", "default_events"]) expect(manifest[key]).toEqual(appYml[key]);
    expect(Object.keys(manifest["default_permissions"] as object)).toHaveLength(9);
    expect(manifest["default_events"]).toHaveLength(7);
    expect(manifest["hook_attributes"]).toEqual({ url: proxy });
    expect(manifest["redirect_url"]).toBe(`${origin}/probot/setup`);
  });

  it("posts a hostile description exactly as written: quotes, markup, character references", async () => {
    const description = `It's "Pitwall" <b>bold</b> & <script>alert('x')</script> &amp; &#39; &quot; ' " > done`;
    const appYml = `name: Hostile's app\ndescription: ${JSON.stringify(description)}\nurl: https://example.com/?a=1&b='2'\npublic: false\ndefault_permissions:\n  issues: write\ndefault_events:\n  - issues\n`;
    const proxy = "https://smee.io/x'y\"z<&";
    const { origin } = await startSetupMode(appYml, { WEBHOOK_PROXY_URL: proxy });
    const manifest = postedManifest((await registrationForm(origin)).fields);
    expect(manifest["hook_attributes"]).toEqual({ url: proxy });
    expect(manifest["name"]).toBe("Hostile's app");
    expect(manifest["description"]).toBe(description);
    expect(manifest["url"]).toBe("https://example.com/?a=1&b='2'");
    expect(manifest["default_permissions"]).toEqual({ issues: "write" });
    expect(manifest["default_events"]).toEqual(["issues"]);
  });

  it("registers under an organisation when GH_ORG is set", async () => {
    const { origin } = await startSetupMode(repoAppYml, { WEBHOOK_PROXY_URL: "https://smee.io/org", GH_ORG: "acme-corp" });
    const form = await registrationForm(origin);
    expect(form.action).toMatch(/^https:\/\/github\.com\/organizations\/acme-corp\/settings\/apps\/new\?state=/);
    expect(postedManifest(form.fields)["name"]).toBe("Pitwall");
  });

  it("gives GitHub the public URL's webhook path when PITWALL_PUBLIC_URL is set", async () => {
    const { origin } = await startSetupMode(repoAppYml, { PITWALL_PUBLIC_URL: "https://pitwall.example.com/", WEBHOOK_PATH: "/hooks/github" });
    const manifest = postedManifest((await registrationForm(origin)).fields);
    expect(manifest["hook_attributes"]).toEqual({ url: "https://pitwall.example.com/hooks/github" });
    expect(manifest["redirect_url"]).toBe(`${origin}/probot/setup`);
  });
});

describe("`npm start` with credentials Probot cannot read", () => {
  // Probot's `run` falls back into its setup page (the broken one) when it cannot read APP_ID or
  // the key; Pitwall stops instead and names what is wrong.
  const cases: { name: string; env: Record<string, string>; says: string }[] = [
    { name: "a private key that is not one", env: { APP_ID: "4242", PRIVATE_KEY: "not-a-key" }, says: "PRIVATE_KEY: " },
    { name: "an APP_ID that is not a number", env: { APP_ID: "Iv1.8a2f", PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----" }, says: "APP_ID must be the app's id" },
    { name: "an APP_ID without a key", env: { APP_ID: "4242" }, says: "PRIVATE_KEY is not set" },
    { name: "no credentials on a production server (it does not register apps)", env: { NODE_ENV: "production" }, says: "a production server does not register apps" },
  ];
  for (const { name, env, says } of cases) {
    it(`stops on ${name}, saying so, and serves no page`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "pitwall-register-"));
      writeFileSync(join(dir, "app.yml"), repoAppYml);
      const npm = startAppProcess({ PORT: String(await freePort()), HOST: "127.0.0.1", LOG_LEVEL: "info", PITWALL_DATA_DIR: join(dir, "data"), WEBHOOK_PROXY_URL: "https://smee.io/unused", WEBHOOK_SECRET: "registered-secret", ...env }, { cwd: dir });
      started.push({ npm, dir });
      expect(await npm.printed([says, "Listening on"])).toBe(says);
      expect(await npm.exited()).toBe(1);
    });
  }
});

describe("registration's webhook channel and existing apps (in-process, with a smee.io stand-in)", () => {
  const servers: Server[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: NodeJS.ProcessEnv, channel: () => Promise<string>) {
    const dir = mkdtempSync(join(tmpdir(), "pitwall-register-"));
    dirs.push(dir);
    writeFileSync(join(dir, "app.yml"), repoAppYml);
    const port = await freePort();
    const lines: string[] = [];
    const log = createLogger({ level: "info" }, new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(chunk.toString("utf8"))) }));
    const server = await startRegistration({ log, cwd: dir, env: { PORT: String(port), HOST: "127.0.0.1", ...env }, SmeeClient: { createChannel: channel } });
    servers.push(server);
    return { origin: `http://127.0.0.1:${port}`, dir, lines };
  }

  it("opens a smee channel, saves it as WEBHOOK_PROXY_URL in .env and gives it to GitHub and to the import page", async () => {
    const channel = "https://smee.io/AbCdEf123";
    const { origin, dir } = await start({}, () => Promise.resolve(channel));
    expect(parseEnv(readFileSync(join(dir, ".env"), "utf8"))).toEqual({ WEBHOOK_PROXY_URL: channel });
    expect(postedManifest((await registrationForm(origin)).fields)["hook_attributes"]).toEqual({ url: channel });
    expect(textById(await (await fetch(`${origin}/probot/import`)).text(), "hook-url")).toBe(channel);
  });

  it("says on the page when no channel could be opened, and gives GitHub the local webhook endpoint rather than /", async () => {
    const { origin, dir, lines } = await start({}, () => Promise.reject(new Error("getaddrinfo ENOTFOUND smee.io")));
    const html = await (await fetch(`${origin}/probot`)).text();
    expect(textById(html, "warning")).toContain("WEBHOOK_PROXY_URL");
    expect(postedManifest(readRegistrationForm(html).fields)["hook_attributes"]).toEqual({ url: `${origin}/api/github/webhooks` });
    expect(lines.join("")).toContain("no smee.io channel could be opened");
    expect(existsSync(join(dir, ".env"))).toBe(false);
  });

  it("opens no channel when PITWALL_PUBLIC_URL is set: the import page names the public webhook endpoint", async () => {
    let opened = 0;
    const { origin, dir } = await start({ PITWALL_PUBLIC_URL: "https://pitwall.example.com" }, () => Promise.resolve(`https://smee.io/${++opened}`));
    expect(opened).toBe(0);
    expect(existsSync(join(dir, ".env"))).toBe(false);
    expect(textById(await (await fetch(`${origin}/probot/import`)).text(), "hook-url")).toBe("https://pitwall.example.com/api/github/webhooks");
  });

  it("writes an existing app's credentials to .env from the import form, keeping what .env held, and refuses another site's post", async () => {
    const { origin, dir } = await start({ WEBHOOK_PROXY_URL: "https://smee.io/kept" }, () => Promise.reject(new Error("not called")));
    writeFileSync(join(dir, ".env"), "ANTHROPIC_API_KEY=sk-ant-kept\n");
    const key = "-----BEGIN RSA PRIVATE KEY-----\r\nMIIEowIBAAKCAQEA\r\nabc+/=\r\n-----END RSA PRIVATE KEY-----\r\n";
    const form = new URLSearchParams({ app_id: "4242", webhook_secret: "s3cret", private_key: key });
    const forged = await fetch(`${origin}/probot/import`, { method: "POST", headers: { origin: "https://evil.example" }, body: form });
    expect(forged.status).toBe(403);
    expect(parseEnv(readFileSync(join(dir, ".env"), "utf8"))).toEqual({ ANTHROPIC_API_KEY: "sk-ant-kept" });

    const wrong = await fetch(`${origin}/probot/import`, { method: "POST", headers: { origin }, body: new URLSearchParams({ app_id: "my app", webhook_secret: "s", private_key: key }) });
    expect(wrong.status).toBe(400);
    expect(textById(await wrong.text(), "error")).toContain("App ID is a number");

    const saved = await fetch(`${origin}/probot/import`, { method: "POST", headers: { origin }, body: form });
    expect(saved.status).toBe(200);
    expect(parseEnv(readFileSync(join(dir, ".env"), "utf8"))).toEqual({
      ANTHROPIC_API_KEY: "sk-ant-kept",
      APP_ID: "4242",
      WEBHOOK_SECRET: "s3cret",
      PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc+/=\n-----END RSA PRIVATE KEY-----",
    });
  });
});

