import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import type { Server } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/create-logger.ts";
import { startRegistration } from "../../src/app/start-registration.ts";
import { freePort, startFakeGitHub, type FakeGitHub } from "../../windtunnel/index.ts";
import { readRegistrationForm, textById } from "../support/read-registration-form.ts";

// Registration must not be steered by another site (issue 14 review): the code GitHub hands back
// is only traded when it comes back with this server's state, posts and code exchanges are only
// served under a name this machine answers to (DNS rebinding), and the new app's credentials are
// never lost when .env cannot be updated (GitHub hands them over once).

const appYmlText = readFileSync(fileURLToPath(new URL("../../app.yml", import.meta.url)), "utf8");

let github: FakeGitHub;
beforeAll(async () => {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  github = await startFakeGitHub({ webhookSecret: "unused", app: { id: 1, slug: "some-other-app", publicKeyPem: publicKey } });
});
afterAll(async () => {
  await github?.close();
});

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A registration server in a fresh folder, its log lines collected. */
async function start(env: NodeJS.ProcessEnv = {}, prepare: (dir: string) => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), "pitwall-regsafe-"));
  dirs.push(dir);
  writeFileSync(join(dir, "app.yml"), appYmlText);
  prepare(dir);
  const port = await freePort();
  const lines: string[] = [];
  const log = createLogger({ level: "info" }, new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(chunk.toString("utf8"))) }));
  const server = await startRegistration({ log, cwd: dir, env: { PORT: String(port), HOST: "127.0.0.1", WEBHOOK_PROXY_URL: "https://smee.io/safety", ...env }, apiUrl: github.url });
  servers.push(server);
  return { origin: `http://127.0.0.1:${port}`, port, dir, lines };
}

/** The maintainer clicks "Register GitHub App" on `origin`'s page and "Create GitHub App" on GitHub: where GitHub sends the browser back. */
async function registerThrough(origin: string): Promise<string> {
  const form = readRegistrationForm(await (await fetch(`${origin}/probot`)).text());
  return github.registerAppFromManifest({ action: form.action ?? "", manifest: form.fields["manifest"] ?? "", by: "maintainer" }).location;
}

