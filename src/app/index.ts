export { startPitwall, type PitwallOptions, type PitwallRuntime } from "./start-pitwall.ts";
export { readPitwallEnv, type PitwallEnv } from "./read-pitwall-env.ts";
export { acceptDelivery, commentJob, labeledJob } from "./inbox.ts";
