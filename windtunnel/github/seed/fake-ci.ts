// A tiny CI for scenarios and the demo: it watches the fake's own event stream and, for every
// push to a branch other than the default one (a person's `git push`, or the app moving a ref
// through the Git refs or contents API — all raise `push`), reports a check run on the pushed
// commit as another GitHub App would: in_progress, then completed with what `decide` says.
// It runs on the next microtask, after the push's own events (push, pull_request.synchronize).
import type { FakeGitHub } from "../fake-github-types.ts";
import type { ReportedAnnotation } from "./check-run-reports.ts";
import type { EventRecord } from "../types.ts";

export interface FakeCiInput {
  repo: string;
  sha: string;
  branch: string;
  /** every file at the pushed commit, path → UTF-8 contents */
  files: Record<string, string>;
}

export interface FakeCiVerdict {
  conclusion: "success" | "failure";
  summary: string;
  /** the output title (default: the check name and the conclusion) */
  title?: string;
  annotations?: ReportedAnnotation[];
}

export interface FakeCiOptions {
  /** `owner/name` */
  repo: string;
  checkName: string;
  /** slug of the CI's GitHub App (default "github-actions") */
  app?: string;
  /** also run on pushes to the default branch (default false) */
  onDefaultBranch?: boolean;
  decide(input: FakeCiInput): FakeCiVerdict | Promise<FakeCiVerdict>;
}

export interface FakeCi {
  /** stops listening; runs already started still finish */
  stop(): void;
  /** runs completed so far */
  readonly runs: number;
  /** resolves once every run started so far has completed */
  idle(): Promise<void>;
}

const ZERO = "0".repeat(40);

const text = (value: unknown, key: string): string | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  const field: unknown = Object.entries(value).find(([k]) => k === key)?.[1];
  return typeof field === "string" ? field : undefined;
};

export function startFakeCi(github: FakeGitHub, options: FakeCiOptions): FakeCi {
  const wanted = options.repo.toLowerCase();
  const app = options.app ?? "github-actions";
  let runs = 0;
  const pending = new Set<Promise<void>>();

  async function run(sha: string, branch: string): Promise<void> {
    github.reportCheckRun(options.repo, sha, { name: options.checkName, app, status: "in_progress" });
    let verdict: FakeCiVerdict;
    try {
      verdict = await options.decide({ repo: options.repo, sha, branch, files: github.readFiles(options.repo, sha) ?? {} });
    } catch (error) {
      verdict = { conclusion: "failure", summary: `The CI job crashed: ${error instanceof Error ? error.message : String(error)}` };
    }
    github.reportCheckRun(options.repo, sha, {
      name: options.checkName,
      app,
      conclusion: verdict.conclusion,
      output: { title: verdict.title ?? `${options.checkName}: ${verdict.conclusion}`, summary: verdict.summary, annotations: verdict.annotations ?? [] },
    });
    runs++;
  }

  const listener = (event: EventRecord): void => {
    if (event.event !== "push") return;
    const ref = text(event.payload, "ref") ?? "";
    const after = text(event.payload, "after") ?? ZERO;
    const fullName = text(event.payload.repository, "full_name") ?? "";
    if (fullName.toLowerCase() !== wanted || !ref.startsWith("refs/heads/") || after === ZERO) return;
    const branch = ref.slice("refs/heads/".length);
    const defaultBranch = github.state.repos.get(wanted)?.defaultBranch;
    if (branch === defaultBranch && !options.onDefaultBranch) return;
    const started = Promise.resolve().then(() => run(after, branch));
    const tracked = started.catch((error: unknown) => console.error("wind tunnel: the fake CI failed", error)).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  github.on("event", listener);
  return {
    stop: () => github.off("event", listener),
    get runs() {
      return runs;
    },
    idle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
