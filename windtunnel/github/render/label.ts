import { repoApiUrl } from "./repo.ts";
import { repoOf } from "../core/lookup.ts";
import type { World } from "../core/world.ts";
import type { LabelRecord } from "../types.ts";

export function renderLabel(w: World, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${repoApiUrl(w, repoOf(w, label.repoKey))}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function renderLabelIds(w: World, ids: number[]): Record<string, unknown>[] {
  return ids.flatMap((id) => {
    const label = w.state.labels.get(id);
    return label ? [renderLabel(w, label)] : [];
  });
}
