import type { GitHubPort } from "../orchestrator/github-port.ts";
import { hasCheckRun, upsertCheckRun } from "./check-runs.ts";
import { postComment, upsertComment } from "./comments.ts";
import { commitFiles, getRefSha } from "./commit-files.ts";
import { findDefaultBranchHead, getDefaultBranch, getDefaultBranchHead, readRepoFile, readRepoMarkdownFiles } from "./contents.ts";
import { createMissingLabels } from "./create-missing-labels.ts";
import { ensureDeployment } from "./deployments.ts";
import { guardWrites } from "./guard-writes.ts";
import { closeIssue, createIssue, getIssue, issueLabels, reactToComment, reopenIssue } from "./issues.ts";
import { addLabel, removeLabel } from "./labels.ts";
import type { GitHub } from "./octokit.ts";
import { getRepoPermission } from "./permissions.ts";
import {
  changedFilesWithContent,
  closePullRequest,
  compareCommits,
  deleteBranch,
  ensurePullRequest,
  getPullRequest,
  mergePullRequest,
  pullRequestFiles,
  pullRequestPatches,
  pullRequestPushers,
  pullRequestReviews,
} from "./pull-requests.ts";
import { readBranchProtection, readCheckAnnotations, readPullRequestCi, rulesetsHoldingApp } from "./repo-checks.ts";
import { repoSnapshot } from "./repo-snapshot.ts";
import { sweepReads } from "./sweep-reads.ts";

/** The GitHub port over one installation's Octokit: each method is this folder's function of the same name. */
export function createGitHubPort(gh: GitHub): GitHubPort {
  return {
    commitFiles: (repo, request) => commitFiles(gh, repo, request),
    getRefSha: (repo, ref) => getRefSha(gh, repo, ref),
    readRepoFile: (repo, path, ref) => readRepoFile(gh, repo, path, ref),
    readRepoMarkdownFiles: (repo, folder, ref) => readRepoMarkdownFiles(gh, repo, folder, ref),
    getDefaultBranchHead: (repo) => getDefaultBranchHead(gh, repo),
    findDefaultBranchHead: (repo) => findDefaultBranchHead(gh, repo),
    getDefaultBranch: (repo) => getDefaultBranch(gh, repo),
    repoSnapshot: (repo, commitSha) => repoSnapshot(gh, repo, commitSha),

    ensurePullRequest: (repo, request) => ensurePullRequest(gh, repo, request),
    getPullRequest: (repo, pullNumber) => getPullRequest(gh, repo, pullNumber),
    closePullRequest: (repo, pullNumber, why, options) => closePullRequest(gh, repo, pullNumber, why, options),
    mergePullRequest: (repo, pullNumber, headSha, commit) => mergePullRequest(gh, repo, pullNumber, headSha, commit),
    deleteBranch: (repo, branch) => deleteBranch(gh, repo, branch),
    compareCommits: (repo, base, head) => compareCommits(gh, repo, base, head),
    changedFilesWithContent: (repo, base, head) => changedFilesWithContent(gh, repo, base, head),
    pullRequestFiles: (repo, pullNumber) => pullRequestFiles(gh, repo, pullNumber),
    pullRequestPatches: (repo, pullNumber) => pullRequestPatches(gh, repo, pullNumber),
    pullRequestPushers: (repo, pullNumber, except, own) => pullRequestPushers(gh, repo, pullNumber, except, own),
    pullRequestReviews: (repo, pullNumber) => pullRequestReviews(gh, repo, pullNumber),

    upsertCheckRun: (repo, checkRun, knownId) => upsertCheckRun(gh, repo, checkRun, knownId),
    hasCheckRun: (repo, headSha, name, externalId) => hasCheckRun(gh, repo, headSha, name, externalId),
    readCheckAnnotations: (repo, checkRunId, limit) => readCheckAnnotations(gh, repo, checkRunId, limit),
    readPullRequestCi: (repo, pullNumber, sha) => readPullRequestCi(gh, repo, pullNumber, sha),
    readBranchProtection: (repo, branch) => readBranchProtection(gh, repo, branch),
    rulesetsHoldingApp: (repo, rulesetIds) => rulesetsHoldingApp(gh, repo, rulesetIds),

    postComment: (repo, issueNumber, body, fit) => postComment(gh, repo, issueNumber, body, fit),
    upsertComment: (own, repo, issueNumber, marker, body, knownId, fit) => upsertComment(gh, own, repo, issueNumber, marker, body, knownId, fit),
    getIssue: (repo, issueNumber) => getIssue(gh, repo, issueNumber),
    createIssue: (repo, issue) => createIssue(gh, repo, issue),
    closeIssue: (repo, issueNumber) => closeIssue(gh, repo, issueNumber),
    reopenIssue: (repo, issueNumber) => reopenIssue(gh, repo, issueNumber),
    issueLabels: (repo, issueNumber) => issueLabels(gh, repo, issueNumber),
    reactToComment: (repo, commentId, content) => reactToComment(gh, repo, commentId, content),
    addLabel: (repo, issueNumber, label) => addLabel(gh, repo, issueNumber, label),
    removeLabel: (repo, issueNumber, label) => removeLabel(gh, repo, issueNumber, label),
    createMissingLabels: (repo, labels) => createMissingLabels(gh, repo, labels),

    getRepoPermission: (repo, username) => getRepoPermission(gh, repo, username),
    ensureDeployment: (repo, request) => ensureDeployment(gh, repo, request),

    ...sweepReads(gh),

    guardWrites: (check) => createGitHubPort(guardWrites(gh, check)),
  };
}
