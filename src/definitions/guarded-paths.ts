/**
 * CI configuration, Pitwall's own definitions and config, and repository automation: a write
 * here could run code or change gates. An agent may touch one only when a glob of its access
 * names that area explicitly (a bare `**` is not enough).
 */
export const guardedPaths = [".github/**", ".gitlab-ci.yml", ".circleci/**", "Jenkinsfile", "azure-pipelines.yml", ".buildkite/**", "workflows/**", "agents/**", ".git/**"] as const;
