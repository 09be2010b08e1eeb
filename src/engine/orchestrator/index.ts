export type { EngineDeps, EngineLog } from "./deps.ts";
export { commandPayload, jobKinds, runPassPayload, startWorkItemPayload, workItemLockKey, type CommandPayload, type RunPassPayload, type StartWorkItemPayload } from "./jobs.ts";
export { handleCommand } from "./handle-command.ts";
export { runPass } from "./run-pass.ts";
export { startWorkItem } from "./start-work-item.ts";
export { refreshStatusCard, statusCardMarker } from "./refresh-status-card.ts";
export { artifactFolder, passBranch, slugify } from "./artifact-path.ts";
export { reportGaveUp } from "./report-gave-up.ts";
