// Validates path and query parameters and the JSON body of a request against the operation's
// schemas with ajv, compiled lazily once per operation. OpenAPI 3.0 `nullable` is understood by
// ajv; formats GitHub relies on are checked, unknown ones ignored.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { SpecOperation } from "./spec-types.ts";

export interface RequestProblem {
  where: "path" | "query" | "body";
  message: string;
}

const formats = {
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uri: /^[a-z][a-z0-9+.-]*:\S*$/i,
  email: /^\S+@\S+$/,
};

function newAjv(coerceTypes: boolean | "array"): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, logger: false, coerceTypes, validateFormats: true });
  for (const [name, regex] of Object.entries(formats)) ajv.addFormat(name, regex);
  return ajv;
}

/** GitHub words schema failures like `"head_sha" wasn't supplied.` or `For 'properties/x', … is not …`. */
function describe(error: ErrorObject, data: unknown): string {
  if (error.keyword === "required" && typeof error.params.missingProperty === "string") return `"${error.params.missingProperty}" wasn't supplied.`;
  // GitHub's words for a string over its maxLength (a check run's summary: zyborg/dotnet-tests-report#9)
  const tooLong = pick(data, error.instancePath);
  if (error.keyword === "maxLength" && typeof error.params.limit === "number" && typeof tooLong === "string") return `Only ${error.params.limit} characters are allowed; ${[...tooLong].length} were supplied.`;
  const where = error.instancePath === "" ? "the request body" : `'${error.instancePath.slice(1).replace(/\//g, "/")}'`;
  const value = pick(data, error.instancePath);
  const shown = value === undefined ? "" : `${JSON.stringify(value)?.slice(0, 200)} `;
  return `For ${where}, ${shown}${error.message ?? "is invalid"}.`;
}

function pick(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) current = current[Number(key)];
    else if (typeof current === "object" && current !== null) current = Object.entries(current).find(([k]) => k === key)?.[1];
    else return undefined;
  }
  return current;
}

export class RequestValidator {
  private readonly bodyAjv = newAjv(false);
  private readonly paramAjv = newAjv("array");
  private readonly bodyCache = new Map<SpecOperation, ValidateFunction>();
  private readonly paramCache = new Map<string, ValidateFunction>();

  validate(op: SpecOperation, params: Record<string, string>, query: URLSearchParams, body: unknown, hasBody: boolean): RequestProblem | undefined {
    const pathProblem = this.checkParams(op, "path", params);
    if (pathProblem) return pathProblem;
    const queryProblem = this.checkParams(op, "query", Object.fromEntries(query));
    if (queryProblem) return queryProblem;
    if (!op.body) return undefined;
    if (!hasBody && !op.body.required) return undefined;
    const validate = this.bodyValidator(op);
    const data = hasBody ? body : {};
    if (validate(data)) return undefined;
    const first = validate.errors?.[0];
    return { where: "body", message: first ? describe(first, data) : "The request body is invalid." };
  }

  private bodyValidator(op: SpecOperation): ValidateFunction {
    let validate = this.bodyCache.get(op);
    if (!validate) {
      validate = this.bodyAjv.compile(op.body?.schema ?? {});
      this.bodyCache.set(op, validate);
    }
    return validate;
  }

  private checkParams(op: SpecOperation, where: "path" | "query", values: Record<string, string>): RequestProblem | undefined {
    const declared = op.parameters.filter((p) => p.in === where);
    if (declared.length === 0) return undefined;
    const key = `${op.method} ${op.path} ${where}`;
    let validate = this.paramCache.get(key);
    if (!validate) {
      const properties = Object.fromEntries(declared.map((p) => [p.name, p.schema]));
      const required = declared.filter((p) => p.required).map((p) => p.name);
      validate = this.paramAjv.compile({ type: "object", properties, required });
      this.paramCache.set(key, validate);
    }
    // coercion writes into the object, so validate a copy
    const data: Record<string, unknown> = { ...values };
    if (validate(data)) return undefined;
    const first = validate.errors?.[0];
    return { where, message: first ? describe(first, data) : `Invalid ${where} parameters.` };
  }
}
