// The reaction rollup GitHub embeds in issues and comments.
import type { World } from "../core/world.ts";
import type { ReactionRecord } from "../types.ts";

export function renderReactionRollup(w: World, url: string, subject: ReactionRecord["subject"]): Record<string, unknown> {
  const counts: Record<string, number> = { "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
  let total = 0;
  for (const r of w.state.reactions.values()) {
    if (r.subject.kind !== subject.kind || r.subject.id !== subject.id) continue;
    counts[r.content] = (counts[r.content] ?? 0) + 1;
    total++;
  }
  return { url: `${url}/reactions`, total_count: total, ...counts };
}
