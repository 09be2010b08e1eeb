// Test-only: GitHub's response and webhook payload schemas from @octokit/openapi, to check
// that what the fake answers and delivers has the shape real GitHub documents.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { stripSchema } from "../../windtunnel/github/openapi/extract-operations.ts";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

let spec: Promise<Json> | undefined;

function loadSpec(): Promise<Json> {
  spec ??= (async () => {
    const pkg = createRequire(import.meta.url).resolve("@octokit/openapi/package.json");
    const parsed: unknown = JSON.parse(await readFile(join(dirname(pkg), "generated", "api.github.com.deref.json"), "utf8"));
    if (!isRecord(parsed)) throw new Error("unexpected OpenAPI description");
    return parsed;
  })();
  return spec;
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

export interface SchemaChecker {
  response(method: string, template: string, status: number, data: unknown): string[];
  webhook(event: string, payload: Json): string[];
}

export async function schemaChecker(): Promise<SchemaChecker> {
  const doc = await loadSpec();
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });
  const cache = new Map<string, ValidateFunction | null>();
  const compile = (key: string, schema: unknown): ValidateFunction | null => {
    if (!cache.has(key)) {
      const plain = stripSchema(schema);
      cache.set(key, isRecord(plain) ? ajv.compile(plain) : null);
    }
    return cache.get(key) ?? null;
  };
  const problems = (label: string, validate: ValidateFunction | null, data: unknown): string[] => {
    if (!validate) return [`${label}: no schema in GitHub's description`];
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${label}: ${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  };
  return {
    response(method, template, status, data) {
      const schema = at(doc, "paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema");
      if (status === 204) return [];
      return problems(`${method} ${template} ${status}`, compile(`${method} ${template} ${status}`, schema), data);
    },
    webhook(event, payload) {
      const action = typeof payload.action === "string" ? payload.action : undefined;
      const name = `${event.replace(/_/g, "-")}${action ? `-${action.replace(/_/g, "-")}` : ""}`;
      const schema = at(doc, "x-webhooks", name, "post", "requestBody", "content", "application/json", "schema");
      return problems(`webhook ${name}`, compile(`webhook ${name}`, schema), payload);
    },
  };
}
