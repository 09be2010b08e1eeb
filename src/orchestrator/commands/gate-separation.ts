import type { OrchestratorDeps } from "../deps.ts";
import type { GitHubPort } from "../github-port.ts";
import type { CurrentGate } from "../gate/current-gate.ts";
import { separatedPeople, type Separation } from "../separated-people.ts";

/** Who may not decide this gate, as it declares (separation of duties). */
export function gateSeparation(deps: OrchestratorDeps, github: GitHubPort, gate: CurrentGate): Promise<Separation> {
  return separatedPeople(deps, github, gate.item, [gate.pass.gate], gate.run.prNumber);
}
