import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMigrations } from "../../src/store/migrate.ts";

describe("readMigrations", () => {
  it("refuses two files with one number, naming both (the second would never be applied)", async () => {
    const dir = `${await mkdtemp(join(tmpdir(), "pitwall-migrations-"))}/`;
    await writeFile(`${dir}0001_init.sql`, "select 1;");
    await writeFile(`${dir}0002_a.sql`, "select 2;");
    await writeFile(`${dir}0002_b.sql`, "select 3;");
    await expect(readMigrations(dir)).rejects.toThrow("Migrations 0002_a.sql and 0002_b.sql share the number 2");
  });

  it("reads the shipped migrations in order, each number once", async () => {
    const versions = (await readMigrations()).map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});
