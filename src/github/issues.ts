import { fitToLimit, githubLimits } from "../domain/fit-to-limit.ts";
import type { GitHub, Repo } from "./octokit.ts";
import { redactText } from "./redact-text.ts";
import { sentOnce } from "./sent-once.ts";

export async function closeIssue(gh: GitHub, repo: Repo, issueNumber: number): Promise<void> {
  await gh.rest.issues.update({ ...repo, issue_number: issueNumber, state: "closed", state_reason: "completed" });
}

export async function reopenIssue(gh: GitHub, repo: Repo, issueNumber: number): Promise<void> {
  await gh.rest.issues.update({ ...repo, issue_number: issueNumber, state: "open" });
}

/** Acknowledges a command with a reaction, so the person sees it was read before the work is done. */
export async function reactToComment(gh: GitHub, repo: Repo, commentId: number, content: "eyes" | "+1" | "-1" | "confused"): Promise<void> {
  await gh.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
}

export async function getIssue(gh: GitHub, repo: Repo, issueNumber: number): Promise<{ title: string; body: string; author: string; state: string }> {
  const { data } = await gh.rest.issues.get({ ...repo, issue_number: issueNumber });
  return { title: data.title, body: data.body ?? "", author: data.user?.login ?? "ghost", state: data.state };
}

export async function createIssue(gh: GitHub, repo: Repo, issue: { title: string; body: string; labels: string[] }): Promise<{ number: number; url: string }> {
  const { data } = await gh.rest.issues.create({
    ...repo,
    title: fitToLimit(redactText(issue.title), githubLimits.title),
    body: fitToLimit(redactText(issue.body), githubLimits.body),
    labels: issue.labels.map((label) => fitToLimit(label, githubLimits.labelName)),
    ...sentOnce,
  });
  return { number: data.number, url: data.html_url };
}

/** The names of the labels an issue carries now. */
export async function issueLabels(gh: GitHub, repo: Repo, issueNumber: number): Promise<string[]> {
  const { data } = await gh.rest.issues.listLabelsOnIssue({ ...repo, issue_number: issueNumber, per_page: 100 });
  return data.map((label) => label.name);
}
