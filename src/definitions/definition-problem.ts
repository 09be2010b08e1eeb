/** One problem in a definition or config file, located for the person who has to fix it. */
export interface DefinitionProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the offending field, e.g. `passes[0].gate.kind`; empty for the whole file. */
  field: string;
  message: string;
}

export function formatProblem(problem: DefinitionProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}
