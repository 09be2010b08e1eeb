import { createHash } from "node:crypto";
import type { VersionedSnapshot } from "../../src/agents/workspace.ts";
import type { RepoPermission } from "../../src/commands/permissions.ts";
import type {
  BranchProtectionFacts,
  CheckRunState,
  CommentReaction,
  CommitFilesRequest,
  CommittedFiles,
  DeploymentRequest,
  FileChangeWithContent,
  GitHubPort,
  IssueFacts,
  LabelSpec,
  MergeResult,
  OwnApp,
  PullRequestCi,
  PullRequestFile,
  PullRequestMergeState,
  PullRequestPushers,
  PullRequestRef,
  PullRequestRequest,
  PullRequestReview,
  RepoCheck,
  Repo,
} from "../../src/orchestrator/github-port.ts";
import { inMemorySweepReads } from "./in-memory-sweep-reads.ts";

// GitHub in memory, behind the orchestrator's own port: repositories with commits, branches and
// files, issues and pull requests (one number space, as on GitHub), comments, labels, check runs,
// the repo's CI, reviews, permissions and deployments. Every call is recorded, so a test asserts
// what Pitwall did on GitHub; the state is plain data a test sets up and reads back.

/** One call Pitwall made on the port (writes and reads alike), in order. */
export interface GitHubCall {
  method: keyof GitHubPort;
  repo: string | undefined;
  args: unknown[];
}

export interface InMemoryComment {
  id: number;
  author: string;
  body: string;
  reactions: CommentReaction[];
}

export interface InMemoryIssue {
  number: number;
  title: string;
  body: string;
  author: string;
  state: "open" | "closed";
  labels: string[];
  comments: InMemoryComment[];
}

export interface InMemoryPullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
  headSha: string;
  mergeCommitSha: string | null;
  /** The merge commit's title and message, as Pitwall asked for them. */
  mergeMessage?: { title: string; message: string };
  /** The commit the head branch started from (what its files are compared with). */
  forkSha: string;
  reviews: PullRequestReview[];
  pushers: PullRequestPushers;
}

export interface InMemoryCheckRun extends CheckRunState {
  id: number;
}

interface Commit {
  sha: string;
  parent: string | null;
  files: ReadonlyMap<string, string>;
  at: Date;
}

/** One repository's state; tests read and set it directly. */
export class InMemoryRepo {
  defaultBranch = "main";
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  /** Where each branch Pitwall created started (its base commit). */
  readonly branchForks = new Map<string, string>();
  readonly issues = new Map<number, InMemoryIssue>();
  readonly pulls = new Map<number, InMemoryPullRequest>();
  readonly checkRuns: InMemoryCheckRun[] = [];
  /** The repo's own CI per commit SHA (other apps' check runs and commit statuses). */
  readonly ci = new Map<string, RepoCheck[]>();
  readonly annotations = new Map<number, string[]>();
  readonly protection = new Map<string, BranchProtectionFacts>();
  readonly permissions = new Map<string, RepoPermission>();
  readonly deployments: (DeploymentRequest & { id: number })[] = [];
  readonly labels: LabelSpec[] = [];
  /** A reason GitHub gives for refusing the next merges (branch protection, a required review …). */
  mergeRefusal: string | undefined;

  readonly owner: string;
  readonly name: string;
  private readonly world: InMemoryGitHub;

  constructor(owner: string, name: string, world: InMemoryGitHub) {
    this.owner = owner;
    this.name = name;
    this.world = world;
  }

  get head(): string {
    const sha = this.branches.get(this.defaultBranch);
    if (!sha) throw new Error(`${this.owner}/${this.name} has no commit yet`);
    return sha;
  }

