export { hasStatus, type GitHub, type Repo } from "./octokit.ts";
export { commitFiles, getRefSha, type CommitFilesRequest, type FileChange } from "./commit-files.ts";
export { ensurePullRequest, mergePullRequest, type MergeResult, type PullRequestRef, type PullRequestRequest } from "./pull-requests.ts";
export { commentMarker, postComment, upsertComment } from "./comments.ts";
export { getRepoPermission } from "./permissions.ts";
export { getDefaultBranchHead, readRepoFile, readRepoMarkdownFiles } from "./contents.ts";
export { upsertCheckRun, type CheckRunState } from "./check-runs.ts";
export { closeIssue, getIssue, reactToComment } from "./issues.ts";
