import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkStartSettings } from "../../src/app/check-start-settings.ts";
import { readPrivateKey, type PrivateKeyReading } from "../../src/app/read-private-key.ts";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
const ec = generateKeyPairSync("ec", { namedCurve: "P-256", privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
const key = (pem: string): PrivateKeyReading => ({ kind: "read", from: "PRIVATE_KEY", pem });
const good = { APP_ID: "4242", WEBHOOK_SECRET: "a-real-secret", NODE_ENV: "production" };

const problems = (env: NodeJS.ProcessEnv, reading: PrivateKeyReading = key(rsa)) => {
  const settings = checkStartSettings(env, reading);
  return settings.mode === "refused" ? settings.problems : [];
};

describe("checkStartSettings", () => {
  it("starts the app with a numeric APP_ID, an RSA key and a webhook secret", () => {
    expect(checkStartSettings(good, key(rsa))).toEqual({ mode: "app", appId: 4242, privateKey: rsa, warnings: [] });
  });

  it("is setup mode only when neither APP_ID nor a key is set, whatever else is", () => {
    expect(checkStartSettings({}, { kind: "none" })).toEqual({ mode: "setup" });
    expect(checkStartSettings({ NODE_ENV: "development", WEBHOOK_PROXY_URL: "https://smee.io/x" }, { kind: "none" })).toEqual({ mode: "setup" });
    expect(checkStartSettings({ APP_ID: " " }, { kind: "none" })).toEqual({ mode: "setup" });
    expect(checkStartSettings({ APP_ID: "4242" }, { kind: "none" }).mode).toBe("refused");
  });

  it("refuses setup mode on a production server (it cannot write .env), saying where to register", () => {
    expect(checkStartSettings({ NODE_ENV: "production" }, { kind: "none" })).toEqual({ mode: "refused", problems: [expect.stringMatching(/^APP_ID and PRIVATE_KEY are not set, and a production server does not register apps: register with `npm start` on your machine/) as unknown] });
  });

  it("takes the key from PRIVATE_KEY_PATH or a .pem file in the folder as Probot does: with APP_ID it starts, without it refuses naming APP_ID", () => {
    const dir = mkdtempSync(join(tmpdir(), "pitwall-pem-"));
    try {
      writeFileSync(join(dir, "app.pem"), rsa);
      expect(checkStartSettings(good, readPrivateKey({}, dir))).toMatchObject({ mode: "app", privateKey: rsa });
      expect(checkStartSettings(good, readPrivateKey({ PRIVATE_KEY_PATH: join(dir, "app.pem") }, tmpdir()))).toMatchObject({ mode: "app", privateKey: rsa });
      expect(problems({ ...good, APP_ID: undefined }, readPrivateKey({}, dir))).toEqual([expect.stringContaining("APP_ID is not set, but a private key is (the .pem file in the working folder") as unknown]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([undefined, "", "  ", "development"])("refuses WEBHOOK_SECRET=%j outside NODE_ENV=development", (secret) => {
    for (const nodeEnv of [undefined, "production", "test"]) {
      expect(problems({ ...good, WEBHOOK_SECRET: secret, NODE_ENV: nodeEnv })).toEqual([expect.stringContaining("WEBHOOK_SECRET") as unknown]);
    }
  });

  it("lets NODE_ENV=development use the default secret, with a warning", () => {
    const settings = checkStartSettings({ ...good, WEBHOOK_SECRET: undefined, NODE_ENV: "development" }, key(rsa));
    expect(settings).toMatchObject({ mode: "app", warnings: [expect.stringContaining("NODE_ENV=development") as unknown] });
  });

  it.each(["abc", "0", "-3", "12.5", "4242x", "99999999999999999999"])("refuses APP_ID=%s, naming it", (appId) => {
    expect(problems({ ...good, APP_ID: appId })).toEqual([expect.stringContaining("APP_ID") as unknown]);
  });

  it("refuses a key without APP_ID and APP_ID without a key", () => {
    expect(problems({ ...good, APP_ID: undefined })).toEqual([expect.stringContaining("APP_ID is not set") as unknown]);
    expect(problems(good, { kind: "none" })).toEqual([expect.stringContaining("PRIVATE_KEY is not set") as unknown]);
  });

  it("refuses a key that cannot be read, that is not PEM, or that is not RSA, naming where it came from", () => {
    expect(problems(good, { kind: "unreadable", from: "PRIVATE_KEY_PATH", reason: "no such file" })).toEqual(["PRIVATE_KEY_PATH: no such file"]);
    expect(problems(good, key("-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----"))).toEqual([expect.stringContaining("PRIVATE_KEY is not a PEM private key") as unknown]);
    expect(problems(good, key(ec))).toEqual([expect.stringContaining("type ec") as unknown]);
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL without repeating it (it holds the password)", () => {
    for (const url of ["postgres//u:hunter2@db:5432/x", "mysql://u:hunter2@db/x", "postgres://"]) {
      const found = problems({ ...good, DATABASE_URL: url });
      expect(found).toEqual([expect.stringContaining("DATABASE_URL") as unknown]);
      expect(found.join("")).not.toContain("hunter2");
    }
    expect(problems({ ...good, DATABASE_URL: "postgresql://u:p@db.internal:6543/pitwall" })).toEqual([]);
  });

  it("refuses a PITWALL_PUBLIC_URL that is not an http(s) address", () => {
    expect(problems({ ...good, PITWALL_PUBLIC_URL: "pitwall.example.com" })).toEqual([expect.stringContaining("PITWALL_PUBLIC_URL") as unknown]);
    expect(problems({ ...good, PITWALL_PUBLIC_URL: "https://pitwall.example.com" })).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(problems({ APP_ID: "x", DATABASE_URL: "nope" }, key("nope"))).toHaveLength(4);
  });
});
