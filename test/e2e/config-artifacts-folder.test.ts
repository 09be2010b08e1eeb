import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveToDone, labelNewIssue, type Lifecycle, mergedPassPulls, repo, startLifecycle, workItemOf } from "../../windtunnel/index.ts";
import { pullsIn } from "../support/world-queries.ts";

// `artifacts.folder` in .github/pitwall.yml moves every artifact of a work item, and the bundled
// agents' write access follows it: the whole feature workflow runs with artifacts in design/work.
// The repo's own architect still names the folder the way definitions did before `{artifacts}`
// existed (`docs/work/**`), and keeps working.

const legacyArchitect = readFileSync(new URL("../../agents/architect.md", import.meta.url), "utf8").replace('write: ["{artifacts}/**"]', 'write: ["docs/work/**"]');

describe("artifacts.folder set to design/work", () => {
  let life: Lifecycle;
  let issueNumber: number;

  beforeAll(async () => {
    life = await startLifecycle();
    life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": "artifacts:\n  folder: design/work\n", ".github/pitwall/agents/architect.md": legacyArchitect } });
    await life.tunnel.settle();
    issueNumber = await labelNewIssue(life.tunnel, "pitwall:feature", { title: "Add dark mode", body: "Users want a dark theme that follows the OS setting." });
    await driveToDone(life.tunnel, issueNumber, "carol");
  }, 120_000);

  afterAll(async () => {
    await life?.close();
  });

  it("runs every pass of the feature workflow to done", async () => {
    expect(legacyArchitect).toContain(`write: ["docs/work/**"]`);
    expect(mergedPassPulls(life.tunnel)).toEqual(["spec", "design", "ir", "validate-ir", "implement", "verify", "integrate", "document"]);
    expect((await workItemOf(life.tunnel, issueNumber)).state).toBe("done");
  });

  it("commits each pass's artifacts under design/work/<issue>-<slug>/ on its pass branch, and nothing under docs/work", () => {
    const folder = `design/work/${issueNumber}-add-dark-mode`;
    const spec = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef === `pitwall/${issueNumber}/spec`);
    expect(spec?.merged).toBe(true);
    expect(life.tunnel.github.readFile(repo, `pitwall/${issueNumber}/spec`, `${folder}/spec.md`)).toContain("# Spec: Add dark mode");
    for (const name of ["spec.md", "design.md", "ir.md", "ir-validation.md", "implementation.md", "verification.md", "integration.md", "documentation.md"]) {
      expect(life.tunnel.github.readFile(repo, "main", `${folder}/${name}`), name).toBeDefined();
    }
    expect(life.tunnel.github.readFile(repo, "main", `docs/work/${issueNumber}-add-dark-mode/spec.md`)).toBeUndefined();
  });

  it("lists the moved artifacts in the pass PRs' bodies", () => {
    const design = pullsIn(life.tunnel.github, repo).find((pull) => pull.headRef === `pitwall/${issueNumber}/design`);
    expect(design?.issue.body).toContain(`design/work/${issueNumber}-add-dark-mode/design.md`);
  });
});