  /** Commits `files` (null deletes) straight onto a branch, as a person's push would. */
  push(files: Record<string, string | null>, branch = this.defaultBranch): string {
    const parent = this.branches.get(branch) ?? null;
    const tree = new Map(parent ? this.commitAt(parent).files : []);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) tree.delete(path);
      else tree.set(path, content);
    }
    const sha = this.world.nextSha(`commit:${branch}`);
    this.commits.set(sha, { sha, parent, files: tree, at: this.world.now() });
    this.branches.set(branch, sha);
    for (const pull of this.pulls.values()) if (pull.state === "open" && pull.head === branch) pull.headSha = sha;
    return sha;
  }

  openIssue(issue: { title: string; body?: string; author?: string; labels?: string[] }): InMemoryIssue {
    const created: InMemoryIssue = { number: this.world.nextNumber(), title: issue.title, body: issue.body ?? "", author: issue.author ?? "alice", state: "open", labels: [...(issue.labels ?? [])], comments: [] };
    this.issues.set(created.number, created);
    return created;
  }

  /** A file's text at a ref (a branch, `heads/<branch>`, or a SHA). */
  fileAt(path: string, ref: string): string | undefined {
    const sha = this.resolve(ref);
    return sha ? this.commitAt(sha).files.get(path) : undefined;
  }

  /** The SHA a ref names, or undefined. */
  resolve(ref: string): string | undefined {
    if (this.commits.has(ref)) return ref;
    return this.branches.get(ref.replace(/^(refs\/)?heads\//, ""));
  }

  commitAt(sha: string): Commit {
    const commit = this.commits.get(sha);
    if (!commit) throw new GitHubError(404, `No commit found for SHA: ${sha}`);
    return commit;
  }

  issue(number: number): InMemoryIssue {
    const issue = this.issues.get(number);
    if (!issue) throw new GitHubError(404, `issue #${number} not found in ${this.owner}/${this.name}`);
    return issue;
  }

  pull(number: number): InMemoryPullRequest {
    const pull = this.pulls.get(number);
    if (!pull) throw new GitHubError(404, `pull request #${number} not found in ${this.owner}/${this.name}`);
    return pull;
  }

  /** The open pull request of a branch. */
  pullOf(branch: string): InMemoryPullRequest | undefined {
    return [...this.pulls.values()].find((pull) => pull.head === branch && pull.state === "open");
  }

  /** Comments on an issue or pull request (both are issues on GitHub). */
  comments(number: number): InMemoryComment[] {
    return this.issues.get(number)?.comments ?? [];
  }

  labelsOn(number: number): string[] {
    return this.issues.get(number)?.labels ?? [];
  }

  /** A comment as a person writes it; returns it (for a command job's `commentId`). */
  comment(number: number, author: string, body: string): InMemoryComment {
    const comment: InMemoryComment = { id: this.world.nextCommentId(), author, body, reactions: [] };
    this.issue(number).comments.push(comment);
    return comment;
  }

  diff(base: string, head: string): FileChangeWithContent[] {
    const before = this.commitAt(base).files;
    const after = this.commitAt(head).files;
    const changes: FileChangeWithContent[] = [];
    for (const [path, text] of after) {
      const old = before.get(path);
      if (old === undefined) changes.push({ path, status: "added", after: text });
      else if (old !== text) changes.push({ path, status: "modified", before: old, after: text });
    }
    for (const [path, old] of before) if (!after.has(path)) changes.push({ path, status: "removed", before: old });
    return changes.sort((a, b) => a.path.localeCompare(b.path));
  }
}

/** An error as GitHub (through src/github's normalisation) reports one: with its status. */
export class GitHubError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const noProtection: BranchProtectionFacts = { exists: false, requiredChecks: [], requiredApprovals: 0, checks: [], classicApprovals: 0, reviewRulesetIds: [] };

/** The port as this class implements it: the same methods, answering at once (port() makes them promises). */
type SyncPort = { [K in keyof GitHubPort]: GitHubPort[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : GitHubPort[K] };

/** The methods that only read: `guardWrites` lets them through without its check. */
const reads = new Set<keyof GitHubPort>([
  "getRefSha",
  "readRepoFile",
  "readRepoMarkdownFiles",
  "getDefaultBranchHead",
  "findDefaultBranchHead",
  "getDefaultBranch",
  "repoSnapshot",
  "getPullRequest",
  "compareCommits",
  "changedFilesWithContent",
  "pullRequestFiles",
  "pullRequestPatches",
  "pullRequestPushers",
  "pullRequestReviews",
  "hasCheckRun",
  "readCheckAnnotations",
  "readPullRequestCi",
  "readBranchProtection",
  "rulesetsHoldingApp",
  "getIssue",
  "issueLabels",
  "getRepoPermission",
  "installationRepos",
  "openIssues",
  "labelEvents",
  "issueState",
  "rateLimitLeft",
  "issueComments",
  "reviews",
  "pullRequestFacts",
  "repoChecks",
]);

/**
 * GitHub for one test: `port()` is what `githubFor` hands the orchestrator; `repo(owner, name)`
 * is a repository's state; `calls` is every call made through the port.
 */
export class InMemoryGitHub {
  readonly calls: GitHubCall[] = [];
  readonly own: OwnApp = { id: 4242, login: "pitwall[bot]" };
  private readonly repos = new Map<string, InMemoryRepo>();
  private shaCount = 0;
  private numberCount = 0;
  private commentCount = 0;
  private idCount = 0;

  readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  /** A repository, created empty on first use. */
  repo(owner = "acme", name = "rocket"): InMemoryRepo {
    const key = `${owner}/${name}`.toLowerCase();
    let found = this.repos.get(key);
    if (!found) {
      found = new InMemoryRepo(owner, name, this);
      this.repos.set(key, found);
    }
    return found;
  }

  /** The calls of one method, each with its arguments after the repo. */
  callsTo(method: keyof GitHubPort): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  /** Names of the write calls made, in order (reads left out). */
  writes(): (keyof GitHubPort)[] {
    return this.calls.filter((call) => !reads.has(call.method)).map((call) => call.method);
  }

  nextSha(seed: string): string {
    return createHash("sha1").update(`${seed}:${++this.shaCount}`).digest("hex");
  }
  nextNumber(): number {
    return ++this.numberCount;
  }
  nextCommentId(): number {
    return 1000 + ++this.commentCount;
  }
  private nextId(): number {
    return 500 + ++this.idCount;
  }

  private of(repo: Repo): InMemoryRepo {
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    const found = this.repos.get(key);
    if (!found) throw new GitHubError(404, `repository ${repo.owner}/${repo.repo} not found`);
    return found;
  }

  /** The port the orchestrator acts through; each call is recorded before it runs, and answers as GitHub would: later. */
  port(): GitHubPort {
    const target = this.implementation();
    const port = Object.fromEntries(
      Object.entries(target).map(([name, implementation]) => {
        const fn = implementation as (...args: unknown[]) => unknown;
        const method = name as keyof GitHubPort;
        const direct = method === "repoSnapshot" || method === "guardWrites";
        return [
          name,
          (...args: unknown[]) => {
            // guardWrites makes no call on GitHub: only the port's operations are recorded.
            if (method !== "guardWrites") this.record(method, args);
            if (direct) return fn(...args);
            try {
              return Promise.resolve(fn(...args));
            } catch (error) {
              return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
          },
        ];
      }),
    );
    return port as unknown as GitHubPort;
  }

  private record(method: keyof GitHubPort, args: unknown[]): void {
    // upsertComment takes the app first, then the repo.
    const [repoArg, rest] = method === "upsertComment" ? [args[1], args.slice(2)] : [args[0], args.slice(1)];
    const repo = repoArg as Partial<Repo> | undefined;
    this.calls.push({ method, repo: typeof repo === "object" && repo.owner !== undefined ? `${repo.owner}/${repo.repo ?? ""}` : undefined, args: rest });
  }

  private implementation(): SyncPort {
    const port: SyncPort = {
      ...inMemorySweepReads((repo) => this.of(repo), () => [...this.repos.values()], this.now),
      commitFiles: (repo, request: CommitFilesRequest): CommittedFiles => {
        const state = this.of(repo);
        const parent = state.branches.get(request.branch) ?? request.baseSha;
        const before = state.commitAt(parent);
        const tree = new Map(before.files);
        for (const file of request.files) {
          if (file.content === null) tree.delete(file.path);
          else tree.set(file.path, file.content);
        }
        if (!state.branches.has(request.branch)) {
          state.branches.set(request.branch, parent);
          state.branchForks.set(request.branch, request.baseSha);
        }
        if (sameTree(before.files, tree)) return { commitSha: parent, treeSha: treeSha(tree), created: false, at: this.now() };
        const sha = state.push(Object.fromEntries(request.files.map((file) => [file.path, file.content])), request.branch);
        return { commitSha: sha, treeSha: treeSha(tree), created: true, at: state.commitAt(sha).at };
      },
      getRefSha: (repo, ref) => this.of(repo).branches.get(ref.replace(/^heads\//, "")),
      readRepoFile: (repo, path, ref) => this.of(repo).fileAt(path, ref),
      readRepoMarkdownFiles: (repo, folder, ref) => {
        const state = this.of(repo);
        const sha = state.resolve(ref);
        if (!sha) return [];
        const prefix = `${folder.replace(/\/$/, "")}/`;
        return [...state.commitAt(sha).files]
          .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/") && path.endsWith(".md"))
          .map(([path, text]) => ({ path, text }));
      },
      getDefaultBranchHead: (repo) => {
        const state = this.of(repo);
        return { branch: state.defaultBranch, sha: state.head };
      },
      findDefaultBranchHead: (repo) => {
        const state = this.of(repo);
        const sha = state.branches.get(state.defaultBranch);
        return sha ? { branch: state.defaultBranch, sha } : undefined;
      },
      getDefaultBranch: (repo) => this.of(repo).defaultBranch,
      repoSnapshot: (repo, commitSha): VersionedSnapshot => {
        const files = () => this.of(repo).commitAt(commitSha).files;
        return {
          listFiles: () => Promise.resolve([...files().keys()].sort()),
          readFile: (path) => Promise.resolve(files().get(path)),
          blobSha: (path) => {
            const text = files().get(path);
            return Promise.resolve(text === undefined ? undefined : createHash("sha1").update(`blob ${text}`).digest("hex"));
          },
        };
      },

      ensurePullRequest: (repo, request: PullRequestRequest): PullRequestRef => {
        const state = this.of(repo);
        const headSha = state.branches.get(request.head);
        if (!headSha) throw new GitHubError(422, `Validation Failed: head ${request.head} does not exist`);
        const open = state.pullOf(request.head);
        if (open) {
          open.title = request.title;
          open.body = request.body;
          return { number: open.number, headSha: open.headSha, htmlUrl: pullUrl(state, open.number), created: false };
        }
        const number = this.nextNumber();
        state.issues.set(number, { number, title: request.title, body: request.body, author: this.own.login, state: "open", labels: [], comments: [] });
        state.pulls.set(number, {
          number,
          head: request.head,
          base: request.base,
          title: request.title,
          body: request.body,
          state: "open",
          merged: false,
          headSha,
          mergeCommitSha: null,
          forkSha: state.branchForks.get(request.head) ?? state.branches.get(request.base) ?? headSha,
          reviews: [],
          pushers: { pushers: [], unlinked: null },
        });
        return { number, headSha, htmlUrl: pullUrl(state, number), created: true };
      },
      getPullRequest: (repo, pullNumber): PullRequestMergeState => {
        const pull = this.of(repo).pull(pullNumber);
        return { merged: pull.merged, mergeCommitSha: pull.mergeCommitSha, headSha: pull.headSha };
      },
      closePullRequest: (repo, pullNumber, why, options) => {
        const state = this.of(repo);
        const pull = state.pull(pullNumber);
        if (pull.state === "closed") return;
        state.comment(pullNumber, this.own.login, why);
        pull.state = "closed";
        const issue = state.issues.get(pullNumber);
        if (issue) issue.state = "closed";
        if (options?.deleteBranch) state.branches.delete(pull.head);
      },
      mergePullRequest: (repo, pullNumber, headSha, commit): MergeResult => {
        const state = this.of(repo);
        const pull = state.pull(pullNumber);
        // GitHub's 405/409 answers, as the port reports them: reasons, not throws.
        if (pull.merged) return { merged: false, reason: "Pull Request is not mergeable: already merged" };
        if (pull.state !== "open") return { merged: false, reason: "Pull Request is not mergeable: it is closed" };
        if (pull.headSha !== headSha) return { merged: false, reason: `Head branch was modified. Review and try the merge again (head is ${pull.headSha})` };
        if (state.mergeRefusal !== undefined) return { merged: false, reason: state.mergeRefusal };
        const changes = state.diff(pull.forkSha, pull.headSha);
        const sha = state.push(Object.fromEntries(changes.map((change) => [change.path, change.status === "removed" ? null : (change.after ?? "")])), pull.base);
        pull.state = "closed";
        pull.merged = true;
        pull.mergeCommitSha = sha;
        const issue = state.issues.get(pullNumber);
        if (issue) issue.state = "closed";
        pull.mergeMessage = commit;
        return { merged: true, sha };
      },
      deleteBranch: (repo, branch) => {
        this.of(repo).branches.delete(branch);
      },
      compareCommits: (repo, base, head) => {
        const state = this.of(repo);
        return { files: state.diff(requireSha(state, base), requireSha(state, head)).map((change) => change.path), url: `https://github.com/${state.owner}/${state.name}/compare/${base}...${head}` };
      },
      changedFilesWithContent: (repo, base, head) => {
        const state = this.of(repo);
        return state.diff(requireSha(state, base), requireSha(state, head));
      },
      pullRequestFiles: (repo, pullNumber): PullRequestFile[] => {
        const state = this.of(repo);
        const pull = state.pull(pullNumber);
        return state
          .diff(pull.forkSha, pull.headSha)
          .slice(0, 100)
          .map((change) => ({ path: change.path, status: change.status }));
      },
      pullRequestPatches: (repo, pullNumber) => {
        const state = this.of(repo);
        const pull = state.pull(pullNumber);
        return state.diff(pull.forkSha, pull.headSha).map((change) => ({ path: change.path, patch: `@@ ${change.status} @@\n${change.after ?? ""}` }));
      },
      pullRequestPushers: (repo, pullNumber, except) => {
        const { pushers, unlinked } = this.of(repo).pull(pullNumber).pushers;
        return { pushers: pushers.filter((pusher) => pusher.login !== except), unlinked };
      },
      pullRequestReviews: (repo, pullNumber) => this.of(repo).pull(pullNumber).reviews.filter((review) => review.body !== "" && !review.author.endsWith("[bot]")),

      upsertCheckRun: (repo, checkRun, knownId) => {
        const state = this.of(repo);
        const known = knownId ? state.checkRuns.find((candidate) => candidate.id === knownId) : undefined;
        if (known) {
          Object.assign(known, checkRun);
          return known.id;
        }
        const id = this.nextId();
        state.checkRuns.push({ ...checkRun, id });
        return id;
      },
      hasCheckRun: (repo, headSha, name, externalId) => this.of(repo).checkRuns.some((run) => run.headSha === headSha && run.name === name && run.externalId === externalId),
      readCheckAnnotations: (repo, checkRunId, limit) => (this.of(repo).annotations.get(checkRunId) ?? []).slice(0, limit ?? 50),
      readPullRequestCi: (repo, pullNumber, sha): PullRequestCi => {
        const state = this.of(repo);
        const required = (state.protection.get(state.pull(pullNumber).base) ?? noProtection).requiredChecks;
        return { required: required.length > 0 ? required : undefined, checks: state.ci.get(sha) ?? [] };
      },
      readBranchProtection: (repo, branch) => this.of(repo).protection.get(branch) ?? noProtection,
      rulesetsHoldingApp: () => [],

      postComment: (repo, issueNumber, body) => this.of(repo).comment(issueNumber, this.own.login, body).id,
      upsertComment: (own, repo, issueNumber, marker, body, knownId) => {
        const state = this.of(repo);
        const comments = state.issue(issueNumber).comments;
        // As the real port writes it: the marker on the first line, then the body.
        const text = `${marker}\n${body}`;
        const found = comments.find((comment) => comment.id === knownId && comment.author === own.login) ?? comments.find((comment) => comment.author === own.login && comment.body.startsWith(marker));
        if (found) {
          found.body = text;
          return found.id;
        }
        return state.comment(issueNumber, own.login, text).id;
      },
      getIssue: (repo, issueNumber): IssueFacts => {
        const issue = this.of(repo).issue(issueNumber);
        return { title: issue.title, body: issue.body, author: issue.author, state: issue.state };
      },
      createIssue: (repo, issue) => {
        const state = this.of(repo);
        const created = state.openIssue({ title: issue.title, body: issue.body, author: this.own.login, labels: issue.labels });
        return { number: created.number, url: `https://github.com/${state.owner}/${state.name}/issues/${created.number}` };
      },
      closeIssue: (repo, issueNumber) => {
        this.of(repo).issue(issueNumber).state = "closed";
      },
      reopenIssue: (repo, issueNumber) => {
        this.of(repo).issue(issueNumber).state = "open";
      },
      issueLabels: (repo, issueNumber) => [...this.of(repo).issue(issueNumber).labels],
      reactToComment: (repo, commentId, content) => {
        const comment = [...this.of(repo).issues.values()].flatMap((issue) => issue.comments).find((candidate) => candidate.id === commentId);
        if (!comment) throw new GitHubError(404, `comment ${commentId} not found`);
        comment.reactions.push(content);
      },
      addLabel: (repo, issueNumber, label) => {
        const issue = this.of(repo).issue(issueNumber);
        if (!issue.labels.includes(label)) issue.labels.push(label);
      },
      removeLabel: (repo, issueNumber, label) => {
        const issue = this.of(repo).issue(issueNumber);
        issue.labels = issue.labels.filter((candidate) => candidate !== label);
      },
      createMissingLabels: (repo, labels) => {
        const state = this.of(repo);
        const missing = labels.filter((label) => !state.labels.some((existing) => existing.name.toLowerCase() === label.name.toLowerCase()));
        state.labels.push(...missing);
        return missing.map((label) => label.name);
      },

      getRepoPermission: (repo, username) => this.of(repo).permissions.get(username.toLowerCase()) ?? "none",
      ensureDeployment: (repo, request) => {
        const state = this.of(repo);
        const found = state.deployments.find((deployment) => deployment.key === request.key);
        if (found) return { id: found.id, created: false };
        const id = this.nextId();
        state.deployments.push({ ...request, id });
        return { id, created: true };
      },

      guardWrites: (check) => guarded(this.port(), check),
    };
    return port;
  }
}

/** The port with `check` awaited before every write (reads go through), as the work-item fence needs. */
function guarded(port: GitHubPort, check: () => Promise<void>): GitHubPort {
  return new Proxy(port, {
    get: (object, property: string | symbol) => {
      const value = Reflect.get(object, property) as unknown;
      if (typeof value !== "function" || property === "guardWrites" || reads.has(property as keyof GitHubPort)) return value;
      return async (...args: unknown[]) => {
        await check();
        return (value as (...rest: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

function sameTree(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

function treeSha(tree: ReadonlyMap<string, string>): string {
  return createHash("sha1")
    .update(JSON.stringify([...tree].sort(([a], [b]) => a.localeCompare(b))))
    .digest("hex");
}

function requireSha(state: InMemoryRepo, ref: string): string {
  const sha = state.resolve(ref);
  if (!sha) throw new GitHubError(404, `No commit found for ${ref}`);
  return sha;
}

function pullUrl(state: InMemoryRepo, number: number): string {
  return `https://github.com/${state.owner}/${state.name}/pull/${number}`;
}
