// The wind tunnel's fake GitHub: a stateful GitHub REST server over real HTTP that the real app
// talks to, validating every request against GitHub's OpenAPI description and delivering signed
// webhooks for everything that happens, including the app's own actions.
export { startFakeGitHub } from "./start-fake-github.ts";
export { startFakeCi } from "./seed/fake-ci.ts";
export type { FakeCi, FakeCiInput, FakeCiOptions, FakeCiVerdict } from "./seed/fake-ci.ts";
export type { CheckRunReport, ReportedAnnotation } from "./seed/check-run-reports.ts";
export type { FakeGitHub, FakeGitHubEvents, FakeGitHubOptions } from "./fake-github-types.ts";
export type { Fault, FaultPreset } from "./http/faults.ts";
// What the fake throws when GitHub refuses a person's action (a merge the branch's rules forbid).
export { GitHubError } from "./http/errors.ts";
export type { ValidationErrorItem } from "./http/errors.ts";
export type { RequestLogEntry, Violation, ViolationKind } from "./http/log-types.ts";
export type { DeploymentStatusInput, PushInput } from "./seed/human-actions.ts";
export type { NewInstallation, NewRepo, ProtectionInput } from "./seed/seed-repo.ts";
export type { RulesetInput } from "./actions/ruleset-actions.ts";
export type * from "./types.ts";
