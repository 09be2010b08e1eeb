import { startFakeCi, type FakeCi, type FakeGitHub } from "../github/index.ts";

// The repository the fault suite's work items live in, as the in-process lifecycle scenario
// seeds it (windtunnel/lifecycle-scenario.ts): acme/rocket with alice, carol and the deployer as
// writers and bob as a reader, a CI that passes every commit, and a deploy system that answers.

export const replicaRepo = "acme/rocket";

export interface SeededRepo {
  ci: FakeCi;
  stop(): void;
}

export function seedReplicaRepo(github: FakeGitHub, installationId: number): SeededRepo {
  for (const login of ["alice", "carol", "bob", "deployer"]) github.createUser({ login });
  github.createRepo({ owner: "acme", name: "rocket", files: { "README.md": "# Rocket\n", "src/index.ts": "export const launch = () => 1;\n" } });
  github.installApp({ installationId, account: "acme", repos: [replicaRepo] });
  for (const login of ["alice", "carol", "deployer"]) github.setPermission(replicaRepo, login, "write");
  github.setPermission(replicaRepo, "bob", "read");
  const ci = startFakeCi(github, { repo: replicaRepo, checkName: "ci/test", decide: () => ({ conclusion: "success", summary: "all tests passed" }) });
  const onEvent = (event: { event: string; action?: string | undefined; payload: Record<string, unknown> }) => {
    if (event.event !== "deployment" || event.action !== "created") return;
    const deployment = event.payload["deployment"] as { id: number; environment: string };
    setTimeout(() => {
      github.setDeploymentStatus(replicaRepo, deployment.id, { state: "in_progress", by: "deployer" });
      github.setDeploymentStatus(replicaRepo, deployment.id, { state: "success", by: "deployer", environmentUrl: `https://${deployment.environment}.rocket.example` });
    }, 0);
  };
  github.on("event", onEvent);
  return {
    ci,
    stop() {
      ci.stop();
      github.off("event", onEvent);
    },
  };
}
