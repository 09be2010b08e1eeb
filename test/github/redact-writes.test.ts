import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { redactWrites, SecretInFileError } from "../../src/github/redact-writes.ts";

// Issue 13: every write of an installation is redacted at the edge, whatever its writer did;
// identifiers go as they are; a file holding a secret is refused, never rewritten.

const urlPassword = "Vq3rT8zLp2Wx";
const token = "glpat-Xq7Lm2Pz9Rt4Vb8Nc1Kd";

function client(): { gh: ReturnType<typeof redactWrites>; sent: { url: string; body: Record<string, unknown> }[] } {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  const fetch = (url: string, init: { body?: string }) => {
    sent.push({ url, body: JSON.parse(init.body ?? "{}") as Record<string, unknown> });
    return Promise.resolve(new Response(JSON.stringify({ id: 1, sha: "abc" }), { status: 201, headers: { "content-type": "application/json" } }));
  };
  const Octokit = ProbotOctokit.defaults({ request: { fetch }, throttle: { enabled: false }, retry: { enabled: false } });
  return { gh: redactWrites(new Octokit({ auth: { token: "t" } })), sent };
}

describe("redactWrites", () => {
  it("redacts every text field of a write, nested ones included, and sends identifiers as they are", async () => {
    const { gh, sent } = client();
    await gh.rest.pulls.merge({ owner: "acme", repo: "rocket", pull_number: 3, sha: "9fceb02", commit_title: `merge ${token}`, commit_message: `db postgres://app:${urlPassword}@db/x` });
    await gh.rest.checks.create({ owner: "acme", repo: "rocket", name: "pitwall/gate", head_sha: "9fceb02", external_id: "gate:1:spec:1", output: { title: "t", summary: `rejected: ${token}`, text: `the password is ${urlPassword}!`, annotations: [{ path: "a.ts", start_line: 1, end_line: 1, annotation_level: "failure", message: token }] } });
    await gh.rest.actions.createWorkflowDispatch({ owner: "acme", repo: "rocket", workflow_id: "engine.yml", ref: "main", inputs: { run_token: "Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5" } });
    const [merge, check, dispatch] = sent.map((request) => JSON.stringify(request.body));
    for (const body of [merge, check]) {
      expect(body).not.toContain(token);
      expect(body).not.toContain(urlPassword);
    }
    expect(merge).toContain("[REDACTED:gitlab-token]");
    expect(check).toContain('"external_id":"gate:1:spec:1"');
    expect(dispatch).toContain("Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5");
  });

  it("refuses a tree or a blob whose file holds a secret, naming the file and never the value", async () => {
    const { gh, sent } = client();
    const tree = gh.rest.git.createTree({ owner: "acme", repo: "rocket", base_tree: "abc", tree: [{ path: "config/app.env", mode: "100644", type: "blob", content: `DB_PASSWORD=Hx7&pQ2vkz9\n` }] });
    await expect(tree).rejects.toThrow(SecretInFileError);
    await expect(tree).rejects.toThrow(/config\/app\.env: line 1 looks like a secret \(generic-secret: /);
    await expect(gh.rest.git.createBlob({ owner: "acme", repo: "rocket", content: Buffer.from(`token: ${token}`).toString("base64"), encoding: "base64" })).rejects.toThrow(SecretInFileError);
    await gh.rest.git.createTree({ owner: "acme", repo: "rocket", base_tree: "abc", tree: [{ path: "src/a.ts", mode: "100644", type: "blob", content: "export const password = process.env.DB_PASSWORD;\n" }] });
    expect(sent.map((request) => request.url)).toEqual([expect.stringMatching(/\/git\/trees$/)]);
  });
});
