import { chmodSync, closeSync, existsSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { isProcessAlive } from "./is-process-alive.ts";
import { makeFolder } from "./make-folder.ts";

// PGlite has no lock on its data folder and two processes writing it corrupt it
// (PGlite documents it as single-user), so Pitwall holds an exclusive lock file for as long as it runs. The
// file names the holder's pid and host: containers sharing a volume each run as pid 1, so a pid
// alone cannot tell them apart. A holder on another host cannot be asked whether it lives, so the
// holder touches the file while it runs, and one left untouched for a minute was left by the dead.

export class DataFolderLockedError extends Error {
  constructor(dataDir: string, holderPid: number, holderHost?: string) {
    super(
      `The data folder ${dataDir} is in use by another Pitwall process (pid ${holderPid}${holderHost ? ` on host ${holderHost}` : ""}). ` +
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
const touchEveryMs = 10_000;
/** A lock from another host untouched for this long was left by a process that is gone. */
export const staleLockMs = 60_000;

export function lockDataFolder(dataDir: string, pid: number = process.pid, host: string = hostname()): DataFolderLock {
  const created = !existsSync(dataDir);
  makeFolder(dataDir);
  // PGlite makes its files writable by everyone (mode 666): a new folder is made the owner's alone.
  if (created) chmodSync(dataDir, 0o700);
  const lockPath = join(dataDir, lockFileName);
  // This holder's own mark: two containers on one host name (host networking) are both pid 1.
  const token = randomUUID();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // `wx` fails if the file exists: creation is the atomic test-and-set.
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${pid} ${host} ${token}`);
      closeSync(fd);
      let released = false;
      const touch = setInterval(() => {
        const now = new Date();
        try {
          utimesSync(lockPath, now, now);
        } catch {
          // Gone (the folder was removed): nothing to keep fresh.
        }
      }, touchEveryMs);
      touch.unref();
      const release = () => {
        if (released) return;
        released = true;
        clearInterval(touch);
        process.off("exit", release);
        rmSync(lockPath, { force: true });
      };
      // Probot's SIGINT handler exits the process directly: still leave no lock behind.
      process.once("exit", release);
      return { release };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const holder = readHolder(lockPath);
      if (holder !== undefined) {
        // A lock written before hosts were recorded is this host's.
        const sameHost = holder.host === undefined || holder.host === host;
        const fresh = Date.now() - holder.touchedAt < staleLockMs;
        if (sameHost && holder.pid !== pid && isProcessAlive(holder.pid)) throw new DataFolderLockedError(dataDir, holder.pid);
        // Our own pid under another mark: a twin container, or this pid's previous life (then stale within a minute).
        if (sameHost && holder.pid === pid && holder.token !== undefined && fresh) throw new DataFolderLockedError(dataDir, holder.pid, holder.host);
        if (!sameHost && fresh) throw new DataFolderLockedError(dataDir, holder.pid, holder.host);
      }
      // A lock left by a process that died (or unreadable): take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; remove it if no Pitwall process is running.`);
}

function readHolder(lockPath: string): { pid: number; host: string | undefined; token: string | undefined; touchedAt: number } | undefined {
  try {
    const [pidText = "", host, token] = readFileSync(lockPath, "utf8").trim().split(/\s+/, 3);
    const pid = Number.parseInt(pidText, 10);
    return Number.isInteger(pid) && pid > 0 ? { pid, host: host || undefined, token: token || undefined, touchedAt: statSync(lockPath).mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function isAlreadyExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EEXIST";
}
