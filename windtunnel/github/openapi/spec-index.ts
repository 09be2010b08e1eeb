// Matches a request's method and raw path to GitHub's operation. Templates are compiled to
// regular expressions on raw (still percent-encoded) segments; `x-multi-segment` parameters
// (ref, path, branch …) may span slashes. More literal templates win ties, so
// `/branches/{branch}/protection` beats `/branches/{branch}`.
import type { SpecOperation } from "./spec-types.ts";

interface Compiled {
  op: SpecOperation;
  regex: RegExp;
  names: string[];
  literalLength: number;
}

export interface SpecMatch {
  op: SpecOperation;
  params: Record<string, string>;
}

function compile(op: SpecOperation): Compiled {
  const names: string[] = [];
  const multi = new Set(op.parameters.filter((p) => p.in === "path" && p.multiSegment).map((p) => p.name));
  let literalLength = 0;
  const source = op.path.replace(/\{(\w+)\}|[^{]+/g, (token, name: string | undefined) => {
    if (name === undefined) {
      literalLength += token.length;
      return token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    names.push(name);
    // the contents path may be empty: GET /contents/ lists the root
    if (name === "path") return "(.*)";
    return multi.has(name) ? "(.+?)" : "([^/]+)";
  });
  return { op, regex: new RegExp(`^${source}$`), names, literalLength };
}

export class SpecIndex {
  private readonly byMethod = new Map<string, Compiled[]>();

  constructor(operations: SpecOperation[]) {
    for (const op of operations) {
      const list = this.byMethod.get(op.method) ?? [];
      list.push(compile(op));
      this.byMethod.set(op.method, list);
    }
    for (const list of this.byMethod.values()) list.sort((a, b) => b.literalLength - a.literalLength || a.op.path.localeCompare(b.op.path));
  }

  find(method: string, template: string): SpecOperation | undefined {
    return this.byMethod.get(method)?.find((c) => c.op.path === template)?.op;
  }

  /** The best match, preferring operations `prefer` accepts (the ones the fake implements). */
  match(method: string, rawPath: string, prefer: (op: SpecOperation) => boolean = () => true): SpecMatch | undefined {
    const all = [...this.matches(method, rawPath)];
    return all.find((m) => prefer(m.op)) ?? all[0];
  }

  private *matches(method: string, rawPath: string): Generator<SpecMatch> {
    for (const candidate of this.byMethod.get(method) ?? []) {
      const m = candidate.regex.exec(rawPath);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        candidate.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? "")));
      } catch {
        continue;
      }
      yield { op: candidate.op, params };
    }
  }
}
