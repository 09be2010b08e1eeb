import { repo, type Lifecycle } from "../../windtunnel/index.ts";

/** Carol commits `.github/pitwall.yml` (and any other files) to main; olivia, a budget owner, is an admin. */
export async function withPitwallConfig(life: Lifecycle, config: string, files: Record<string, string> = {}): Promise<void> {
  life.tunnel.github.pushFiles(repo, { branch: "main", by: "carol", files: { ".github/pitwall.yml": config, ...files } });
  life.tunnel.github.createUser({ login: "olivia" });
  life.tunnel.github.setPermission(repo, "olivia", "admin");
  await life.tunnel.settle();
}
