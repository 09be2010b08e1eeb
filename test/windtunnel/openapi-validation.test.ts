// Requests are checked against GitHub's OpenAPI description: the fake never accepts what GitHub
// would reject, and routes GitHub has but the fake lacks are reported, not silently faked.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOperations } from "../../windtunnel/github/openapi/load-operations.ts";
import { installationToken, startHarness, statusOf, untyped, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("OpenAPI validation", () => {
  let h: Harness;
  let token: string;

  beforeAll(async () => {
    h = await startHarness();
    token = await installationToken(h);
  });
  afterAll(async () => {
    await h.gh.close();
  });

  const send = async (method: string, path: string, body?: string) => {
    const response = await fetch(`${h.gh.url}${path}`, { method, headers: { authorization: `token ${token}`, "content-type": "application/json" }, ...(body === undefined ? {} : { body }) });
    return { status: response.status, body: await response.json() };
  };

  it("caches the extracted operations next to node_modules", async () => {
    const operations = await loadOperations();
    expect(operations.length).toBeGreaterThan(1000);
    expect(operations.find((o) => o.operationId === "checks/create")?.body?.required).toBe(true);
    const dir = join(process.cwd(), "node_modules", ".cache", "pitwall-windtunnel");
    expect(existsSync(dir) && readdirSync(dir).some((f) => /^openapi-.+\.json$/.test(f))).toBe(true);
  });

  it("reports a GitHub route the fake does not implement", async () => {
    expect(await send("GET", "/repos/acme/widgets/releases")).toEqual({
      status: 404,
      body: { message: "Not Found", documentation_url: "https://docs.github.com/rest/releases/releases#list-releases", status: "404" },
    });
    expect(h.gh.violations.at(-1)).toMatchObject({ kind: "not-implemented", message: "not implemented by the wind tunnel: GET /repos/{owner}/{repo}/releases" });
  });

  it("reports a route GitHub does not have", async () => {
    expect((await send("GET", "/repos/acme/widgets/sparkles")).status).toBe(404);
    expect(h.gh.violations.at(-1)).toMatchObject({ kind: "unknown-route" });
  });

  it("answers 400 for a body that is not JSON", async () => {
    expect(await send("POST", "/repos/acme/widgets/issues", "{not json")).toMatchObject({ status: 400, body: { message: "Problems parsing JSON" } });
    expect(h.gh.violations.at(-1)).toMatchObject({ kind: "invalid-json" });
  });

  it("validates query and path parameters", async () => {
    expect((await statusOf(untyped(h.octokit, "GET /repos/{owner}/{repo}/pulls", { ...repo, state: "bogus" }))).status).toBe(422);
    expect(h.gh.violations.at(-1)).toMatchObject({ kind: "invalid-request", operationId: "pulls/list" });
    expect((await send("GET", "/repos/acme/widgets/issues/abc")).status).toBe(404);
    expect(h.gh.violations.at(-1)).toMatchObject({ kind: "invalid-request", operationId: "issues/get" });
  });

  it("validates types in the body", async () => {
    const wrong = await send("POST", "/repos/acme/widgets/issues/1/comments", JSON.stringify({ body: 42 }));
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ message: expect.stringMatching(/^Invalid request\.\n\n/) as unknown });
  });

  it("does not validate when asked not to", async () => {
    const loose = await startHarness({ validateRequests: false });
    try {
      const failed = await statusOf(untyped(loose.octokit, "POST /repos/{owner}/{repo}/check-runs", { ...repo, name: "x" }));
      expect(failed.status).toBe(422);
      expect(loose.gh.violations).toEqual([]);
    } finally {
      await loose.gh.close();
    }
  });
});
