export { hasStatus, type GitHub } from "./octokit.ts";
export { createGitHubPort } from "./create-github-port.ts";
export { commitFiles, getRefSha } from "./commit-files.ts";
export { ensurePullRequest, mergePullRequest } from "./pull-requests.ts";
export { postComment, upsertComment } from "./comments.ts";
export { getRepoPermission } from "./permissions.ts";
export { getDefaultBranchHead, readRepoFile, readRepoMarkdownFiles } from "./contents.ts";
export { upsertCheckRun } from "./check-runs.ts";
export { closeIssue, getIssue, reactToComment } from "./issues.ts";
