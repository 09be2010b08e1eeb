import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../src/store/create-scratch-database.ts";
import { enqueueJob, openStore } from "../../src/store/index.ts";

// Replicas share one PostgreSQL: the per-work-item lock (a job's lock key) must hold across
// processes, not only between the claims of one process's pool. Several processes claim from one
// queue at the same moment; no two jobs of one lock key may ever be held at once.
const serverUrl = process.env.PITWALL_TEST_DATABASE_URL;
const claimLoop = fileURLToPath(new URL("../support/claim-loop.ts", import.meta.url));

interface Held {
  id: number;
  lockKey: string;
  from: number;
  to: number;
}

function runClaimLoop(databaseUrl: string, startAt: number, holdMs: number): Promise<Held[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [claimLoop, databaseUrl, String(startAt), String(holdMs)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (part: Buffer) => (out += part.toString("utf8")));
    child.stderr.on("data", (part: Buffer) => (err += part.toString("utf8")));
    child.once("close", (code) => {
      if (code !== 0) reject(new Error(`claim loop exited with ${code}: ${err}`));
      else resolve(out.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Held));
    });
  });
}

/** Lock keys two of whose jobs were held at the same time. */
function doubleHeld(held: Held[]): string[] {
  const byKey = Map.groupBy(held, (entry) => entry.lockKey);
  return [...byKey].filter(([, entries]) => entries.some((a) => entries.some((b) => a.id !== b.id && a.from < b.to && b.from < a.to))).map(([key]) => key);
}

describe.runIf(serverUrl)("the job queue across processes on PostgreSQL", () => {
  it("never lets two processes hold jobs of one lock key at once", async () => {
    const database = await createScratchDatabase(serverUrl ?? "", "pitwall_test");
    try {
      const keys = 100;
      const sql = await openStore({ databaseUrl: database.url });
      const runAt = new Date(Date.now() - 60_000);
      // Two jobs per work item, next to each other in claim order: every pair is a race.
      for (let key = 0; key < keys; key += 1) {
        for (const part of ["a", "b"]) await enqueueJob(sql, { kind: "race", payload: { key, part }, lockKey: `item:${key}`, runAt });
      }
      await sql.close();
      const startAt = Date.now() + 2_000;
      const runs = await Promise.all([0, 1, 2].map(() => runClaimLoop(database.url, startAt, 5)));
      const held = runs.flat();
      const doubles = doubleHeld(held);
      console.log(`claim race: ${keys} lock keys, 3 processes, ${held.length} jobs held, ${doubles.length} lock keys held twice at once`);
      expect(held).toHaveLength(keys * 2);
      expect(new Set(held.map((entry) => entry.id)).size).toBe(keys * 2);
      // Every process took part, so the races were real ones.
      expect(runs.every((run) => run.length > 0)).toBe(true);
      expect(doubles).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
