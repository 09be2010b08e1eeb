// Authentication as GitHub does it: app JWTs (RS256, iss, iat/exp) for /app endpoints,
// installation tokens for everything else, 401/403/404 bodies like the real ones.
import { createSign } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "../../windtunnel/github/index.ts";
import { APP_ID, field, INSTALLATION_ID, installationToken, keyPair, SECRET, startHarness, statusOf, type Harness } from "./fake-github-harness.ts";

function signJwt(privateKey: string, claims: Record<string, number>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}`;
  return `${body}.${createSign("RSA-SHA256").update(body).sign(privateKey, "base64url")}`;
}

async function call(gh: FakeGitHub, method: string, path: string, authorization?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gh.url}${path}`, { method, headers: authorization ? { authorization } : {} });
  return { status: response.status, body: await response.json() };
}

describe("authentication", () => {
  let h: Harness;
  const seconds = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    h = await startHarness();
    h.gh.createRepo({ owner: "acme", name: "secret", private: true });
    h.gh.createRepo({ owner: "bob", name: "elsewhere" });
  });
  afterAll(async () => {
    await h.gh.close();
  });

  it("rejects requests without credentials or with an unknown token", async () => {
    expect(await call(h.gh, "GET", "/repos/acme/widgets")).toEqual({
      status: 401,
      body: { message: "Requires authentication", documentation_url: "https://docs.github.com/rest", status: "401" },
    });
    expect(await call(h.gh, "GET", "/repos/acme/widgets", "token ghs_notarealtoken")).toEqual({
      status: 401,
      body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" },
    });
  });

  it("issues installation tokens only for a valid, current app JWT", async () => {
    const path = `/app/installations/${INSTALLATION_ID}/access_tokens`;
    const good = signJwt(h.privateKey, { iat: seconds() - 30, exp: seconds() + 540, iss: APP_ID });
    const created = await call(h.gh, "POST", path, `Bearer ${good}`);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ token: expect.stringMatching(/^ghs_\w{36}$/) as unknown, repository_selection: "selected", permissions: { issues: "write" } });

    const expired = signJwt(h.privateKey, { iat: seconds() - 900, exp: seconds() - 300, iss: APP_ID });
    expect((await call(h.gh, "POST", path, `Bearer ${expired}`)).status).toBe(401);
    const wrongIssuer = signJwt(h.privateKey, { iat: seconds() - 30, exp: seconds() + 540, iss: 1 });
    expect((await call(h.gh, "POST", path, `Bearer ${wrongIssuer}`)).status).toBe(401);
    const otherKey = signJwt(keyPair().privateKey, { iat: seconds() - 30, exp: seconds() + 540, iss: APP_ID });
    expect((await call(h.gh, "POST", path, `Bearer ${otherKey}`))).toMatchObject({ status: 401, body: { message: "A JSON web token could not be decoded" } });
    expect((await call(h.gh, "POST", `/app/installations/999/access_tokens`, `Bearer ${good}`)).status).toBe(404);
    // a JWT is only taken as a Bearer token
    expect((await call(h.gh, "POST", path, `token ${good}`)).status).toBe(401);
  });

  it("does not accept an installation token on /app endpoints", async () => {
    const token = await installationToken(h);
    expect((await call(h.gh, "GET", "/app", `token ${token}`)).status).toBe(401);
    const app = await h.appOctokit.rest.apps.getAuthenticated();
    expect(app.data).toMatchObject({ id: APP_ID, slug: "pitwall" });
  });

  it("hides repositories outside the installation with 404", async () => {
    const o = h.octokit.rest;
    expect((await o.repos.get({ owner: "acme", repo: "widgets" })).status).toBe(200);
    expect(await statusOf(o.repos.get({ owner: "acme", repo: "secret" }))).toMatchObject({ status: 404, data: { message: "Not Found" } });
    expect(await statusOf(o.issues.get({ owner: "bob", repo: "elsewhere", issue_number: 1 }))).toMatchObject({ status: 404 });
    expect(await statusOf(o.repos.get({ owner: "acme", repo: "nothing-here" }))).toMatchObject({ status: 404 });
    expect(await statusOf(h.appOctokit.rest.apps.getRepoInstallation({ owner: "bob", repo: "elsewhere" }))).toMatchObject({ status: 404 });
  });

  it("honours permissions narrowed in the token request", async () => {
    const auth = createAppAuth({ appId: APP_ID, privateKey: h.privateKey, request: h.appOctokit.request });
    const { token } = await auth({ type: "installation", installationId: INSTALLATION_ID, permissions: { issues: "read", metadata: "read" } });
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const readOnly = new Octokit({ baseUrl: h.gh.url, log: quiet, auth: token });
    expect((await readOnly.rest.issues.listForRepo({ owner: "acme", repo: "widgets" })).status).toBe(200);
    const denied = await statusOf(readOnly.rest.issues.create({ owner: "acme", repo: "widgets", title: "nope" }));
    expect(denied).toMatchObject({ status: 403, data: { message: "Resource not accessible by integration" } });
    expect([...h.gh.state.issues.values()].filter((i) => i.title === "nope")).toEqual([]);
  });

  it("expires installation tokens after an hour", async () => {
    const { privateKey, publicKey } = keyPair();
    let now = new Date("2026-01-01T00:00:00Z");
    const gh = await startFakeGitHub({ webhookSecret: SECRET, app: { id: APP_ID, slug: "pitwall", publicKeyPem: publicKey }, now: () => now });
    try {
      gh.createRepo({ owner: "acme", name: "widgets" });
      gh.installApp({ installationId: INSTALLATION_ID, account: "acme", repos: ["acme/widgets"] });
      const jwt = signJwt(privateKey, { iat: Math.floor(now.getTime() / 1000) - 30, exp: Math.floor(now.getTime() / 1000) + 540, iss: APP_ID });
      const created = await fetch(`${gh.url}/app/installations/${INSTALLATION_ID}/access_tokens`, { method: "POST", headers: { authorization: `Bearer ${jwt}` } });
      const token = String(field(await created.json(), "token"));
      expect((await call(gh, "GET", "/repos/acme/widgets", `token ${token}`)).status).toBe(200);
      now = new Date(now.getTime() + 61 * 60_000);
      expect(await call(gh, "GET", "/repos/acme/widgets", `token ${token}`)).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
    } finally {
      await gh.close();
    }
  });
});
