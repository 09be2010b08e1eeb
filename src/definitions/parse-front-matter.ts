import type { z } from "zod";
import type { ParseResult } from "./parse-yaml-with-schema.ts";
import { parseYamlWithSchema } from "./parse-yaml-with-schema.ts";

export interface FrontMatterFile<T> {
  frontMatter: T;
  body: string;
}

/** Splits a Markdown file into YAML front matter (between `---` lines) and body, and validates the front matter. */
export function parseFrontMatter<S extends z.ZodType>(schema: S, text: string, file: string): ParseResult<FrontMatterFile<z.infer<S>>> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") {
    return { ok: false, problems: [{ file, line: 1, column: 1, field: "", message: "the file must start with YAML front matter between two `---` lines" }] };
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === "---");
  if (end === -1) {
    return { ok: false, problems: [{ file, line: 1, column: 1, field: "", message: "the front matter is not closed by a `---` line" }] };
  }
  // Front matter starts on line 2 of the file.
  const result = parseYamlWithSchema(schema, lines.slice(1, end).join("\n"), file, 1);
  if (!result.ok) return result;
  return { ok: true, value: { frontMatter: result.value, body: lines.slice(end + 1).join("\n").trim() }, locate: result.locate };
}
