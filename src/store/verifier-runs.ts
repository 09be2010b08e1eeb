import type { Sql } from "./sql.ts";
import { updateSet } from "./update-set.ts";
import type { VerifierFinding, VerifierRunChanges, VerifierRunRecord } from "../domain/types.ts";

// A verifier's run on one commit of a pass run: its check run and its verdict.

interface VerifierRunRow {
  id: number;
  pass_run_id: number;
  verifier: string;
  head_sha: string;
  state: VerifierRunRecord["state"];
  conclusion: VerifierRunRecord["conclusion"];
  summary: string | null;
  findings: VerifierFinding[];
  verdict: "pass" | "fail" | null;
  annotated_ids: string[];
  check_run_id: number | null;
  budget_stop: string | null;
}

const toVerifierRun = (row: VerifierRunRow): VerifierRunRecord => ({
  id: row.id,
  passRunId: row.pass_run_id,
  verifier: row.verifier,
  headSha: row.head_sha,
  state: row.state,
  conclusion: row.conclusion,
  summary: row.summary,
  findings: row.findings,
  verdict: row.verdict,
  annotatedIds: row.annotated_ids,
  checkRunId: row.check_run_id,
  budgetStop: row.budget_stop,
});

/** Records that `verifier` must run on `headSha`, once. */
export async function queueVerifierRun(sql: Sql, run: { passRunId: number; verifier: string; headSha: string; now: Date }): Promise<VerifierRunRecord> {
  await sql.query(
    `insert into verifier_runs (pass_run_id, verifier, head_sha, state, created_at) values ($1, $2, $3, 'queued', $4)
     on conflict (pass_run_id, verifier, head_sha) do nothing`,
    [run.passRunId, run.verifier, run.headSha, run.now],
  );
  const rows = await sql.query<VerifierRunRow>("select * from verifier_runs where pass_run_id = $1 and verifier = $2 and head_sha = $3", [run.passRunId, run.verifier, run.headSha]);
  if (!rows[0]) throw new Error(`verifier run ${run.verifier} could not be recorded`);
  return toVerifierRun(rows[0]);
}

export async function listVerifierRuns(sql: Sql, passRunId: number, headSha: string): Promise<VerifierRunRecord[]> {
  const rows = await sql.query<VerifierRunRow>("select * from verifier_runs where pass_run_id = $1 and head_sha = $2 order by id", [passRunId, headSha]);
  return rows.map(toVerifierRun);
}

export async function findVerifierRunByCheckRun(sql: Sql, checkRunId: number): Promise<VerifierRunRecord | undefined> {
  const rows = await sql.query<VerifierRunRow>("select * from verifier_runs where check_run_id = $1", [checkRunId]);
  return rows[0] ? toVerifierRun(rows[0]) : undefined;
}

export async function getVerifierRun(sql: Sql, id: number): Promise<VerifierRunRecord> {
  const rows = await sql.query<VerifierRunRow>("select * from verifier_runs where id = $1", [id]);
  if (!rows[0]) throw new Error(`verifier run ${id} not found`);
  return toVerifierRun(rows[0]);
}

const columns: Record<keyof VerifierRunChanges, string> = { state: "state", conclusion: "conclusion", summary: "summary", findings: "findings", verdict: "verdict", annotatedIds: "annotated_ids", checkRunId: "check_run_id", budgetStop: "budget_stop" };

export async function updateVerifierRun(sql: Sql, id: number, changes: VerifierRunChanges): Promise<VerifierRunRecord> {
  const { sets, values } = updateSet(columns, changes, 2);
  const rows = await sql.query<VerifierRunRow>(`update verifier_runs set ${sets.join(", ")} where id = $1 returning *`, [id, ...values]);
  if (!rows[0]) throw new Error(`verifier run ${id} not found`);
  return toVerifierRun(rows[0]);
}
