import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createMissingLabels } from "../../src/github/create-missing-labels.ts";
import { GitHubValidationError } from "../../src/github/github-validation-error.ts";
import { normaliseGitHubErrors } from "../../src/github/normalise-github-errors.ts";

const repo = { owner: "acme", repo: "rocket" };
const spec = (name: string) => ({ name, color: "1d76db", description: `the ${name} label` });

/** A GitHub whose repository has `existing` labels; `refuse` answers a create with GitHub's 422 for that code. */
function client(existing: string[], refuse: Record<string, string> = {}) {
  const posted: string[] = [];
  const fetch = (url: string, init: { method?: string; body?: string }) => {
    const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
    if (init.method === "GET") return json(200, existing.map((name, index) => ({ id: index, name, color: "ededed" })));
    const { name } = JSON.parse(init.body ?? "{}") as { name: string };
    const code = refuse[name];
    if (code) return json(422, { message: "Validation Failed", errors: [{ resource: "Label", code, field: code === "already_exists" ? "name" : "color" }], status: "422" });
    posted.push(name);
    return json(201, { id: 99, name, color: "1d76db" });
  };
  const Octokit = ProbotOctokit.defaults({ request: { fetch }, throttle: { enabled: false }, retry: { enabled: false }, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  return { gh: normaliseGitHubErrors(new Octokit({ auth: { token: "t" } }), 1), posted };
}

describe("createMissingLabels", () => {
  it("creates only the labels the repository lacks, comparing names without case", async () => {
    const { gh, posted } = client(["Pitwall:Needs-Human", "bug"]);
    const created = await createMissingLabels(gh, repo, [spec("pitwall"), spec("pitwall:needs-human"), spec("pitwall:bug")]);
    expect(created).toEqual(["pitwall", "pitwall:bug"]);
    expect(posted).toEqual(["pitwall", "pitwall:bug"]);
  });

  it("counts a label someone created in between (GitHub's already_exists) as there", async () => {
    const { gh, posted } = client([], { "pitwall:bug": "already_exists" });
    expect(await createMissingLabels(gh, repo, [spec("pitwall:bug"), spec("pitwall:docs")])).toEqual(["pitwall:docs"]);
    expect(posted).toEqual(["pitwall:docs"]);
  });

  it("lets any other refusal through, so the job reports it", async () => {
    const { gh } = client([], { "pitwall:bug": "invalid" });
    await expect(createMissingLabels(gh, repo, [spec("pitwall:bug")])).rejects.toThrow(GitHubValidationError);
  });
});
