import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { updateEnvFile } from "../../src/app/update-env-file.ts";

describe("updateEnvFile", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("adds and replaces settings, keeps the others, and reads back a private key line for line", () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-env-"));
    const path = join(dir, ".env");
    writeFileSync(path, "OPENAI_API_KEY=sk-kept\nAPP_ID=1\n");
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIE+/=\n-----END RSA PRIVATE KEY-----";
    updateEnvFile(path, { APP_ID: "4242", PRIVATE_KEY: key, WEBHOOK_SECRET: "hex123" });
    expect(parseEnv(readFileSync(path, "utf8"))).toEqual({ OPENAI_API_KEY: "sk-kept", APP_ID: "4242", PRIVATE_KEY: key, WEBHOOK_SECRET: "hex123" });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("refuses a multi-line value with a double quote rather than writing a .env that reads back differently", () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-env-"));
    expect(() => updateEnvFile(join(dir ?? "", ".env"), { X: 'a "b"\nc' })).toThrow(/double quote/);
  });

  it("keeps comments, blank lines, other values as written (double quotes, multi-line) and sets a key in place", () => {
    dir = mkdtempSync(join(tmpdir(), "pitwall-env-"));
    const path = join(dir, ".env");
    const before = `# settings\nGREETING='say "hi"'\n\nCERT="line1\nline2"\nexport APP_ID=1 # old\nAPP_ID=2\n`;
    writeFileSync(path, before);
    updateEnvFile(path, { APP_ID: "4242", NOTE: 'say "hi"', BOTH: `it's "x"` });
    expect(readFileSync(path, "utf8")).toBe(`# settings\nGREETING='say "hi"'\n\nCERT="line1\nline2"\nAPP_ID=4242\nNOTE='say "hi"'\nBOTH=\`it's "x"\`\n`);
    expect(parseEnv(readFileSync(path, "utf8"))).toEqual({ GREETING: 'say "hi"', CERT: "line1\nline2", APP_ID: "4242", NOTE: 'say "hi"', BOTH: `it's "x"` });
  });
});
