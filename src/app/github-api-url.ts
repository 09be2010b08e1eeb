/** The REST API Probot talks to: GitHub.com, or `GHE_HOST` (over `GHE_PROTOCOL`, https by default). */
export function githubApiUrl(env: NodeJS.ProcessEnv): string {
  // As Probot's readEnvOptions builds its baseUrl.
  return env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : "https://api.github.com";
}
