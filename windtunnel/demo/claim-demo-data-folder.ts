import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { lockDataFolder } from "../../src/store/data-folder-lock.ts";

/** The folder `--keep-data` names holds something else: the demo refuses rather than mix its fake repo into it. */
export class DemoDataFolderNotEmptyError extends Error {
  constructor(dataDir: string) {
    super(
      `${resolve(dataDir)} already holds data (a Pitwall database or other files). The demo keeps its data only in a new or empty folder, ` +
        `so it never mixes its fake repository into a real installation's: remove the folder, or name another one after --keep-data.`,
    );
    this.name = "DemoDataFolderNotEmptyError";
  }
}

/**
 * Checks, before anything starts, that `--keep-data` may use the folder: throws
 * DataFolderLockedError when a running Pitwall holds it, DemoDataFolderNotEmptyError when it holds
 * anything. Creates the folder; leaves no lock behind (the app takes its own when it opens it).
 */
export function claimDemoDataFolder(dataDir: string): void {
  const lock = lockDataFolder(dataDir);
  try {
    if (readdirSync(dataDir).some((entry) => entry !== "pitwall.lock")) throw new DemoDataFolderNotEmptyError(dataDir);
  } finally {
    lock.release();
  }
}
