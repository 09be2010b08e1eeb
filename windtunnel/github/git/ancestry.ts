// Commit graph walks for fast-forward checks, merge bases and compare ranges.
import type { World } from "../core/world.ts";

function parentsOf(w: World, sha: string): string[] {
  return w.state.commits.get(sha)?.parents ?? [];
}

/** `sha` and every commit reachable from it, in breadth-first order. */
export function ancestors(w: World, sha: string): string[] {
  const seen = new Set<string>([sha]);
  const order = [sha];
  for (let i = 0; i < order.length; i++) {
    for (const parent of parentsOf(w, order[i] ?? "")) {
      if (!seen.has(parent)) {
        seen.add(parent);
        order.push(parent);
      }
    }
  }
  return order;
}

export function isAncestor(w: World, ancestor: string, of: string): boolean {
  return ancestors(w, of).includes(ancestor);
}

/** The nearest common ancestor (good enough for the linear and merge histories the tunnel sees). */
export function mergeBase(w: World, a: string, b: string): string | undefined {
  const fromA = new Set(ancestors(w, a));
  return ancestors(w, b).find((sha) => fromA.has(sha));
}

/** Commits reachable from `head` but not from `base`, oldest first (as compare and PR commits list them). */
export function commitsBetween(w: World, base: string, head: string): string[] {
  const excluded = new Set(ancestors(w, base));
  return ancestors(w, head)
    .filter((sha) => !excluded.has(sha))
    .reverse();
}
