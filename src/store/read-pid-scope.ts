import { readFileSync, readlinkSync } from "node:fs";

/**
 * Where this process's pid means something: the running kernel (its boot id) and the pid namespace
 * (one per container), e.g. `36105ac8-…/pid:[4026531836]`. Two processes of one scope can ask each
 * other whether they live; across scopes (a restarted container, or a twin container sharing the
 * host name under host networking) a pid says nothing. Undefined where /proc has neither (not Linux).
 */
export function readPidScope(): string | undefined {
  try {
    return `${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}/${readlinkSync("/proc/self/ns/pid")}`;
  } catch {
    return undefined;
  }
}