/** A request with a Host header of our choosing (fetch sends the URL's), as a rebound browser sends it. */
function requestWithHost(port: number, path: string, host: string, method = "GET", body = "", headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers: { host, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const envOf = (dir: string) => readFileSync(join(dir, ".env"), "utf8");

describe("the manifest code is only traded with this server's state", () => {
  it("puts a random state in the form's action, which GitHub hands back with the code", async () => {
    const first = await start();
    const second = await start();
    const stateOf = async (origin: string) => new URL(readRegistrationForm(await (await fetch(`${origin}/probot`)).text()).action ?? "").searchParams.get("state");
    const state = await stateOf(first.origin);
    expect(state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await stateOf(second.origin)).not.toBe(state);
    const back = new URL(await registerThrough(first.origin));
    expect(back.searchParams.get("state")).toBe(state);
    expect((await fetch(back, { redirect: "manual" })).status).toBe(302);
    expect(parseEnv(envOf(first.dir))["APP_ID"]).toMatch(/^\d+$/);
  });

  it("refuses a link with another registration's code (an attacker's app), leaving .env and the code alone", async () => {
    const victim = await start({}, (dir) => writeFileSync(join(dir, ".env"), "ANTHROPIC_API_KEY=sk-ant-kept\n"));
    const attacker = await start();
    // The attacker registers an app of their own and sends the victim the link GitHub gave them, retargeted.
    const attackerBack = new URL(await registerThrough(attacker.origin));
    const code = attackerBack.searchParams.get("code") ?? "";
    for (const forged of [`${victim.origin}/probot/setup?code=${code}`, `${victim.origin}/probot/setup?code=${code}&state=${attackerBack.searchParams.get("state") ?? ""}`, `${victim.origin}/probot/setup?code=${code}&state=`]) {
      const response = await fetch(forged, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(textById(await response.text(), "error")).toContain("start again from");
    }
    expect(envOf(victim.dir)).toBe("ANTHROPIC_API_KEY=sk-ant-kept\n");
    expect(github.state.manifestCodes.get(code)?.used).toBe(false);
  });
});

describe("only a name this machine answers to may save credentials (DNS rebinding)", () => {
  const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
  const form = new URLSearchParams({ app_id: "4242", webhook_secret: "s3cret", private_key: key }).toString();

  it("refuses an import posted from a rebound name, even when Origin matches Host", async () => {
    const { port, dir } = await start({}, (folder) => writeFileSync(join(folder, ".env"), "KEEP=1\n"));
    for (const host of [`evil.example:${port}`, `attacker.test`, `127.0.0.1.evil.example:${port}`]) {
      const refused = await requestWithHost(port, "/probot/import", host, "POST", form, { origin: `http://${host}` });
      expect(refused.status).toBe(403);
      expect(textById(refused.body, "error")).toContain("PITWALL_PUBLIC_URL");
    }
    // A rebound page may also set X-Forwarded-Host itself (it is same-origin for the browser).
    expect((await requestWithHost(port, "/probot/import", `evil.example:${port}`, "POST", form, { origin: `http://localhost:${port}`, "x-forwarded-host": `localhost:${port}` })).status).toBe(403);
    expect(envOf(dir)).toBe("KEEP=1\n");
  });

  it("refuses a code exchange under a rebound name", async () => {
    const { origin, port, dir } = await start();
    const back = new URL(await registerThrough(origin));
    const refused = await requestWithHost(port, `${back.pathname}${back.search}`, "evil.example");
    expect(refused.status).toBe(403);
    expect(readdirSync(dir)).not.toContain(".env");
    expect(github.state.manifestCodes.get(back.searchParams.get("code") ?? "")?.used).toBe(false);
  });

  it("serves loopback names and the public URL's host", async () => {
    const { port, dir } = await start({ PITWALL_PUBLIC_URL: "https://pitwall.example.com/base" });
    for (const host of [`localhost:${port}`, `[::1]:${port}`, "pitwall.example.com"]) {
      const origin = host.startsWith("pitwall") ? `https://${host}` : `http://${host}`;
      expect((await requestWithHost(port, "/probot/import", host, "POST", form, { origin })).status).toBe(200);
    }
    expect(parseEnv(envOf(dir))["APP_ID"]).toBe("4242");
  });
});

describe("the new app's credentials are never lost", () => {
  it("keeps .env's comments, blank lines and values with double quotes when it adds the credentials", async () => {
    const before = `# Pitwall settings\nGREETING='say "hi"'\n\n# models\nANTHROPIC_API_KEY=sk-ant-kept # mine\n`;
    const { origin, dir } = await start({}, (folder) => writeFileSync(join(folder, ".env"), before));
    const back = await fetch(await registerThrough(origin), { redirect: "manual" });
    expect(back.status).toBe(302);
    const after = envOf(dir);
    expect(after.startsWith(before)).toBe(true);
    const env = parseEnv(after);
    expect(env).toMatchObject({ GREETING: 'say "hi"', ANTHROPIC_API_KEY: "sk-ant-kept", APP_ID: expect.stringMatching(/^\d+$/) as unknown });
    expect(env["PRIVATE_KEY"]).toContain("-----BEGIN RSA PRIVATE KEY-----\n");
  });

  it("writes them to a file of their own when .env cannot be updated, and says where on the page and in the log", async () => {
    const { origin, dir, lines } = await start();
    // A folder where .env should be, made after the start: reading and writing it fail whoever runs the test.
    mkdirSync(join(dir, ".env"));
    const back = await fetch(await registerThrough(origin), { redirect: "manual" });
    expect(back.status).toBe(500);
    const page = await back.text();
    const saved = readdirSync(dir).filter((file) => file.startsWith(".env.pitwall-"));
    expect(saved).toHaveLength(1);
    const file = join(dir, saved[0] ?? "");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const code = [...github.state.manifestCodes.values()].at(-1);
    expect(parseEnv(readFileSync(file, "utf8"))).toMatchObject({ PRIVATE_KEY: code?.pem, WEBHOOK_SECRET: code?.webhookSecret });
    expect(textById(page, "error")).toContain(file);
    expect(page).toContain("/installations/new");
    expect(lines.join("")).toContain(file);
    expect(lines.join("")).not.toContain(code?.webhookSecret);
  });
});

describe("the registration log line", () => {
  it("names localhost, not 0.0.0.0, when Pitwall listens on every address", async () => {
    const { port, lines } = await start({ HOST: "0.0.0.0" });
    expect(lines.join("")).toContain(`open http://localhost:${port}/probot`);
  });
});
