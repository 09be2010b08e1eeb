// Extracts the operations from `@octokit/openapi`'s dereferenced description (73 MB) into a
// small list. Deterministic: spec order is kept and only annotations are dropped.
import { isRecord, type SpecOperation, type SpecParameter } from "./spec-types.ts";

const METHODS = ["get", "post", "put", "patch", "delete"];
const ANNOTATIONS = new Set(["description", "example", "examples", "title", "externalDocs", "deprecated", "readOnly", "writeOnly", "discriminator"]);

/** OpenAPI 3.0 `nullable` as JSON Schema: a null type (ajv rejects `nullable` without `type`). */
function nullableToJsonSchema(schema: Record<string, unknown>): Record<string, unknown> {
  if (!("nullable" in schema)) return schema;
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (typeof rest.type === "string") {
    const withNull = { ...rest, type: [rest.type, "null"] };
    const values: unknown[] | undefined = Array.isArray(rest.enum) ? rest.enum : undefined;
    return values && !values.includes(null) ? { ...withNull, enum: [...values, null] } : withNull;
  }
  return { anyOf: [rest, { type: "null" }] };
}

/**
 * GitHub's OpenAPI schemas as plain JSON Schema for ajv: documentation keywords dropped
 * (property names inside `properties` are kept whatever they are) and `nullable` converted.
 */
export function stripSchema(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => stripSchema(item));
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (inProperties) out[key] = stripSchema(value);
    else if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    else if (key === "enum" || key === "default" || key === "const") out[key] = value;
    else out[key] = stripSchema(value, key === "properties" || key === "patternProperties");
  }
  return inProperties ? out : nullableToJsonSchema(out);
}

function parameter(raw: unknown): SpecParameter | undefined {
  if (!isRecord(raw) || typeof raw.name !== "string" || (raw.in !== "path" && raw.in !== "query")) return undefined;
  return { name: raw.name, in: raw.in, required: raw.required === true, schema: stripSchema(raw.schema ?? {}), multiSegment: raw["x-multi-segment"] === true };
}

function body(raw: unknown): SpecOperation["body"] {
  if (!isRecord(raw) || !isRecord(raw.content)) return null;
  const json = raw.content["application/json"];
  if (!isRecord(json)) return null;
  return { required: raw.required === true, schema: stripSchema(json.schema ?? {}) };
}

export function extractOperations(spec: unknown): SpecOperation[] {
  if (!isRecord(spec) || !isRecord(spec.paths)) throw new Error("wind tunnel: the OpenAPI description has no paths");
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const docs = isRecord(op.externalDocs) && typeof op.externalDocs.url === "string" ? op.externalDocs.url : "https://docs.github.com/rest";
      const params = Array.isArray(op.parameters) ? op.parameters : [];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: typeof op.operationId === "string" ? op.operationId : `${method} ${path}`,
        docsUrl: docs,
        parameters: params.flatMap((p) => parameter(p) ?? []),
        body: body(op.requestBody),
      });
    }
  }
  return operations;
}
