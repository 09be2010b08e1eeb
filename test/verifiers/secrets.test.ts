import { describe, expect, it } from "vitest";
import { verifySecrets, type ChangedFile } from "../../src/verifiers/index.ts";
import { added, brief, edit, modified, removed, renamed } from "./changes.ts";

const config = `export const region = "eu-west-1";
export const bucket = "calc-uploads";
`;
const awsLine = `export const accessKeyId = "AKIAIOSFODNN7EXAMPLE";`;
const githubToken = "ghp_4kX9mQ2vL7nR1tY8wZ3pB6sD0fH5jK2cN9aE";
const withKey = edit(config, `export const bucket`, `${awsLine}\nexport const bucket`);

const cases: { name: string; files: ChangedFile[]; expected: string[] }[] = [
  // The key starts at column 29 of line 2: `export const accessKeyId = "` is 28 characters.
  { name: "an AWS key committed", files: [modified("src/config.ts", config, withKey)], expected: ["error src/config.ts:2:29 Secret committed (aws-access-key-id)"] },
  { name: "a secret in a new file", files: [added(".env", `REGION=eu-west-1\nGITHUB_TOKEN=${githubToken}\n`)], expected: ["error .env:2:14 Secret committed (github-token)"] },
  { name: "a new secret next to an old one", files: [modified("src/config.ts", withKey, `${withKey}export const token = "${githubToken}";\n`)], expected: ["error src/config.ts:4:23 Secret committed (github-token)"] },
  { name: "a key that was already there, moved down by a new line", files: [modified("src/config.ts", withKey, `// Settings for the upload worker.\n${withKey}`)], expected: [] },
  { name: "a key that was already there, on a line this change edits", files: [modified("src/config.ts", withKey, edit(withKey, awsLine, `${awsLine} // TODO: move to the environment`))], expected: [] },
  { name: "a file with a secret deleted", files: [removed("src/config.ts", withKey)], expected: [] },
  { name: "a file with a secret renamed unchanged", files: [renamed("src/config.ts", "src/settings.ts", withKey)], expected: [] },
  { name: "a change without secrets", files: [modified("src/config.ts", config, edit(config, "calc-uploads", "calc-uploads-eu"))], expected: [] },
];

describe("secrets", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, { files, expected }) => {
    expect(verifySecrets(files).map(brief)).toEqual(expected);
  });

  it("names the kind and a safe preview, never the secret", () => {
    const [finding] = verifySecrets([modified("src/config.ts", config, withKey)]);
    expect(finding?.verifier).toBe("secrets");
    expect(finding?.message).toContain("AKIA…MPLE");
    expect(finding?.message).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });
});
