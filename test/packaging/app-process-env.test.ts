import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appProcessEnv } from "../support/app-process-env.ts";
import { envNamesRead } from "./env-names-read.ts";

// Tests that start `npm start` must see only the settings they give: whatever the developer's
// shell or CI holds of what Pitwall and Probot read would change what they test.
const root = fileURLToPath(new URL("../../", import.meta.url));
// Names envNamesRead finds in comments that describe other programs' code, not settings.
const inComments = ["DB_PASSWORD", "X"];

describe("the environment of `npm start` under test", () => {
  it("drops every variable Pitwall (from src/app/main.ts) or Probot reads, and the runner's npm_*", () => {
    const read = [...envNamesRead(root, "src/app/main.ts")].filter((name) => !inComments.includes(name));
    expect(read).toEqual(expect.arrayContaining(["APP_ID", "WEBHOOK_SECRET", "PITWALL_DATA_DIR", "DATABASE_URL", "LOG_LEVEL"]));
    const parent = Object.fromEntries([...read, "npm_config_cache", "npm_lifecycle_event", "npm_package_name"].map((name) => [name, "from-the-shell"]));
    const child = appProcessEnv({ ...parent, PATH: "/usr/bin", HOME: "/home/dev" }, {});
    expect(Object.entries(child).filter(([, value]) => value === "from-the-shell")).toEqual([]);
    expect(child).toMatchObject({ PATH: "/usr/bin", HOME: "/home/dev", npm_lifecycle_event: "start" });
  });

  it("opens no smee.io channel and logs JSON lines unless the test says otherwise", () => {
    expect(appProcessEnv({}, {})).toMatchObject({ NO_SMEE_SETUP: "true", LOG_FORMAT: "json" });
    expect(appProcessEnv({ LOG_FORMAT: "json" }, { LOG_FORMAT: "pretty", NO_SMEE_SETUP: "false", PORT: "3000" })).toMatchObject({ LOG_FORMAT: "pretty", NO_SMEE_SETUP: "false", PORT: "3000" });
  });
});
