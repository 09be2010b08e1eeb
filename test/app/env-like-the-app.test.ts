import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { envLikeTheApp } from "../../src/app/env-like-the-app.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const folder = () => {
  const made = mkdtempSync(join(tmpdir(), "pitwall-env-"));
  folders.push(made);
  return made;
};

describe("envLikeTheApp", () => {
  it("applies .env over the environment, as Probot does for the app", () => {
    const cwd = folder();
    writeFileSync(join(cwd, ".env"), "PITWALL_DATA_DIR=/srv/pitwall\nAPP_ID=12\n");
    expect(envLikeTheApp(cwd, { PITWALL_DATA_DIR: "/elsewhere", HOME: "/root" })).toEqual({ PITWALL_DATA_DIR: "/srv/pitwall", APP_ID: "12", HOME: "/root" });
  });

  it("is the environment itself without a .env", () => {
    const env = { HOME: "/root" };
    expect(envLikeTheApp(folder(), env)).toBe(env);
  });
});
