import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { makeFolder } from "./make-folder.ts";

// PGlite has no lock on its data folder and two processes writing it corrupt it
// (FIELD-NOTES "Storage"), so Pitwall holds an exclusive lock file for as long as it runs.

export class DataFolderLockedError extends Error {
  constructor(dataDir: string, holderPid: number) {
    super(
      `The data folder ${dataDir} is in use by another Pitwall process (pid ${holderPid}). ` +
        `PGlite allows one process per folder: stop that process, or give this one another folder with PITWALL_DATA_DIR, ` +
        `or use a PostgreSQL server with DATABASE_URL to run several replicas.`,
    );
    this.name = "DataFolderLockedError";
  }
}

export interface DataFolderLock {
  release(): void;
}

const lockFileName = "pitwall.lock";

export function lockDataFolder(dataDir: string, pid: number = process.pid): DataFolderLock {
  makeFolder(dataDir);
  const lockPath = join(dataDir, lockFileName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // `wx` fails if the file exists: creation is the atomic test-and-set.
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        rmSync(lockPath, { force: true });
      };
      // Probot's SIGINT handler exits the process directly: still leave no lock behind.
      process.once("exit", release);
      return { release };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const holder = readHolderPid(lockPath);
      if (holder !== undefined && holder !== pid && isAlive(holder)) throw new DataFolderLockedError(dataDir, holder);
      // A lock left by a process that died (or unreadable): take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no Pitwall process is running.`);
}

function readHolderPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isAlreadyExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EEXIST";
}
