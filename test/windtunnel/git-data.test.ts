// The Git Data API: real git object ids, trees with base_tree / inline content / deletions,
// refs with fast-forward rules, and the contents API reading it all back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, statusOf, untyped, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("git data", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.gh.close();
  });

  it("computes the SHAs git computes (values from `git hash-object`, `write-tree`, `commit-tree`)", async () => {
    const o = h.octokit.rest;
    const blob = await o.git.createBlob({ ...repo, content: "hello\n" });
    expect(blob.status).toBe(201);
    expect(blob.data.sha).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    const same = await o.git.createBlob({ ...repo, content: Buffer.from("hello\n").toString("base64"), encoding: "base64" });
    expect(same.data.sha).toBe(blob.data.sha);

    const tree = await o.git.createTree({
      ...repo,
      tree: [
        { path: "a.txt", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "dir/b.txt", mode: "100644", type: "blob", content: "x\n" },
        { path: "dir-file", mode: "100644", type: "blob", content: "y\n" },
      ],
    });
    expect(tree.data.sha).toBe("fb110863e462cf30a0626f6e3a07139045de9275");
    // git's order: "dir-file" sorts before the tree "dir" ("-" < "/")
    expect(tree.data.tree.map((e) => e.path)).toEqual(["a.txt", "dir-file", "dir"]);

    const alice = { name: "Alice", email: "alice@example.com", date: "2024-01-02T03:04:05Z" };
    const commit = await o.git.createCommit({ ...repo, message: "First\n", tree: tree.data.sha, parents: [], author: alice, committer: alice });
    expect(commit.data.sha).toBe("f5ac8e58d7c1df701200977b870585afaf55aa21");
    expect(commit.data.author).toEqual(alice);
  });

  it("commits files through blobs, trees, commits and refs and reads them back", async () => {
    const o = h.octokit.rest;
    const main = await o.git.getRef({ ...repo, ref: "heads/main" });
    const parent = await o.git.getCommit({ ...repo, commit_sha: main.data.object.sha });
    const tree = await o.git.createTree({
      ...repo,
      base_tree: parent.data.tree.sha,
      tree: [
        { path: "docs/work/1-sparkle/spec.md", mode: "100644", type: "blob", content: "# Spec\n" },
        { path: "README.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    const commit = await o.git.createCommit({ ...repo, message: "Add spec", tree: tree.data.sha, parents: [main.data.object.sha] });
    expect(commit.data.author.name).toBe("pitwall[bot]");
    const ref = await o.git.createRef({ ...repo, ref: "refs/heads/pitwall/1/spec", sha: commit.data.sha });
    expect(ref.status).toBe(201);
    expect(ref.data.object.sha).toBe(commit.data.sha);

    const file = await o.repos.getContent({ ...repo, path: "docs/work/1-sparkle/spec.md", ref: "pitwall/1/spec" });
    if (Array.isArray(file.data) || !("content" in file.data)) throw new Error("expected a file");
    expect(Buffer.from(file.data.content, "base64").toString("utf8")).toBe("# Spec\n");
    expect(h.gh.readFile("acme/widgets", "pitwall/1/spec", "docs/work/1-sparkle/spec.md")).toBe("# Spec\n");
    // the deletion took effect on the branch, and main is untouched
    expect(await statusOf(o.repos.getContent({ ...repo, path: "README.md", ref: "pitwall/1/spec" }))).toMatchObject({ status: 404 });
    expect(h.gh.readFile("acme/widgets", "main", "README.md")).toBe("# widgets\n");

    const dir = await o.repos.getContent({ ...repo, path: "docs/work", ref: commit.data.sha });
    expect(Array.isArray(dir.data) ? dir.data.map((e) => [e.name, e.type]) : []).toEqual([["1-sparkle", "dir"]]);
    const raw = await h.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: "src/index.ts", mediaType: { format: "raw" } });
    expect(raw.data).toBe("export const x = 1;\n");

    const recursive = await o.git.getTree({ ...repo, tree_sha: "pitwall/1/spec", recursive: "1" });
    expect(recursive.data.tree.filter((e) => e.type === "blob").map((e) => e.path).sort()).toEqual(["docs/work/1-sparkle/spec.md", "src/index.ts"]);
  });

  it("links a commit's author and committer to accounts by address, never by name", async () => {
    const o = h.octokit.rest;
    const main = await o.git.getRef({ ...repo, ref: "heads/main" });
    const parent = await o.git.getCommit({ ...repo, commit_sha: main.data.object.sha });
    const bot = await o.git.createCommit({ ...repo, message: "Bot\n", tree: parent.data.tree.sha, parents: [main.data.object.sha] });
    const named = await o.git.createCommit({
      ...repo,
      message: "Named\n",
      tree: parent.data.tree.sha,
      parents: [main.data.object.sha],
      author: { name: "pitwall[bot]", email: "someone@laptop.invalid" },
      committer: { name: "Someone", email: "pitwall[bot]@users.noreply.github.com" },
    });
    const listed = async (sha: string) => (await o.repos.getCommit({ ...repo, ref: sha })).data;
    expect((await listed(bot.data.sha)).author?.login).toBe("pitwall[bot]");
    expect((await listed(bot.data.sha)).committer?.login).toBe("pitwall[bot]");
    expect((await listed(named.data.sha)).author).toBeNull();
    expect((await listed(named.data.sha)).committer?.login).toBe("pitwall[bot]");
  });

  it("refuses a non-fast-forward ref update with 409 unless forced", async () => {
    const o = h.octokit.rest;
    const main = await o.git.getRef({ ...repo, ref: "heads/main" });
    const base = await o.git.getCommit({ ...repo, commit_sha: main.data.object.sha });
    const sideways = await o.git.createCommit({ ...repo, message: "elsewhere", tree: base.data.tree.sha, parents: [] });
    await o.git.createRef({ ...repo, ref: "refs/heads/ff", sha: main.data.object.sha });

    const refused = await statusOf(o.git.updateRef({ ...repo, ref: "heads/ff", sha: sideways.data.sha }));
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ message: "Update is not a fast forward", status: "409" });
    expect(h.gh.state.refs.get("acme/widgets")?.get("refs/heads/ff")).toBe(main.data.object.sha);

    const forced = await o.git.updateRef({ ...repo, ref: "heads/ff", sha: sideways.data.sha, force: true });
    expect(forced.data.object.sha).toBe(sideways.data.sha);
  });

  it("answers 422 for a duplicate ref, a missing object and a missing ref", async () => {
    const o = h.octokit.rest;
    const main = await o.git.getRef({ ...repo, ref: "heads/main" });
    const dup = await statusOf(o.git.createRef({ ...repo, ref: "refs/heads/main", sha: main.data.object.sha }));
    expect(dup).toMatchObject({ status: 422, data: { message: "Reference already exists" } });
    const missing = await statusOf(o.git.createRef({ ...repo, ref: "refs/heads/nope", sha: "0".repeat(40) }));
    expect(missing).toMatchObject({ status: 422, data: { message: "Object does not exist" } });
    expect(await statusOf(o.git.deleteRef({ ...repo, ref: "heads/never" }))).toMatchObject({ status: 422 });
    expect(await statusOf(o.git.getRef({ ...repo, ref: "heads/never" }))).toMatchObject({ status: 404 });
  });

  it("validates tree entries like GitHub", async () => {
    const o = h.octokit.rest;
    const bad = await statusOf(o.git.createTree({ ...repo, tree: [{ path: "a.txt", mode: "100644", type: "blob", sha: "1".repeat(40) }] }));
    expect(bad.status).toBe(422);
    const mismatch = await statusOf(o.git.createTree({ ...repo, tree: [{ path: "a", mode: "040000", type: "blob", content: "x" }] }));
    expect(mismatch.status).toBe(422);
    const dotdot = await statusOf(o.git.createTree({ ...repo, tree: [{ path: "../a", mode: "100644", type: "blob", content: "x" }] }));
    expect(dotdot.status).toBe(422);
    const badMode = await statusOf(untyped(h.octokit, "POST /repos/{owner}/{repo}/git/trees", { ...repo, tree: [{ path: "a", mode: "100666", type: "blob", content: "x" }] }));
    expect(badMode.status).toBe(422);
    expect(h.gh.violations.map((v) => v.kind)).toEqual(["invalid-request"]);
    h.gh.violations.length = 0;
  });

  it("matches refs by prefix and deletes them", async () => {
    const o = h.octokit.rest;
    const matching = await o.git.listMatchingRefs({ ...repo, ref: "heads/pitwall/" });
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/heads/pitwall/1/spec"]);
    expect((await o.git.deleteRef({ ...repo, ref: "heads/pitwall/1/spec" })).status).toBe(204);
    expect(h.gh.state.refs.get("acme/widgets")?.has("refs/heads/pitwall/1/spec")).toBe(false);
  });
});
