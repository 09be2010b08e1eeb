/** The clock port: decision code is handed the time, never reads it (the orchestrator, the worker). */
export interface Clock {
  now(): Date;
}
