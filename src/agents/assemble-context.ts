import { matchesGlob } from "node:path";
import type { RepoSnapshot } from "./workspace.ts";

// The scopes whose size depends on the repository (files by glob, the pass PR's diff, review
// comments) are filled up to what is left of the agent's byte budget (see ContextBudget). What
// does not fit is named — to the agent and on the pass — never cut silently.

export interface BudgetedText {
  label: string;
  text: string;
}

export interface Budgeted {
  included: BudgetedText[];
  /** Labels of what was left out, with its size. */
  omitted: string[];
}

/** Takes items in order while they fit in `budget` bytes; a too-big item is left out whole. */
export function fitToBudget(items: readonly BudgetedText[], budget: number): Budgeted {
  const included: BudgetedText[] = [];
  const omitted: string[] = [];
  let left = budget;
  for (const item of items) {
    const size = Buffer.byteLength(item.text);
    if (size <= left) {
      included.push(item);
      left -= size;
    } else {
      omitted.push(`${item.label} (${size.toLocaleString("en-US")} bytes)`);
    }
  }
  return { included, omitted };
}

/** The files of the base commit matching the agent's `context_files` globs, within budget. */
export async function repoFilesInScope(snapshot: RepoSnapshot, globs: readonly string[], budget: number): Promise<Budgeted> {
  if (globs.length === 0) return { included: [], omitted: [] };
  const paths = (await snapshot.listFiles()).filter((path) => globs.some((glob) => matchesGlob(path, glob)));
  const items: BudgetedText[] = [];
  for (const path of paths) {
    const text = await snapshot.readFile(path);
    if (text !== undefined) items.push({ label: path, text });
  }
  return fitToBudget(items, budget);
}
