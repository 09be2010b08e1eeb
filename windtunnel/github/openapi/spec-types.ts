// The slice of GitHub's OpenAPI description the wind tunnel keeps: per operation its route,
// id, docs link, parameters and JSON request body schema (annotations stripped).

export interface SpecParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: unknown;
  multiSegment: boolean;
}

export interface SpecOperation {
  /** upper case, e.g. "POST" */
  method: string;
  /** GitHub's path template, e.g. "/repos/{owner}/{repo}/git/refs/{ref}" */
  path: string;
  operationId: string;
  docsUrl: string;
  parameters: SpecParameter[];
  body: { required: boolean; schema: unknown } | null;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
