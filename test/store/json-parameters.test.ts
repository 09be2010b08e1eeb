import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, loadDefinitions, pinWorkflow, readDefinitionFiles } from "../../src/definitions/index.ts";
import { storeCachedRun, findCachedRun } from "../../src/store/artifact-cache.ts";
import { createWorkItem, enqueueJob, getPassRun, getWorkItem, queuePassRun, updatePassRun, updateWorkItem, type Sql } from "../../src/store/index.ts";
import { findPassOutcome, storePassOutcome, workItemProducts } from "../../src/store/pass-outcomes.ts";
import { getVerifierRun, queueVerifierRun, updateVerifierRun } from "../../src/store/verifier-runs.ts";
import { storeBackends } from "../support/fresh-database.ts";
import { usdToNano } from "../../src/domain/money.ts";

// node-postgres sends a JavaScript array as a PostgreSQL array literal (`["a"]` → `{"a"}`, `[]` →
// `{}`), which a json/jsonb column refuses or silently turns into an object; PGlite accepts both.
// Every json value must reach either backend as JSON text.

const root = fileURLToPath(new URL("../../", import.meta.url));
const t0 = new Date("2026-12-06T10:00:00Z");

/** Every json/jsonb column, with the store operation that writes it (tested below). */
const jsonColumns = [
  "artifact_cache.entry",
  "jobs.payload",
  "pass_outcomes.outputs",
  "pass_outcomes.reads",
  "pass_runs.reads",
  "pass_runs.switches",
  "pass_runs.written_paths",
  "verifier_runs.annotated_ids",
  "verifier_runs.findings",
  "work_items.definitions",
  "work_items.proposal",
];

describe.each(storeBackends)("json parameters on $name", ({ open }) => {
  let sql: Sql;
  let workItemId: number;
  beforeAll(async () => {
    sql = await open();
    const { workItem } = await createWorkItem(sql, { installationId: 1, repo: { owner: "o", name: "r" }, issueNumber: 1, issueTitle: "t", workflow: "feature", initiator: "alice", now: t0 });
    workItemId = workItem.id;
  });
  afterAll(async () => {
    await sql.close();
  });

  it("sends arrays, empty ones included, and objects as JSON through the port", async () => {
    const [row] = await sql.query<{ empty: unknown; list: unknown; nested: unknown; json: unknown }>("select $1::jsonb as empty, $2::jsonb as list, $3::jsonb as nested, $4::json as json", [
      [],
      ["a", "b"],
      { files: { "a.md": null }, listing: [], deep: [[1], { x: [] }] },
      [{}],
    ]);
    expect(row).toEqual({ empty: [], list: ["a", "b"], nested: { files: { "a.md": null }, listing: [], deep: [[1], { x: [] }] }, json: [{}] });
  });

  it("lists every json column of the schema here, so a new one gets a round trip", async () => {
    const rows = await sql.query<{ name: string }>(
      "select table_name || '.' || column_name as name from information_schema.columns where table_schema = current_schema() and data_type in ('json', 'jsonb') order by 1",
    );
    expect(rows.map((row) => row.name)).toEqual(jsonColumns);
  });

  it("round-trips pass runs' switches, written paths and reads, empty and not", async () => {
    const run = await queuePassRun(sql, { workItemId, passId: "spec", iteration: 1, agent: "specifier", trigger: "first" });
    await updatePassRun(sql, run.id, { switches: [], writtenPaths: [], reads: { files: {}, listing: [] } });
    expect(await getPassRun(sql, run.id)).toMatchObject({ switches: [], writtenPaths: [], reads: { files: {}, listing: [] } });
    await updatePassRun(sql, run.id, { switches: ["anthropic → openai"], writtenPaths: ["docs/work/1-t/spec.md"], reads: { files: { "README.md": "abc" }, listing: ["README.md"] } });
    expect(await getPassRun(sql, run.id)).toMatchObject({ switches: ["anthropic → openai"], writtenPaths: ["docs/work/1-t/spec.md"], reads: { files: { "README.md": "abc" }, listing: ["README.md"] } });
    expect(await workItemProducts(sql, workItemId)).toEqual(new Set(["docs/work/1-t/spec.md"]));
  });

  it("round-trips verifier findings and annotated ids", async () => {
    const run = await queuePassRun(sql, { workItemId, passId: "design", iteration: 1, agent: "architect", trigger: "first" });
    const verifier = await queueVerifierRun(sql, { passRunId: run.id, verifier: "critic", headSha: "a".repeat(40), now: t0 });
    await updateVerifierRun(sql, verifier.id, { findings: [], annotatedIds: [] });
    expect(await getVerifierRun(sql, verifier.id)).toMatchObject({ findings: [], annotatedIds: [] });
    const finding = { id: "f1", path: "src/a.ts", startLine: 1, endLine: 2, severity: "error" as const, title: "t", message: "m" };
    await updateVerifierRun(sql, verifier.id, { findings: [finding], annotatedIds: ["f1"] });
    expect(await getVerifierRun(sql, verifier.id)).toMatchObject({ findings: [finding], annotatedIds: ["f1"] });
  });

  it("round-trips a job's payload, a work item's definitions and proposal, the artifact cache and pass outcomes", async () => {
    const jobId = await enqueueJob(sql, { kind: "k", payload: { ids: [], names: ["a"] }, runAt: t0 });
    expect(await sql.query("select payload from jobs where id = $1", [jobId ?? 0])).toEqual([{ payload: { ids: [], names: ["a"] } }]);

    const set = loadDefinitions(await readDefinitionFiles(root, "workflows"), await readDefinitionFiles(root, "agents"));
    const pinned = pinWorkflow(set, configSchema.parse({}), "pitwall:feature");
    if (!pinned.ok) throw new Error(pinned.message);
    const definitions = JSON.parse(JSON.stringify(pinned.pinned)) as unknown;
    await updateWorkItem(sql, workItemId, { definitions: pinned.pinned, proposal: { workflow: "feature", confidence: "high", reasoning: "r" } }, t0);
    expect(await getWorkItem(sql, workItemId)).toMatchObject({ definitions, proposal: { workflow: "feature", confidence: "high", reasoning: "r" } });

    const entry = { submission: { artifacts: [], files: [{ path: "a", content: "b" }], summary: "s" }, written: [], reads: { files: {}, listing: null }, provider: "anthropic", model: "m" };
    await storeCachedRun(sql, { key: "cache-1", agent: "specifier", passId: "spec", entry, costUsd: usdToNano("0.01"), now: t0 });
    expect((await findCachedRun(sql, "cache-1"))?.entry).toEqual(entry);

    const outcome = { key: "outcome-1", workItemId, passId: "spec", agent: "specifier", reads: { files: {}, listing: [] }, outputs: { "spec.md": null }, provider: "anthropic", model: "m", costUsd: usdToNano("0.010000000") };
    await storePassOutcome(sql, outcome, t0);
    expect(await findPassOutcome(sql, "outcome-1")).toEqual(outcome);
  });
});
