import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { freePort } from "../../src/windtunnel/free-port.ts";
import { readRegistrationForm } from "../support/read-registration-form.ts";

// Registration (issue 14, point 1): `npm start` without credentials serves the page whose
// "Register GitHub App" button posts the app's manifest to GitHub. The page is read as a browser
// reads it (parse5, the WHATWG parsing rules) and the value the form would post must be the whole
// manifest of app.yml, whatever text app.yml holds, with a webhook URL GitHub can deliver to.

const repoAppYml = readFileSync(fileURLToPath(new URL("../../app.yml", import.meta.url)), "utf8");
const main = fileURLToPath(new URL("../../src/app/main.ts", import.meta.url));

interface SetupMode {
  origin: string;
  dir: string;
  output: () => string;
}

const started: { app: ChildProcess; dir: string }[] = [];
afterEach(async () => {
  for (const { app, dir } of started.splice(0)) {
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `npm start` in a fresh folder holding only `appYml`, with no credentials in the environment or a .env. */
async function startSetupMode(appYml: string, settings: Record<string, string>): Promise<SetupMode> {
  const dir = mkdtempSync(join(tmpdir(), "pitwall-register-"));
  writeFileSync(join(dir, "app.yml"), appYml);
  const port = await freePort();
  const { APP_ID: _id, PRIVATE_KEY: _key, PRIVATE_KEY_PATH: _path, WEBHOOK_SECRET: _secret, WEBHOOK_PROXY_URL: _proxy, WEBHOOK_PATH: _hook, GH_ORG: _org, GHE_HOST: _ghe, PITWALL_PUBLIC_URL: _public, NODE_ENV: _node, ...env } = process.env;
  const app = spawn(process.execPath, [main], {
    cwd: dir,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", PITWALL_DATA_DIR: join(dir, "data"), ...settings },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push({ app, dir });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const read = (part: Buffer) => {
      output += part.toString("utf8");
      if (output.includes("Listening on")) resolve();
    };
    app.stdout?.on("data", read);
    app.stderr?.on("data", read);
    app.once("exit", (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, dir, output: () => output };
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
    expect(form.action).toBe("https://github.com/settings/apps/new");
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
    const { origin } = await startSetupMode(appYml, { WEBHOOK_PROXY_URL: "https://smee.io/x'y\"z<&" });
    const manifest = postedManifest((await registrationForm(origin)).fields);
    expect(manifest["name"]).toBe("Hostile's app");
    expect(manifest["description"]).toBe(description);
    expect(manifest["url"]).toBe("https://example.com/?a=1&b='2'");
    expect(manifest["default_permissions"]).toEqual({ issues: "write" });
    expect(manifest["default_events"]).toEqual(["issues"]);
  });

  it("registers under an organisation when GH_ORG is set", async () => {
    const { origin } = await startSetupMode(repoAppYml, { WEBHOOK_PROXY_URL: "https://smee.io/org", GH_ORG: "acme-corp" });
    const form = await registrationForm(origin);
    expect(form.action).toBe("https://github.com/organizations/acme-corp/settings/apps/new");
    expect(postedManifest(form.fields)["name"]).toBe("Pitwall");
  });

  it("gives GitHub the public URL's webhook path when PITWALL_PUBLIC_URL is set", async () => {
    const { origin } = await startSetupMode(repoAppYml, { PITWALL_PUBLIC_URL: "https://pitwall.example.com/", WEBHOOK_PATH: "/hooks/github" });
    const manifest = postedManifest((await registrationForm(origin)).fields);
    expect(manifest["hook_attributes"]).toEqual({ url: "https://pitwall.example.com/hooks/github" });
    expect(manifest["redirect_url"]).toBe(`${origin}/probot/setup`);
  });
});
