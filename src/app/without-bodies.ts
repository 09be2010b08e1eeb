// No request body of any kind is logged, at any level: Octokit's request lines (Probot logs each
// request's parameters — titles, bodies, commit messages, file contents, a workflow's inputs — at
// `debug`) keep their message only, and a webhook's payload (`{ event }` at `debug`) keeps its
// delivery id and event name. Path censoring could only ever list the fields someone thought of.

const requestLine = /^GitHub request: /;

/** The logger's arguments without the bodies they carry. */
export function withoutBodies(args: readonly unknown[]): unknown[] {
  const [first, second, ...rest] = args;
  if (typeof first !== "object" || first === null) return [...args];
  if (typeof second === "string" && requestLine.test(second)) return [second, ...rest];
  if ("event" in first && typeof first.event === "object" && first.event !== null && "payload" in first.event) {
    const { id, name } = first.event as { id?: unknown; name?: unknown };
    return [{ ...first, event: { id, name } }, ...args.slice(1)];
  }
  return [...args];
}
