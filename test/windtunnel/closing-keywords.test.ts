// GitHub's closing keywords in the fake: a pull request merged into the default branch closes the
// issues its body references with a keyword, and so does every commit message that reaches the
// default branch (by the merge or by a push); a reference without a keyword, a merge into another
// branch and a pull request's own number close nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./fake-github-harness.ts";

const repo = { owner: "acme", repo: "widgets" };

describe("closing keywords", () => {
  let h: Harness;
  const issues: number[] = [];

  beforeEach(async () => {
    h = await startHarness();
    issues.length = 0;
    for (const title of ["one", "two", "three", "four", "five", "six"]) issues.push((await h.octokit.rest.issues.create({ ...repo, title })).data.number);
  });
  afterEach(async () => {
    await h.gh.close();
  });

  async function commitOn(branch: string, from: string, message: string, file: string): Promise<string> {
    const o = h.octokit.rest;
    const base = await o.git.getRef({ ...repo, ref: `heads/${from}` });
    const parent = await o.git.getCommit({ ...repo, commit_sha: base.data.object.sha });
    const tree = await o.git.createTree({ ...repo, base_tree: parent.data.tree.sha, tree: [{ path: file, mode: "100644", type: "blob", content: `${file}\n` }] });
    const commit = await o.git.createCommit({ ...repo, message, tree: tree.data.sha, parents: [base.data.object.sha] });
    if (branch === from) await o.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.data.sha });
    else await o.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.data.sha });
    return commit.data.sha;
  }

  const stateOf = async (number: number) => (await h.octokit.rest.issues.get({ ...repo, issue_number: number })).data;

  it("closes what a merged PR's body and its commits reference, and nothing else", async () => {
    const [one, two, three, four] = issues as [number, number, number, number];
    await commitOn("feature", "main", `Add widgets\n\nfixes: acme/widgets#${two}; see #${three}`, "a.md");
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Widgets", head: "feature", base: "main", body: `Closes #${one}. Related to #${four}; \`Closes\` is a keyword` });
    expect((await stateOf(one)).state).toBe("open");
    await h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number });
    expect(await stateOf(one)).toMatchObject({ state: "closed", state_reason: "completed" });
    expect((await stateOf(two)).state).toBe("closed");
    expect((await stateOf(three)).state).toBe("open");
    expect((await stateOf(four)).state).toBe("open");
    expect(h.gh.state.events.filter((event) => event.event === "issues" && event.action === "closed").map((event) => (event.payload["issue"] as { number: number }).number).sort()).toEqual([one, two]);
  });

  it("closes through a push to the default branch (GH-N and an issue URL, any case), not through a merge into another branch", async () => {
    const [, , , , five, six] = issues as [number, number, number, number, number, number];
    await commitOn("main", "main", `RESOLVED GH-${five}\n\nfixed https://github.com/acme/widgets/issues/${six}`, "b.md");
    expect((await stateOf(five)).state).toBe("closed");
    expect((await stateOf(six)).state).toBe("closed");

    const [one] = issues as [number];
    await commitOn("develop", "main", "Start develop", "c.md");
    await commitOn("topic", "develop", `Closes #${one}`, "d.md");
    const pr = await h.octokit.rest.pulls.create({ ...repo, title: "Topic", head: "topic", base: "develop", body: `Fixes #${one}` });
    await h.octokit.rest.pulls.merge({ ...repo, pull_number: pr.data.number });
    expect((await stateOf(one)).state).toBe("open");
  });
});
