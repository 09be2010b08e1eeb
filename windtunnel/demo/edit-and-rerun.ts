import { usdToNano, type Nano } from "../../src/domain/money.ts";
import { driveToDone, repo, say as comment, workItemOf, type Lifecycle } from "../index.ts";

// `npm run demo -- --rerun`: after the work item is done, a person edits one of its artifacts and
// answers `/rerun`; the artifact cache reuses every pass whose inputs did not change.

/** Carol edits an artifact on the default branch, alice answers `/rerun`, and the work item runs to done again. */
export async function editAndRerun(life: Lifecycle, issueNumber: number): Promise<{ edited: string; passes: { pass_id: string; state: string; reuse_note: string | null }[]; savedUsd: Nano; spentUsd: Nano }> {
  const files = Object.keys(life.tunnel.github.readFiles(repo, "main") ?? {});
  // The artifact folder the work item pinned (artifacts.folder in the repo's config).
  const [pinnedFolder] = await life.tunnel.pitwall.sql.query<{ folder: string | null }>("select definitions->'config'->'artifacts'->>'folder' as folder from work_items where issue_number = $1", [issueNumber]);
  const folder = `${pinnedFolder?.folder ?? "docs/work"}/${issueNumber}-`;
  const artifacts = files.filter((path) => path.startsWith(folder));
  const edited = artifacts.find((path) => path.endsWith("/design.md")) ?? artifacts[0];
  if (!edited) throw new Error("the work item left no artifact to edit");
  const before = await life.tunnel.pitwall.sql.query<{ id: number }>("select coalesce(max(id), 0) as id from ledger");
  life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { [edited]: `${life.tunnel.github.readFile(repo, "main", edited) ?? ""}\nEdited by carol: one more decision.\n` } });
  await comment(life.tunnel, issueNumber, "/rerun", "alice");
  await driveToDone(life.tunnel, issueNumber, "carol");
  const item = await workItemOf(life.tunnel, issueNumber);
  const passes = await life.tunnel.pitwall.sql.query<{ pass_id: string; state: string; reuse_note: string | null }>(
    "select distinct on (pass_id) pass_id, state, reuse_note from pass_runs where work_item_id = $1 and position('@' in pass_id) = 0 order by pass_id, iteration desc",
    [item.id],
  );
  const [pinned] = await life.tunnel.pitwall.sql.query<{ definitions: { workflow: { passes: { id: string }[] } } }>("select definitions from work_items where id = $1", [item.id]);
  const order = new Map((pinned?.definitions.workflow.passes ?? []).map((pass, index) => [pass.id, index]));
  const [totals] = await life.tunnel.pitwall.sql.query<{ saved: string; spent: string }>("select coalesce(sum(saving_usd), 0)::text as saved, coalesce(sum(usd), 0)::text as spent from ledger where work_item_id = $1 and id > $2", [item.id, before[0]?.id ?? 0]);
  return { edited, passes: passes.sort((a, b) => (order.get(a.pass_id) ?? 0) - (order.get(b.pass_id) ?? 0)), savedUsd: usdToNano(totals?.saved ?? "0"), spentUsd: usdToNano(totals?.spent ?? "0") };
}
