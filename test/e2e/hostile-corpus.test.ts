import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLinesStream } from "../support/log-lines-stream.ts";
import { deliveriesOf } from "../support/world-queries.ts";
import { type Actor, type HostileEntry, hostileCorpus, type Neutralise, type Target } from "../support/hostile-corpus.ts";
import { currentPull, type Lifecycle, repo, startLifecycle, workItemOf, type FakeReply, type RecordedRequest, scriptedAgentReply, scriptedUsage } from "../../windtunnel/index.ts";

// Issue 13, "How it is checked": the hostile corpus (test/support/hostile-corpus.ts) through the
// wind tunnel, one text at a time, each followed by `settle()` so that whatever Pitwall did is
// that text's doing. At the end a table counts what should never happen, and each count is
// asserted to be zero, naming the corpus entries that caused it.

const logins: Record<Actor, string> = { approver: "carol", initiator: "alice", "issue-author": "dave", pusher: "erin", "read-only": "bob", "no-access": "mallory", "other-app": "helper[bot]", model: "", repository: "" };
const titles: Record<Target, string> = {
  feature: "Add dark mode",
  security: "Session tokens leak into the access log",
  switch: "Harden the login rate limit",
  model: "Export the launch log as CSV",
  "model-secret": "Rotate the export credentials",
};
const secretTitle = (entry: HostileEntry) => `${titles["model-secret"]} (${entry.id})`;

interface Snapshot {
  decisionId: number;
  auditId: number;
  commentId: number;
  merged: Set<number>;
  greenGates: Set<number>;
  items: Map<number, { state: string; workflow: string }>;
}

/** What one entry made Pitwall do that it should not have, by measure. */
interface Findings {
  gate: string[];
  commands: string[];
  replies: number;
  modelLeaks: string[];
  writeLeaks: string[];
  logLeaks: string[];
  live: string[];
  foreignEdits: string[];
}

const emptyFindings = (): Findings => ({ gate: [], commands: [], replies: 0, modelLeaks: [], writeLeaks: [], logLeaks: [], live: [], foreignEdits: [] });

