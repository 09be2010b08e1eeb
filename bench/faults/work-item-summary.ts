import { replicaRepo, type FakeGitHub } from "../../windtunnel/index.ts";
import type { Sql } from "../../src/store/sql.ts";

// A work item's final state, normalised so that two runs of the same story compare equal: its
// state and passes in the store, and on the fake GitHub its pass PRs, Pitwall's comments by hidden
// marker and Pitwall's check runs by name. Issue and PR numbers, ids and times are left out.

export interface WorkItemSummary {
  state: string;
  currentPass: string | null;
  passes: string[];
  pulls: string[];
  comments: string[];
  checkRuns: string[];
}

export async function workItemSummary(sql: Sql, github: FakeGitHub, issueNumber: number): Promise<WorkItemSummary> {
  const [item] = await sql.query<{ id: number; state: string; current_pass: string | null }>("select id, state, current_pass from work_items where issue_number = $1", [issueNumber]);
  const passes = item ? await sql.query<{ pass_id: string; iteration: number; state: string }>("select pass_id, iteration, state from pass_runs where work_item_id = $1 order by id", [item.id]) : [];
  const state = github.state;
  const prefix = `pitwall/${issueNumber}/`;
  const pulls = [...state.pulls.values()].filter((pull) => pull.repoKey === replicaRepo && pull.headRef.startsWith(prefix));
  const issue = [...state.issues.values()].find((candidate) => candidate.repoKey === replicaRepo && candidate.number === issueNumber);
  const threads = new Set([issue?.id, ...pulls.map((pull) => pull.issueId)]);
  const bot = [...state.users.values()].find((user) => user.login === github.botLogin)?.id;
  const comments = [...state.comments.values()].filter((comment) => threads.has(comment.issueId) && comment.authorId === bot);
  const heads = new Set(pulls.map((pull) => pull.headSha));
  const checkRuns = [...state.checkRuns.values()].filter((run) => heads.has(run.headSha) && run.name.startsWith("pitwall/"));
  const pullOf = (issueId: number) => pulls.find((pull) => pull.issueId === issueId);
  const where = (issueId: number) => (issueId === issue?.id ? "issue" : (pullOf(issueId)?.headRef.slice(prefix.length) ?? "?"));
  return {
    state: item?.state ?? "(no work item)",
    currentPass: item?.current_pass ?? null,
    passes: passes.map((pass) => `${pass.pass_id}#${pass.iteration} ${pass.state}`),
    pulls: pulls.map((pull) => `${pull.headRef.slice(prefix.length)} ${pull.merged ? "merged" : (state.issues.get(pull.issueId)?.state ?? "?")}`).sort(),
    comments: comments.map((comment) => `${where(comment.issueId)} ${/^<!-- pitwall:([^ ]+?) -->/.exec(comment.body)?.[1]?.replace(/\d+/g, "N") ?? "(unmarked)"}`).sort(),
    checkRuns: checkRuns.map((run) => `${pulls.find((pull) => pull.headSha === run.headSha)?.headRef.slice(prefix.length) ?? "?"} ${run.name} ${run.conclusion ?? run.status}`).sort(),
  };
}

/** Pitwall's effects on GitHub that exist twice: comments with one marker on one thread, PRs of one branch, check runs of one name on one commit. */
export function duplicateEffects(github: FakeGitHub): string[] {
  const state = github.state;
  const bot = [...state.users.values()].find((user) => user.login === github.botLogin)?.id;
  const counted = new Map<string, number>();
  const count = (key: string) => counted.set(key, (counted.get(key) ?? 0) + 1);
  for (const comment of state.comments.values()) {
    const marker = /^<!-- pitwall:([^ ]+?) -->/.exec(comment.body)?.[1];
    if (comment.authorId === bot && marker) count(`comment ${marker} on thread ${comment.issueId}`);
  }
  for (const pull of state.pulls.values()) if (pull.headRef.startsWith("pitwall/")) count(`pull request of ${pull.headRef}`);
  for (const run of state.checkRuns.values()) if (run.name.startsWith("pitwall/")) count(`check run ${run.name} on ${run.headSha.slice(0, 7)}`);
  return [...counted].filter(([, n]) => n > 1).map(([key, n]) => `${n}× ${key}`);
}

/** The ledger's total in nano-dollars (numeric(18,9) read as text). */
export async function ledgerNano(sql: Sql): Promise<bigint> {
  const [row] = await sql.query<{ usd: string | null }>("select coalesce(sum(usd), 0)::text as usd from ledger");
  const [whole = "0", fraction = ""] = (row?.usd ?? "0").split(".");
  return BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, "0").slice(0, 9));
}
