import { describe, expect, it } from "vitest";
import { readDemoOptions } from "../../windtunnel/demo/read-demo-options.ts";

const context = { defaultDataDir: ".data/demo", databaseUrl: undefined };
const read = (...argv: string[]) => readDemoOptions(argv, context);
/** The refusal's message; "(not refused)" otherwise. */
const refusal = (line: ReturnType<typeof readDemoOptions>) => (line.kind === "bad" ? line.message : "(not refused)");

describe("readDemoOptions", () => {
  it("defaults to the feature workflow, nothing shown, nothing kept", () => {
    expect(read()).toEqual({ kind: "ok", options: { workflow: "feature", rerun: false, show: [], keepData: undefined } });
  });

  it("reads --show as a comma-separated list of known parts, in a fixed order", () => {
    expect(read("--show", "gate, card")).toMatchObject({ kind: "ok", options: { show: ["card", "gate"] } });
    expect(refusal(read("--show", "card,colour"))).toContain('got "card,colour"');
    expect(read("--show", "")).toMatchObject({ kind: "bad" });
    expect(read("--show", "card,,cost")).toMatchObject({ kind: "bad" });
  });

  it("takes --keep-data with a folder, or alone for the app's default folder", () => {
    expect(read("--keep-data", "/tmp/x", "--rerun")).toMatchObject({ kind: "ok", options: { keepData: "/tmp/x", rerun: true } });
    expect(read("--keep-data=/tmp/y")).toMatchObject({ kind: "ok", options: { keepData: "/tmp/y" } });
    expect(read("--keep-data")).toMatchObject({ kind: "ok", options: { keepData: ".data/demo" } });
    expect(read("--keep-data", "--workflow", "docs")).toMatchObject({ kind: "ok", options: { keepData: ".data/demo", workflow: "docs" } });
  });

  it("refuses --keep-data while DATABASE_URL is set: the cost report would read the server, not the folder", () => {
    expect(refusal(readDemoOptions(["--keep-data"], { ...context, databaseUrl: "postgres://db/pitwall" }))).toContain("DATABASE_URL");
  });

  it("answers --help before judging anything else, and refuses unknown options and workflows", () => {
    expect(read("--bogus", "--help")).toEqual({ kind: "help" });
    expect(read("-h")).toEqual({ kind: "help" });
    expect(refusal(read("--bogus"))).toContain("--bogus");
    expect(refusal(read("--workflow", "nope"))).toContain("feature, bug, security, refactor, docs");
    expect(read("docs")).toMatchObject({ kind: "bad" });
  });
});
