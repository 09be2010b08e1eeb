import type { DemoWorkflow } from "./read-demo-options.ts";
import { currentPull, driveToDone, repo, say as comment, type Lifecycle } from "../index.ts";

// The demo's scenarios, one per default workflow: an issue, its label, and what the people do.

export interface DemoScenario {
  label: string;
  title: string;
  body: string;
  /** What the people do beyond approving every gate. */
  play(life: Lifecycle, issueNumber: number): Promise<void>;
}

export const demoScenarios: Record<DemoWorkflow, DemoScenario> = {
  feature: {
    label: "pitwall:feature",
    title: "Add dark mode",
    body: "Users want a dark theme that follows the OS setting.",
    async play(life, issueNumber) {
      let rejected = false;
      await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
        if (pull.passId !== "spec" || rejected) return false;
        rejected = true;
        await comment(life.tunnel, pull.number, "/reject Say what happens when the OS setting changes while the app runs.", "carol");
        return true;
      });
    },
  },
  bug: {
    label: "pitwall:bug",
    title: "Launch crashes on empty config",
    body: "Starting with an empty config file crashes with a TypeError.",
    async play(life, issueNumber) {
      life.failCiOnceOn.add("/patch");
      await driveToDone(life.tunnel, issueNumber, "carol");
    },
  },
  security: {
    label: "pitwall:security",
    title: "Token leaks into logs",
    body: "The session token is written to the access log.",
    async play(life, issueNumber) {
      await life.tunnel.settle();
      await comment(life.tunnel, (await currentPull(life.tunnel, issueNumber)).number, "/approve", "alice");
      await driveToDone(life.tunnel, issueNumber, "carol", async (pull) => {
        const gate = [...life.tunnel.github.state.checkRuns.values()].find((run) => run.name === "pitwall/gate" && run.headSha === pull.headSha);
        if (pull.passId !== "patch" || gate?.conclusion !== "success") return false;
        life.tunnel.github.mergePullRequest(repo, pull.number, { by: "carol", sha: pull.headSha });
        await life.tunnel.settle();
        return true;
      });
    },
  },
  refactor: {
    label: "pitwall:refactor",
    title: "Split the launch module",
    body: "launch.ts mixes parsing and IO; split them.",
    async play(life, issueNumber) {
      await driveToDone(life.tunnel, issueNumber, "carol");
    },
  },
  docs: {
    label: "pitwall",
    title: "Document the config file",
    body: "The README does not say which keys the config file takes.",
    async play(life, issueNumber) {
      await life.tunnel.settle();
      await comment(life.tunnel, issueNumber, "/workflow docs", "carol");
      await driveToDone(life.tunnel, issueNumber, "carol");
    },
  },
};