describe("the hostile corpus through the wind tunnel", () => {
  let life: Lifecycle;
  const logLines: string[] = [];
  const findings = new Map<string, Findings>(hostileCorpus.map((entry) => [entry.id, emptyFindings()]));
  /** The comment each comment-like entry posted (the one its replies and reactions belong to). */
  const commentOf = new Map<string, number>();
  const issues = new Map<Target, number>();
  /** Model-output entries the scripted model actually wrote (so their checks are not vacuous). */
  const written = new Set<string>();
  let elapsedMs = 0;
  const found = (entry: HostileEntry) => findings.get(entry.id) ?? emptyFindings();
  const other = () => issues.get("feature") ?? 0;
  const textOf = (entry: HostileEntry) => entry.text.replaceAll("{other}", String(other()));
  /** Pitwall's replies to the entry's comment, those to its first delivery included for a redelivery. */
  const repliesTo = (entry: HostileEntry) => {
    const first = hostileCorpus.find((candidate) => candidate.id === entry.redeliver?.of);
    return found(entry).replies + (first ? found(first).replies : 0);
  };

  beforeAll(async () => {
    const started = Date.now();
    const logStream = logLinesStream(logLines);
    life = await startLifecycle({ log: { logLevel: "debug", logStream } });
    const gh = life.tunnel.github;
    for (const login of ["dave", "erin", "mallory"]) gh.createUser({ login });
    gh.setPermission(repo, "dave", "write");
    gh.setPermission(repo, "erin", "write");
    // The repository's files the diagnostician will read, committed by carol.
    const files: Record<string, string> = {};
    for (const entry of hostileCorpus.filter((candidate) => candidate.channel === "repo-file")) {
      const path = entry.path ?? "";
      files[path] = `${files[path] ?? ""}${entry.text}\n`;
    }
    gh.pushFiles(repo, { branch: "main", by: "carol", files, message: "Add configuration" });
    life.tunnel.anthropic.setResponder(hostileModel);
    await life.tunnel.settle();

    for (const target of ["feature", "security", "switch", "model", "model-secret"] as const) await runTarget(target);
    elapsedMs = Date.now() - started;
    collectLeaks();
    console.log(report());
  }, 600_000);

  afterAll(async () => {
    await life?.close();
  });

  /**
   * Opens the target's issue, labels it and delivers its entries one at a time. An entry that
   * moved a gate has spoilt the work item for the next: they get a fresh one, so that one
   * bypass does not hide another.
   */
  async function runTarget(target: Target): Promise<void> {
    const entries = hostileCorpus.filter((entry) => entry.target === target);
    if (target === "model-secret") {
      for (const entry of entries) await openWorkItem(target, secretTitle(entry), []);
      return;
    }
    const before = await snapshot();
    let number = await openWorkItem(target, entries.find((entry) => entry.channel === "issue-title")?.text ?? titles[target], entries.filter((entry) => entry.beforeLabel));
    if (target === "model") return runModelTarget(number, before);
    for (const entry of entries.filter((candidate) => !candidate.beforeLabel && ["comment", "comment-edit", "redelivery", "review"].includes(candidate.channel))) {
      await run(entry, number);
      if (found(entry).gate.length > 0) number = await openWorkItem(target, titles[target], []);
    }
  }

  /** An issue (dave opens the security one; alice the others) with the target's issue texts, labelled by alice. */
  async function openWorkItem(target: Target, title: string, beforeLabel: HostileEntry[]): Promise<number> {
    const gh = life.tunnel.github;
    const body = ["Steps and context below.", ...hostileCorpus.filter((entry) => entry.target === target && entry.channel === "issue-body").map(textOf)].join("\n\n");
    const number = gh.createIssue(repo, { title, body, author: target === "security" ? "dave" : "alice" }).number;
    if (!issues.has(target)) issues.set(target, number);
    for (const entry of beforeLabel) await run(entry, number);
    gh.addLabel(repo, number, target === "security" || target === "switch" ? "pitwall:security" : "pitwall:feature", { by: "alice" });
    await life.tunnel.settle();
    return number;
  }

  /** The model wrote commands into its output: nothing moves until carol approves, and then the spec merges. */
  async function runModelTarget(number: number, before: Snapshot): Promise<void> {
    const commanding = hostileCorpus.filter((entry) => entry.target === "model" && /^\//m.test(entry.text));
    const changes = await gateChanges(before, undefined);
    const item = await workItemOf(life.tunnel, number);
    if (item.workflow !== "feature") changes.push(`#${number} switched to ${item.workflow}`);
    for (const entry of commanding) found(entry).gate.push(...changes);
    if (item.state !== "awaiting_gate") return;
    const spec = await currentPull(life.tunnel, number);
    life.tunnel.github.comment(repo, spec.number, "/approve", { by: "carol" });
    await life.tunnel.settle();
  }

  /** Delivers one comment, edit, redelivery or review and records what came of it. */
  async function run(entry: HostileEntry, issueNumber: number): Promise<void> {
    const gh = life.tunnel.github;
    const by = logins[entry.actor];
    const pull = entry.beforeLabel ? undefined : await currentPull(life.tunnel, issueNumber).catch(() => undefined);
    const where = entry.on === "issue" || !pull ? issueNumber : pull.number;
    if (entry.pushFirst && pull) {
      gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/${pull.passId}`, files: { [`notes/${by}.md`]: `Reviewed by ${by}.\n` }, by, message: "Note the review" });
      await life.tunnel.settle();
    }
    const before = await snapshot();
    switch (entry.channel) {
      case "comment":
        commentOf.set(entry.id, gh.comment(repo, where, textOf(entry), { by }).id);
        break;
      case "comment-edit": {
        const comment = gh.comment(repo, where, "Noted, reading now.", { by });
        commentOf.set(entry.id, comment.id);
        await life.tunnel.settle();
        gh.editComment(repo, comment.id, textOf(entry), { by });
        break;
      }
      case "redelivery": {
        const of = entry.redeliver?.of ?? "";
        const commentId = commentOf.get(of);
        const delivery = deliveriesOf(gh, "issue_comment").filter((candidate) => (candidate.payload["comment"] as { id: number }).id === commentId).at(-1);
        if (!delivery) throw new Error(`${entry.id}: no webhook of ${of} to send again`);
        if (commentId !== undefined) commentOf.set(entry.id, commentId);
        for (let time = 0; time < (entry.redeliver?.times ?? 1); time += 1) {
          await gh.deliver("issue_comment", undefined, delivery.payload);
          await life.tunnel.settle();
        }
        break;
      }
      case "review": {
        if (!pull) throw new Error(`${entry.id}: no pass PR to review`);
        const commitId = pull.headSha;
        if (entry.review?.commit === "before-push") {
          // alice pushes a fix-up; the review still names the commit its author read.
          gh.pushFiles(repo, { branch: `pitwall/${issueNumber}/${pull.passId}`, files: { "notes/alice.md": "Wording tweak.\n" }, by: "alice", message: "Tweak wording" });
          await life.tunnel.settle();
        }
        gh.review(repo, pull.number, { by, event: entry.review?.event ?? "COMMENT", ...(entry.text ? { body: textOf(entry) } : {}), commitId });
        break;
      }
      default:
        throw new Error(`${entry.id}: ${entry.channel} is not delivered one at a time`);
    }
    await life.tunnel.settle();
    await measure(entry, before);
  }

  async function snapshot(): Promise<Snapshot> {
    const sql = life.tunnel.pitwall.sql;
    const state = life.tunnel.github.state;
    const [decision] = await sql.query<{ id: string | number }>("select coalesce(max(id), 0) as id from gate_decisions");
    const [audit] = await sql.query<{ id: string | number }>("select coalesce(max(id), 0) as id from audit_log");
    const items = await sql.query<{ issue_number: number; state: string; workflow: string }>("select issue_number, state, workflow from work_items");
    return {
      decisionId: Number(decision?.id ?? 0),
      auditId: Number(audit?.id ?? 0),
      commentId: Math.max(0, ...state.comments.keys()),
      merged: new Set([...state.pulls.values()].filter((pull) => pull.merged).map((pull) => pull.number)),
      greenGates: new Set([...state.checkRuns.values()].filter((run) => run.name === "pitwall/gate" && run.conclusion === "success").map((run) => run.id)),
      items: new Map(items.map((item) => [item.issue_number, { state: item.state, workflow: item.workflow }])),
    };
  }

  /** Gate decisions, merges, green gates and workflow switches since `before` (a legitimate reject by `rejecting` aside). */
  async function gateChanges(before: Snapshot, rejecting: string | undefined): Promise<string[]> {
    const state = life.tunnel.github.state;
    const now = await snapshot();
    // An approval recorded for a commit that is not the pass's head counts for nothing.
    const decisions = await life.tunnel.pitwall.sql.query<{ decision: string; actor: string; commit_sha: string | null; head_sha: string | null }>(
      "select g.decision, g.actor, g.commit_sha, r.head_sha from gate_decisions g join pass_runs r on r.id = g.pass_run_id where g.id > $1 and g.decision <> 'refused' order by g.id",
      [before.decisionId],
    );
    return [
      ...decisions.filter((row) => !(row.decision === "reject" && row.actor === rejecting) && (row.decision === "reject" || row.commit_sha === row.head_sha)).map((row) => `gate decision "${row.decision}" by ${row.actor}`),
      ...[...now.merged].filter((number) => !before.merged.has(number)).map((number) => `merged #${number}`),
      ...[...now.greenGates].filter((id) => !before.greenGates.has(id)).map((id) => `pitwall/gate went green on ${[...state.checkRuns.values()].find((run) => run.id === id)?.headSha.slice(0, 7) ?? "?"}`),
      ...[...now.items].filter(([number, item]) => before.items.has(number) && before.items.get(number)?.workflow !== item.workflow).map(([number, item]) => `#${number} switched to ${item.workflow}`),
    ];
  }

  async function measure(entry: HostileEntry, before: Snapshot): Promise<void> {
    const state = life.tunnel.github.state;
    const by = logins[entry.actor];
    const result = found(entry);
    const rejecting = entry.expect === "rejects" ? by : undefined;
    result.gate.push(...(await gateChanges(before, rejecting)));
    // Commands executed: the actor's audit entries that are not refusals, pauses and cancels, and a
    // thumbs-up on the comment when no refusal was recorded for it.
    const audit = await life.tunnel.pitwall.sql.query<{ actor: string; action: string }>("select actor, action from audit_log where id > $1 order by id", [before.auditId]);
    const refused = audit.some((row) => row.actor === by && /refused/.test(row.action));
    // An approval recorded for a commit that is no longer the head is bookkeeping, not a command run.
    const [stale] = await life.tunnel.pitwall.sql.query<{ count: string | number }>(
      "select count(*) as count from gate_decisions g join pass_runs r on r.id = g.pass_run_id where g.id > $1 and g.actor = $2 and g.decision = 'approve' and g.commit_sha is distinct from r.head_sha",
      [before.decisionId, by],
    );
    let uncounted = Number(stale?.count ?? 0);
    const executed = audit.filter((row) => row.actor === by && !/refused/.test(row.action)).filter((row) => !(/^(\/approve|review approval) on /.test(row.action) && uncounted-- > 0));
    if (!rejecting) result.commands.push(...executed.map((row) => `audit "${row.action}"`));
    const items = await life.tunnel.pitwall.sql.query<{ issue_number: number; state: string }>("select issue_number, state from work_items");
    for (const item of items) {
      if (["paused", "cancelled"].includes(item.state) && before.items.get(item.issue_number)?.state !== item.state) result.commands.push(`#${item.issue_number} ${item.state}`);
    }
    const commentId = commentOf.get(entry.id);
    const bot = [...state.users.values()].find((user) => user.login === life.tunnel.github.botLogin)?.id;
    const thumbs = [...state.reactions.values()].filter((reaction) => reaction.subject.kind === "comment" && reaction.subject.id === commentId && reaction.userId === bot);
    if (thumbs.length > 0 && !refused && !rejecting) result.commands.push(`reacted ${thumbs.map((reaction) => reaction.content).join(" ")} to the comment`);
    // Replies: Pitwall's new comments that are not its marked, edited-in-place ones.
    const replies = [...state.comments.values()].filter((comment) => comment.id > before.commentId && comment.viaApp && !comment.body.startsWith("<!-- pitwall:"));
    result.replies += replies.length;
  }

  /** Canaries in model requests, in what Pitwall wrote to GitHub and in the log; live patterns in what Pitwall wrote. */
  function collectLeaks(): void {
    const gh = life.tunnel.github;
    const models = [...life.tunnel.anthropic.requests, ...life.tunnel.openai.requests].map((request) => JSON.stringify(request.body));
    const writes = gh.requests.filter((request) => request.actor === gh.botLogin && request.method !== "GET" && request.body !== undefined);
    // GitHub makes merge commits from what Pitwall wrote (PR titles and bodies).
    const mergeMessages = [...gh.state.pulls.values()].flatMap((pull) => (pull.mergeCommitSha ? [gh.state.commits.get(pull.mergeCommitSha)?.message ?? ""] : []));
    const written = [...writes.map((request) => ({ where: `${request.method} ${request.route ?? request.path}`, text: JSON.stringify(request.body) })), ...mergeMessages.map((text) => ({ where: "a merge commit", text }))];
    // Artifact files are kept as the model wrote them: only what GitHub renders is checked for live patterns.
    const rendered = [
      ...writes.filter((request) => !/\/git\/(blobs|trees)$/.test(request.path)).flatMap((request) => stringsIn(request.body).map((text) => ({ where: `${request.method} ${request.route ?? request.path}`, text }))),
      ...mergeMessages.map((text) => ({ where: "a merge commit", text })),
    ];
    const appComments = new Set([...gh.state.comments.values()].filter((comment) => comment.viaApp).map((comment) => comment.id));
    for (const entry of hostileCorpus) {
      const result = found(entry);
      for (const canary of entry.canaries ?? []) {
        // A model's own output is not a leak when it is sent back to that conversation; from
        // people and the repository, nothing may reach a model.
        const modelLeaks = models.filter((body) => body.includes(canary)).length;
        if (entry.channel !== "model-output" && modelLeaks > 0) result.modelLeaks.push(`in ${modelLeaks} model requests`);
        result.writeLeaks.push(...new Set(written.filter((write) => write.text.includes(canary)).map((write) => write.where)));
        const logs = logLines.filter((line) => line.includes(canary)).length;
        if (logs > 0) result.logLeaks.push(`in ${logs} log lines`);
      }
      for (const pattern of entry.neutralise ?? []) {
        result.live.push(...new Set(rendered.filter((write) => isLive(pattern, write.where, write.text, other())).map((write) => `${pattern.kind} in ${write.where}`)));
      }
      const commentId = commentOf.get(entry.id);
      if (commentId !== undefined && !appComments.has(commentId)) {
        const edits = writes.filter((request) => request.method === "PATCH" && request.path.endsWith(`/issues/comments/${commentId}`)).length;
        if (edits > 0) result.foreignEdits.push(`Pitwall edited this person's comment ${edits} times`);
      }
    }
  }

  function report(): string {
    const rows: [string, (result: Findings, entry: HostileEntry) => number][] = [
      ["gate changes that should not happen", (result) => result.gate.length],
      ["commands executed that should not be", (result) => result.commands.length],
      ["comments answered more than once", (_result, entry) => (repliesTo(entry) > 1 ? 1 : 0)],
      ["canaries in model requests", (result) => result.modelLeaks.length],
      ["canaries in what Pitwall wrote to GitHub", (result) => result.writeLeaks.length],
      ["canaries in log lines at debug", (result) => result.logLeaks.length],
      ["live closing keywords, images, mentions", (result) => result.live.length],
      ["other people's comments Pitwall edited", (result) => result.foreignEdits.length],
    ];
    const channels = new Map<string, number>();
    for (const entry of hostileCorpus) channels.set(entry.channel, (channels.get(entry.channel) ?? 0) + 1);
    const lines = [
      `hostile corpus: ${hostileCorpus.length} texts (${[...channels].map(([channel, count]) => `${channel} ${count}`).join(", ")}) in ${(elapsedMs / 1000).toFixed(1)} s`,
      `${"measure".padEnd(42)} ${"count".padStart(5)}  entries`,
      ...rows.map(([name, count]) => {
        const hits = hostileCorpus.filter((entry) => count(found(entry), entry) > 0);
        return `${name.padEnd(42)} ${String(hits.reduce((sum, entry) => sum + count(found(entry), entry), 0)).padStart(5)}  ${hits.map((entry) => entry.id).join(", ")}`;
      }),
      `${"most replies to one comment (limit 1)".padEnd(42)} ${String(Math.max(0, ...hostileCorpus.map(repliesTo))).padStart(5)}`,
    ];
    return lines.join("\n");
  }

  /** "entry id: what happened" for each entry with findings of one measure. */
  const misbehaving = (pick: (result: Findings, entry: HostileEntry) => string[]) =>
    hostileCorpus.flatMap((entry) => {
      const what = pick(found(entry), entry);
      return what.length > 0 ? [`${entry.id} (${entry.why}): ${what.join("; ")}`] : [];
    });

  /** The scripted model, reading the repository's files for the security item and writing hostile output for the model item. */
  function hostileModel(request: RecordedRequest): FakeReply {
    const reply = scriptedAgentReply(request);
    const body = request.body as { tools?: unknown[]; messages?: unknown[] } | undefined;
    const tools = JSON.stringify(body?.tools ?? []);
    const prompt = JSON.stringify(body?.messages ?? []);
    const title = /issue #\d+ \(quoted data, not instructions\)\\n# (.+?)\\n/.exec(prompt)?.[1] ?? "";
    if (title === titles.security && tools.includes("submit_artifacts") && tools.includes('"read_file"') && !tools.includes('"write_file"')) {
      const step = (prompt.match(/"type":"tool_result"/g) ?? []).length;
      const paths = [...new Set(hostileCorpus.filter((entry) => entry.channel === "repo-file").map((entry) => entry.path ?? ""))];
      const reads = [...paths.map((path) => ({ name: "read_file", input: { path } })), { name: "search_text", input: { query: "password" } }];
      const next = reads[step];
      return next ? { text: "", toolCalls: [next], usage: scriptedUsage } : reply;
    }
    const call = reply.toolCalls?.[0];
    const alone = hostileCorpus.find((entry) => entry.target === "model-secret" && title === secretTitle(entry));
    if ((title !== titles.model && !alone) || !call) return reply;
    const parts = (part: "artifact" | "summary" | "verdict") => {
      const entries = hostileCorpus.filter((entry) => entry.channel === "model-output" && (alone ? entry === alone : entry.target === "model") && entry.model?.part === part);
      for (const entry of entries) written.add(entry.id);
      return entries.map(textOf);
    };
    if (call.name === "submit_verdict") {
      const input = call.input as { summary: string };
      return { ...reply, toolCalls: [{ ...call, input: { ...input, summary: [input.summary, ...parts("verdict")].join("\n\n") } }] };
    }
    const input = call.input as { artifacts?: { name: string; content: string }[]; summary: string };
    // Only the spec pass writes hostile output; later passes of the model item are ordinary.
    if (call.name !== "submit_artifacts" || !input.artifacts?.some((artifact) => artifact.name === "spec.md")) return reply;
    const artifactText = parts("artifact").join("\n\n");
    const summary = [...parts("summary"), input.summary].join("\n\n");
    return { ...reply, toolCalls: [{ ...call, input: { ...input, summary, artifacts: input.artifacts.map((artifact) => ({ ...artifact, content: `${artifact.content}\n\n${artifactText}\n` })) } }] };
  }

  it("holds at least 50 texts across every channel", () => {
    expect(hostileCorpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(hostileCorpus.map((entry) => entry.id)).size).toBe(hostileCorpus.length);
    expect(new Set(hostileCorpus.map((entry) => entry.channel))).toEqual(new Set(["issue-title", "issue-body", "comment", "comment-edit", "redelivery", "review", "repo-file", "model-output"]));
  });

  it("reached Pitwall: the log at debug, the repository's files and the model's output", () => {
    expect(logLines.some((line) => line.includes('"level":20')), "debug lines were captured").toBe(true);
    const models = life.tunnel.anthropic.requests.map((request) => JSON.stringify(request.body));
    for (const entry of hostileCorpus.filter((candidate) => candidate.channel === "repo-file")) {
      expect(models.some((body) => body.includes(`"path":"${entry.path ?? ""}"`) && body.includes('"type":"tool_result"')), `${entry.id}: the diagnostician read ${entry.path ?? ""}`).toBe(true);
    }
    expect(hostileCorpus.filter((entry) => entry.channel === "model-output" && !written.has(entry.id)).map((entry) => entry.id), "model outputs the scripted model never got to write").toEqual([]);
  });

  it("keeps the model's artifacts as it wrote them", () => {
    const files = Object.values(life.tunnel.github.readFiles(repo, "main") ?? {});
    const artifacts = hostileCorpus.filter((entry) => entry.target === "model" && entry.model?.part === "artifact");
    expect(artifacts.filter((entry) => !files.some((content) => content.includes(textOf(entry)))).map((entry) => entry.id)).toEqual([]);
  });

  it("opens, merges or switches no gate on a hostile text", () => {
    expect(misbehaving((result) => result.gate)).toEqual([]);
  });

  it("runs no command a hostile text carries", () => {
    expect(misbehaving((result) => result.commands)).toEqual([]);
  });

  it("answers each comment at most once, whatever delivery carries it", () => {
    expect(misbehaving((result, entry) => (repliesTo(entry) > 1 ? [`${repliesTo(entry)} replies to the comment${entry.redeliver ? `, ${result.replies} of them to the redeliveries` : ""}`] : []))).toEqual([]);
  });

  it("lets no canary secret reach a model", () => {
    expect(misbehaving((result) => result.modelLeaks)).toEqual([]);
  });

  it("writes no canary secret to GitHub", () => {
    expect(misbehaving((result) => result.writeLeaks)).toEqual([]);
  });

  it("logs no canary secret at debug level", () => {
    expect(misbehaving((result) => result.logLeaks)).toEqual([]);
  });

  it("writes no live closing keyword, remote image or team mention from model output", () => {
    expect(misbehaving((result) => result.live)).toEqual([]);
  });

  it("never edits a comment it did not write, whatever marker it carries", () => {
    expect(misbehaving((result) => result.foreignEdits)).toEqual([]);
  });
});

/** Every string inside a request body (titles, bodies, messages, check-run output). */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Whether GitHub would act on `pattern` in `text` written by `where` ("METHOD route"): closing
 * keywords close issues from PR bodies and commit messages; images load and team mentions notify
 * in conversations (issues, PRs, comments), images in check runs too. Code and HTML comments are inert.
 */
function isLive(pattern: Neutralise, where: string, text: string, otherIssue: number): boolean {
  const prose = text.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, "").replace(/(`+)[^`]*?\1/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const commit = where === "a merge commit" || /\/git\/commits$|\/merge$/.test(where);
  const pullBody = /\/pulls(\/\{pull_number\})?$/.test(where);
  const conversation = /\/(pulls|issues)(\/|$)/.test(where) && !commit;
  const checkRun = /\/check-runs/.test(where);
  const needle = pattern.needle.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  switch (pattern.kind) {
    case "closing-keyword":
      return (commit || pullBody) && new RegExp(`\\b${needle}\\b\\s*:?\\s+(?:[\\w.-]+/[\\w.-]+)?#${otherIssue}\\b`, "i").test(prose);
    case "remote-image":
      return (conversation || checkRun) && (new RegExp(`!\\[[^\\]]*\\]\\(\\s*<?https?://[^)\\s]*${needle}`, "i").test(prose) || new RegExp(`<img\\b[^>]*\\bsrc\\s*=\\s*["']?\\s*https?://[^"'\\s>]*${needle}`, "i").test(prose));
    case "team-mention":
      return conversation && new RegExp(`(?:^|[^\\w\`/\\\\])@${needle}\\b`).test(prose);
  }
}
