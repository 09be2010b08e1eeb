import { readFileSync } from "node:fs";

export interface DockerInstruction {
  /** Upper-case instruction name: FROM, ENV, COPY … */
  name: string;
  /** Everything after the name, continuation lines joined. */
  args: string;
  /** 0 for the first FROM's stage, 1 for the next … */
  stage: number;
}

/** The Dockerfile's instructions in order (comments dropped, `\` continuations joined). */
export function readDockerfile(path: string): DockerInstruction[] {
  const logical: string[] = [];
  let pending = "";
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (pending === "" && /^\s*(#|$)/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += `${continued ? line.replace(/\\\s*$/, "") : line} `;
    if (!continued) {
      logical.push(pending.trim());
      pending = "";
    }
  }
  if (pending.trim() !== "") logical.push(pending.trim());
  let stage = -1;
  return logical.map((text) => {
    const [name = "", ...rest] = text.split(/\s+/);
    if (name.toUpperCase() === "FROM") stage += 1;
    return { name: name.toUpperCase(), args: rest.join(" "), stage };
  });
}

/** The final stage's `ENV` settings (only the `KEY=value` form, which this project uses). */
export function finalStageEnv(instructions: readonly DockerInstruction[]): Map<string, string> {
  const last = Math.max(...instructions.map((instruction) => instruction.stage));
  const env = new Map<string, string>();
  for (const instruction of instructions.filter((candidate) => candidate.stage === last && candidate.name === "ENV")) {
    for (const pair of instruction.args.split(/\s+/)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(pair);
      if (!match?.[1] || match[2] === undefined) throw new Error(`ENV ${instruction.args}: write each setting as KEY=value`);
      env.set(match[1], match[2].replace(/^"(.*)"$/, "$1"));
    }
  }
  return env;
}
