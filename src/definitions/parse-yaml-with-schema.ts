import { isCollection, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { formatPath, type DefinitionProblem } from "./definition-problem.ts";

export interface SourceLocation {
  line: number;
  column: number;
}

export type ParseResult<T> =
  | { ok: true; value: T; locate: (path: readonly PropertyKey[]) => SourceLocation }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Parses YAML and validates it with a zod schema; every problem names the file, the line and the
 * field. `lineOffset` shifts line numbers when the YAML is front matter inside a larger file.
 */
export function parseYamlWithSchema<S extends z.ZodType>(schema: S, text: string, file: string, lineOffset = 0): ParseResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ file, ...at(error.pos[0]), field: "", message: `invalid YAML: ${firstLine(error.message)}` })),
    };
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, value: parsed.data, locate: (path) => at(offsetOf(doc, path)) };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ file, ...at(offsetOf(doc, issue.path)), field: formatPath(issue.path), message: issue.message })),
  };
}

/** The source offset of the deepest node on `path` that exists (a missing key points at its parent). */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).filter((key): key is string | number => typeof key !== "symbol");
    const node: unknown = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
    const range = rangeOf(node);
    if (range) {
      // For a missing key inside a mapping, point at the mapping's first line, not its end.
      return range[0];
    }
    if (depth === 0) break;
  }
  return 0;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  if (node === null || typeof node !== "object") return undefined;
  if (isCollection(node) || "range" in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range ?? undefined;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
