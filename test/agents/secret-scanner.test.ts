import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redactSecrets, scanSecrets, shannonEntropy, type SecretFinding } from "../../src/agents/secret-scanner.ts";

// Every value below is fake. The prefixes are joined at run time so this file does not itself
// trip push protection or other secret scanners.
const join = (...parts: string[]): string => parts.join("");

const fake = {
  awsKeyId: "AKIAIOSFODNN7EXAMPLE", // AWS's documented example
  awsSessionKeyId: "ASIAY34FZKBOKMUTVV7A",
  awsSecret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", // AWS's documented example
  githubBody: "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r",
  githubFineGrained: join("github", "_pat_", "11ABCDEFG0123456789xyz", "_", "Zk3Lm9Qr2Tv8Wx4Yz6Ab1Cd5Ef7Gh0Jk2Mn4Pq6Rs8Tu0Vw3Xy5Za7Bc9De"),
  slackBot: join("xo", "xb-", "2048173659-4102938475612-Zq7Xk2Lm9Pw4Rt6Yv8Bn3Cd5"),
  slackUser: join("xo", "xp-", "2048173659-4102938475612-5129384756102-9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
  slackWebhook: join("https://hooks.", "slack.com/services/", "T024BE7LD/B08HJ6K3QZ1/r4Nd0mF4k3W3bH00kP4th12"),
  openaiLegacy: join("sk", "-", "Xq7vR2mK9pL4tW8yZ3nB", "T3BlbkFJ", "a6Hc1Ds5Fg0Jk2Mn4Pq8"),
  openaiProject: join("sk", "-proj-", "Jd8Fk2Lq9Zx4Cv7Bn1Mq3Wr6Ty0Ui5Op8As2Df4Gh7Jk9Lz-3Xc5Vb7Nm1Qw_4Er6Ty8Ui0Op2As"),
  anthropic: join("sk", "-ant-", "api03-", "Rk4Tq8Zm2Xv6Bn9Lp3Wd7Yh1Cs5Fg0Jk-Mq2Nz4Pr6Tv8Xb_Dc3Ef5Gh7Jk9Lm1Np3Qr5St7Uv9Wx1Yz3Ab5Cd7Ef9Gh1AA"),
  jwt: join(
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", // {"alg":"HS256","typ":"JWT"}
    ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  ),
  stripeSecret: join("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"),
  stripeRestricted: join("rk", "_live_", "51Hc7Ks2Lq9Zx4Vb8Nm3Pw6Ty1"),
  google: join("AI", "za", "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"),
  password: "q8Zr4Lm2Xv9Tn1Pw",
};

const github = (prefix: string): string => join("gh", prefix, "_", fake.githubBody);

const pemBody = [
  "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
  "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
  "LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo",
];
const pem = (label: string): string => [`-----BEGIN ${label}-----`, ...pemBody, `-----END ${label}-----`].join("\n");

interface Case {
  name: string;
  text: string;
  expected: SecretFinding;
}

const truePositives: Case[] = [
  {
    name: "AWS access key id (AKIA)",
    text: `aws_access_key_id = ${fake.awsKeyId}`,
    expected: { kind: "aws-access-key-id", line: 1, column: 21, preview: "AKIA…MPLE" },
  },
  {
    name: "AWS temporary access key id (ASIA) in JSON",
    text: `{\n  "Credentials": {\n    "AccessKeyId": "${fake.awsSessionKeyId}",\n  }\n}`,
    expected: { kind: "aws-access-key-id", line: 3, column: 21, preview: "ASIA…VV7A" },
  },
  {
    name: "AWS secret access key in an ini assignment",
    text: `[default]\naws_secret_access_key = ${fake.awsSecret}\n`,
    expected: { kind: "aws-secret-access-key", line: 2, column: 25, preview: "wJal…EKEY" },
  },
  {
    name: "AWS secret access key in a camelCase JSON field",
    text: `{"SecretAccessKey": "${fake.awsSecret}"}`,
    expected: { kind: "aws-secret-access-key", line: 1, column: 22, preview: "wJal…EKEY" },
  },
  {
    name: "GitHub personal access token (ghp_)",
    text: `export GITHUB_TOKEN=${github("p")}`,
    expected: { kind: "github-token", line: 1, column: 21, preview: "ghp_…pQ4r" },
  },
  {
    name: "GitHub OAuth token (gho_)",
    text: `Authorization: token ${github("o")}`,
    expected: { kind: "github-token", line: 1, column: 22, preview: "gho_…pQ4r" },
  },
  {
    name: "GitHub user-to-server token (ghu_)",
    text: `\n\n  ${github("u")}`,
    expected: { kind: "github-token", line: 3, column: 3, preview: "ghu_…pQ4r" },
  },
  {
    name: "GitHub installation token (ghs_)",
    text: `git clone https://x-access-token:${github("s")}@github.com/acme/app.git`,
    expected: { kind: "github-token", line: 1, column: 34, preview: "ghs_…pQ4r" },
  },
  {
    name: "GitHub refresh token (ghr_)",
    text: `refresh=${github("r")};`,
    expected: { kind: "github-token", line: 1, column: 9, preview: "ghr_…pQ4r" },
  },
  {
    name: "GitHub fine-grained personal access token",
    text: `# token for CI\nGH_PAT=${fake.githubFineGrained}`,
    expected: { kind: "github-fine-grained-token", line: 2, column: 8, preview: "gith…c9De" },
  },
  {
    name: "RSA private key",
    text: `key material:\n${pem("RSA PRIVATE KEY")}\n`,
    expected: { kind: "private-key", line: 2, column: 1, preview: "RSA PRIVATE KEY…" },
  },
  {
    name: "OpenSSH private key",
    text: `    ${pem("OPENSSH PRIVATE KEY")}`,
    expected: { kind: "private-key", line: 1, column: 5, preview: "OPENSSH PRIVATE KEY…" },
  },
  {
    name: "EC private key",
    text: pem("EC PRIVATE KEY"),
    expected: { kind: "private-key", line: 1, column: 1, preview: "EC PRIVATE KEY…" },
  },
  {
    name: "DSA private key",
    text: `x\ny\n${pem("DSA PRIVATE KEY")}`,
    expected: { kind: "private-key", line: 3, column: 1, preview: "DSA PRIVATE KEY…" },
  },
  {
    name: "encrypted PKCS#8 private key",
    text: pem("ENCRYPTED PRIVATE KEY"),
    expected: { kind: "private-key", line: 1, column: 1, preview: "ENCRYPTED PRIVATE KEY…" },
  },
  {
    name: "PKCS#8 private key inside a JSON string with escaped newlines",
    text: `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${pemBody.join("\\n")}\\n-----END PRIVATE KEY-----\\n"}`,
    expected: { kind: "private-key", line: 1, column: 18, preview: "PRIVATE KEY…" },
  },
  {
    name: "Slack bot token",
    text: `SLACK_BOT=${fake.slackBot}`,
    expected: { kind: "slack-token", line: 1, column: 11, preview: "xoxb…3Cd5" },
  },
  {
    name: "Slack user token",
    text: `slack:\n  user: ${fake.slackUser}`,
    expected: { kind: "slack-token", line: 2, column: 9, preview: "xoxp…b1a0" },
  },
  {
    name: "Slack webhook URL",
    text: `Post to ${fake.slackWebhook} when done.`,
    expected: { kind: "slack-webhook-url", line: 1, column: 9, preview: "http…th12" },
  },
  {
    name: "OpenAI legacy key",
    text: `openai.api_key = "${fake.openaiLegacy}"`,
    expected: { kind: "openai-api-key", line: 1, column: 19, preview: "sk-X…4Pq8" },
  },
  {
    name: "OpenAI project key",
    text: `OPENAI_API_KEY=${fake.openaiProject}`,
    expected: { kind: "openai-api-key", line: 1, column: 16, preview: "sk-p…p2As" },
  },
  {
    name: "Anthropic key",
    text: `ANTHROPIC_API_KEY="${fake.anthropic}"`,
    expected: { kind: "anthropic-api-key", line: 1, column: 20, preview: "sk-a…h1AA" },
  },
  {
    name: "JWT bearer token",
    text: `curl -H "Authorization: Bearer ${fake.jwt}" https://api.example.test`,
    expected: { kind: "jwt", line: 1, column: 32, preview: "eyJh…sw5c" },
  },
  {
    name: "Stripe live secret key",
    text: `Stripe::api_key = '${fake.stripeSecret}'`,
    expected: { kind: "stripe-live-key", line: 1, column: 20, preview: "sk_l…p7dc" },
  },
  {
    name: "Stripe live restricted key",
    text: `\tstripe(${JSON.stringify(fake.stripeRestricted)})`,
    expected: { kind: "stripe-live-key", line: 1, column: 10, preview: "rk_l…6Ty1" },
  },
  {
    name: "Google API key",
    text: `<script src="https://maps.example.test/js?key=${fake.google}"></script>`,
    expected: { kind: "google-api-key", line: 1, column: 47, preview: "AIza…5p6Q" },
  },
  {
    name: "generic password in a .env assignment",
    text: `DB_HOST=db.internal\nDB_PASSWORD="${fake.password}"`,
    expected: { kind: "generic-secret", line: 2, column: 14, preview: "q8Z…1Pw" },
  },
  {
    name: "generic api key in JSON",
    text: `{\n  "apiKey": "Zk3Lm9Qr2Tv8Wx4Yz6Ab"\n}`,
    expected: { kind: "generic-secret", line: 2, column: 14, preview: "Zk3L…z6Ab" },
  },
  {
    name: "generic client secret in YAML",
    text: `oauth:\n  client_secret: 7f9c2ba4e88f827d616045507605853e\n`,
    expected: { kind: "generic-secret", line: 2, column: 18, preview: "7f9c…853e" },
  },
  {
    name: "generic token on a command line",
    text: `deploy --token=Hq2.Wz8_Vb5-Lm1!Pr7\n`,
    expected: { kind: "generic-secret", line: 1, column: 16, preview: "Hq2…Pr7" },
  },
  {
    name: "generic secret in a URL query",
    text: `GET /callback?code=1&access_key=Yt6Rq1Wm8Zp3Xn5Lc0 HTTP/1.1`,
    expected: { kind: "generic-secret", line: 1, column: 33, preview: "Yt6…Lc0" },
  },
];

describe("scanSecrets", () => {
  it("uses fixtures of the real lengths", () => {
    expect(fake.awsKeyId).toHaveLength(20);
    expect(fake.awsSecret).toHaveLength(40);
    expect(github("p")).toHaveLength(40);
    expect(fake.githubFineGrained).toHaveLength(93);
    expect(fake.openaiLegacy).toHaveLength(51);
    expect(fake.google).toHaveLength(39);
  });

  it.each(truePositives)("finds $name", ({ text, expected }) => {
    expect(scanSecrets(text)).toEqual([expected]);
  });

  it("reports every secret on every line, in order", () => {
    const text = [`a: ${fake.awsKeyId}`, "", `b: ${github("p")} and ${fake.google}`].join("\r\n");
    expect(scanSecrets(text).map(({ kind, line, column }) => [kind, line, column])).toEqual([
      ["aws-access-key-id", 1, 4],
      ["github-token", 3, 4],
      ["google-api-key", 3, 49],
    ]);
  });

  it("reports an overlap once, under the most specific kind", () => {
    expect(scanSecrets(`OPENAI_API_KEY="${fake.openaiLegacy}"`).map((f) => f.kind)).toEqual(["openai-api-key"]);
    expect(scanSecrets(`AWS_SECRET_ACCESS_KEY=${fake.awsSecret}`).map((f) => f.kind)).toEqual(["aws-secret-access-key"]);
    expect(scanSecrets(`session_token: ${fake.jwt}`).map((f) => f.kind)).toEqual(["jwt"]);
    expect(scanSecrets(`github_token = "${github("s")}"`).map((f) => f.kind)).toEqual(["github-token"]);
    expect(scanSecrets(`private_key = "${pem("PRIVATE KEY")}"`).map((f) => f.kind)).toEqual(["private-key"]);
  });

  it("never shows a whole secret in a preview", () => {
    const findings = scanSecrets(truePositives.map((c) => c.text).join("\n"));
    expect(findings).toHaveLength(truePositives.length);
    for (const { kind, preview } of findings) {
      // At most four characters either side of the ellipsis; every secret is at least 16 long.
      expect(preview).toMatch(kind === "private-key" ? /^(?:[A-Z]+ )?PRIVATE KEY…$/ : /^.{1,4}….{1,4}$/u);
    }
  });

  it("applies the entropy threshold of 3.5 bits per character to generic assignments", () => {
    // 8 characters once and 4 twice: exactly 3.5 bits. 6 once and 5 twice: 3.375 bits.
    expect(shannonEntropy("A1B2C3D4EFGH1234")).toBe(3.5);
    expect(shannonEntropy("A1B2C3D4E5F12345")).toBe(3.375);
    expect(scanSecrets(`secret = "A1B2C3D4EFGH1234"`).map((f) => f.kind)).toEqual(["generic-secret"]);
    expect(scanSecrets(`secret = "A1B2C3D4E5F12345"`)).toEqual([]);
  });

  it("takes a short password but needs 12 random characters in a token", () => {
    // Issue 13: people's passwords are short; a machine-made token is long and random.
    expect(scanSecrets(`password = "${fake.password.slice(0, 8)}"`)).toHaveLength(1);
    expect(scanSecrets(`password = "q8Zr4"`)).toEqual([]);
    expect(scanSecrets(`token = "${fake.password.slice(0, 12)}"`)).toHaveLength(1);
    expect(scanSecrets(`token = "${fake.password.slice(0, 11)}"`)).toEqual([]);
  });
});

describe("shannonEntropy", () => {
  it("counts bits per character", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("aabb")).toBe(1);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(shannonEntropy("0123456789abcdef")).toBe(4);
  });
});

describe("false positives", () => {
  const guards: Array<[string, string]> = [
    ["a placeholder api key", "API_KEY=your-api-key-here"],
    ["a placeholder token in angle brackets", "GITHUB_TOKEN=<your-token-here>"],
    // These have the entropy of a secret; only their wording gives them away.
    ["a high-entropy placeholder", "API_KEY=YOUR_API_KEY_HERE_1234\nclient_secret: your-production-api-key-1234"],
    ["an example password", `password = "EXAMPLE-Passw0rd-2024"\nsecret: 'Placeholder-Secret-Value-9'`],
    ["an unbraced shell variable", `DB_PASSWORD="$MY_SECRET_VALUE_FROM_ENV"`],
    ["a default password", `password: "changeme"`],
    ["a shell variable", 'token = "${GITHUB_TOKEN}"'],
    ["an Actions expression", "token: ${{ secrets.GITHUB_TOKEN }}"],
    ["a redacted placeholder", "secret: <redacted>"],
    ["an environment lookup", "const key = process.env.OPENAI_API_KEY;\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY_FOR_TESTS });"],
    ["a settings lookup", "password = settings.DATABASE_PASSWORD_PRIMARY"],
    ["a function call", "const token = await createInstallationAccessToken(octokit, installationId);"],
    ["a call of a function whose name has a digit", "const password = hashPasswordWithSalt2x(input);"],
    ["a type annotation", "  accessToken: InstallationAccessTokenResponse;"],
    ["a too-short AWS key id", "AKIAEXAMPLE"],
    ["a filler AWS key id", "AKIAXXXXXXXXXXXXXXXX"],
    ["a git SHA", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nsha: 9fceb02d0ae598e95dc970b74767f19372d61af8"],
    ["a UUID", "request_id: 123e4567-e89b-12d3-a456-426614174000 (123e4567-e89b-12d3-a456-426614174000)"],
    [
      "lorem ipsum",
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.",
    ],
    ["sk- in prose", "OpenAI keys start with sk- and the risk-free task-runner never prints them."],
    ["a short sk- string", "sk-1 sk-proj-abc sk-ant-xyz"],
    ["a filler sk- key", join("sk", "-", "x".repeat(48))],
    ["an sk- key without digits", join("sk", "-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv")],
    ["a long kebab-case sk- identifier", "sk-learning-rate-scheduler-with-warmup-and-cosine-decay"],
    ["a Stripe test key", join("sk", "_test_", "4eC39HqLyjWDarjtT1zdp7dc")],
    ["a GitHub token of the wrong length", join("gh", "p_", fake.githubBody.slice(1))],
    ["a filler GitHub token", join("gh", "p_", "x".repeat(36))],
    ["a filler password", `password = "aaaaaaaaaaaaaaaaaaaaaaaa"`],
    ["dotted base64url segments without an alg header", "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fw"],
    ["already redacted markers", "token: [REDACTED:github-token]\nAWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]"],
    ["a high-entropy value under a key that is not secret", `commit_message_id = "${fake.password}"`],
  ];

  it.each(guards)("does not flag %s", (_name, text) => {
    expect(scanSecrets(text)).toEqual([]);
  });

  it("does not flag base64 image and font data", () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    const woff2 = Buffer.concat([Buffer.from("wOF2"), createHash("sha512").update("font").digest()]).toString("base64");
    expect(scanSecrets(`<img src="data:image/png;base64,${png}">\nsrc: url(data:font/woff2;base64,${woff2});`)).toEqual([]);
    // The same bytes outside a data URL are reported, so it is the data URL that shields them.
    expect(scanSecrets(`<img src="${png}">`).map((f) => f.kind)).toEqual(["high-entropy-string"]);
  });

  it("does not flag integrity hashes of each digest size", () => {
    const digest = (algorithm: string, encoding: "base64" | "hex" = "base64") => createHash(algorithm).update("pitwall").digest(encoding);
    const text = [
      `"integrity": "sha512-${digest("sha512")}"`,
      `integrity="sha384-${digest("sha384")}"`,
      `integrity sha1-${digest("sha1")}`,
      `"resolution": "sha256:${digest("sha256")}"`,
      `golang.org/x/text v0.14.0 h1:${digest("sha256")}`,
      `image@sha256:${digest("sha256", "hex")}`,
    ].join("\n");
    expect(scanSecrets(text)).toEqual([]);
  });
});

describe("shields that do not hide credentials", () => {
  const awsKeyId = join("AK", "IA", "Z7QWERTYUIOP2345");
  const randomSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9kT3vLpW";

  it.each([
    ["an AWS key id behind sha1:", `sha1:${awsKeyId}`, "aws-access-key-id"],
    ["an AWS secret behind sha256:", `key sha256:${randomSecret}`, "high-entropy-string"],
    ["an AWS secret behind sha256-", `sha256-${randomSecret}`, "high-entropy-string"],
    ["an AWS secret behind h1:", `h1:${randomSecret}`, "high-entropy-string"],
    // 43 characters: the size of a sha256, but a vendor's key is never a digest.
    ["an AWS key id the size of a sha256", `sha256-${awsKeyId}/Xq7Lm2Pz9Rt4Vb8Nc1Kd6W=`, "aws-access-key-id"],
    ["a Google key in image data", `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB/${fake.google}+CAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==`, "google-api-key"],
    ["a secret in a text data URL", `data:text/plain;base64,${randomSecret}`, "high-entropy-string"],
    ["a secret passed off as an image", `data:image/png;base64,${randomSecret}`, "high-entropy-string"],
  ])("reports %s", (_name, text, kind) => {
    expect(scanSecrets(text).map((f) => f.kind)).toEqual([kind]);
    expect(redactSecrets(text).text).toContain(`[REDACTED:${kind}]`);
  });
});

describe("redactSecrets", () => {
  it("redacts a .env file", () => {
    const text = [
      "# deploy settings",
      `AWS_ACCESS_KEY_ID=${fake.awsKeyId}`,
      `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}`,
      "AWS_REGION=eu-west-1",
      `DB_PASSWORD='${fake.password}'`,
      "",
    ].join("\n");
    const result = redactSecrets(text);
    expect(result.text).toBe(
      [
        "# deploy settings",
        "AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]",
        "AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-access-key]",
        "AWS_REGION=eu-west-1",
        "DB_PASSWORD='[REDACTED:generic-secret]'",
        "",
      ].join("\n"),
    );
    expect(result.findings).toEqual([
      { kind: "aws-access-key-id", line: 2, column: 19, preview: "AKIA…MPLE" },
      { kind: "aws-secret-access-key", line: 3, column: 23, preview: "wJal…EKEY" },
      { kind: "generic-secret", line: 5, column: 14, preview: "q8Z…1Pw" },
    ]);
  });

  it("redacts a whole private-key block in the middle of a file", () => {
    const text = ["const config = {", '  host: "db.internal",', `  key: \`${pem("RSA PRIVATE KEY")}\`,`, "  port: 5432,", "};", ""].join("\n");
    const result = redactSecrets(text);
    expect(result.text).toBe(["const config = {", '  host: "db.internal",', "  key: `[REDACTED:private-key]`,", "  port: 5432,", "};", ""].join("\n"));
    expect(result.findings).toEqual([{ kind: "private-key", line: 3, column: 9, preview: "RSA PRIVATE KEY…" }]);
  });

  it("redacts a truncated private key through its last key line", () => {
    const text = ["Here is the key:", "-----BEGIN OPENSSH PRIVATE KEY-----", ...pemBody, "and that is all I have.", `Also ${github("p")}`].join("\r\n");
    expect(redactSecrets(text).text).toBe(
      ["Here is the key:", "[REDACTED:private-key]", "and that is all I have.", "Also [REDACTED:github-token]"].join("\r\n"),
    );
  });

  it("redacts model output with several kinds and leaves earlier redactions alone", () => {
    const text = [
      "## Deployment notes",
      "",
      `1. Notify ${fake.slackWebhook}.`,
      `2. Call the API with \`Authorization: Bearer ${fake.jwt}\`.`,
      `3. The old key was [REDACTED:stripe-live-key]; the new one is ${fake.stripeSecret}.`,
      `4. Set \`ANTHROPIC_API_KEY=${fake.anthropic}\` and \`OPENAI_API_KEY=${fake.openaiProject}\`.`,
    ].join("\n");
    const result = redactSecrets(text);
    expect(result.text).toBe(
      [
        "## Deployment notes",
        "",
        "1. Notify [REDACTED:slack-webhook-url].",
        "2. Call the API with `Authorization: Bearer [REDACTED:jwt]`.",
        "3. The old key was [REDACTED:stripe-live-key]; the new one is [REDACTED:stripe-live-key].",
        "4. Set `ANTHROPIC_API_KEY=[REDACTED:anthropic-api-key]` and `OPENAI_API_KEY=[REDACTED:openai-api-key]`.",
      ].join("\n"),
    );
    expect(result.findings.map(({ kind, line }) => [kind, line])).toEqual([
      ["slack-webhook-url", 3],
      ["jwt", 4],
      ["stripe-live-key", 5],
      ["anthropic-api-key", 6],
      ["openai-api-key", 6],
    ]);
    expect(redactSecrets(result.text)).toEqual({ text: result.text, findings: [] });
  });

  it("returns the text unchanged when there is nothing to redact", () => {
    const text = "Nothing to see: commit 9fceb02d0ae598e95dc970b74767f19372d61af8, sk- prefixes, password: changeme.\n";
    expect(redactSecrets(text)).toEqual({ text, findings: [] });
  });

  it("reports the same findings as scanSecrets", () => {
    const text = `x=${fake.awsKeyId}\ny: ${fake.slackBot}\n${pem("EC PRIVATE KEY")}\n`;
    expect(redactSecrets(text).findings).toEqual(scanSecrets(text));
    expect(scanSecrets(text)).toHaveLength(3);
  });
});

describe("linear time", () => {
  const megabyte = 1_000_000;
  const adversarial: Array<[string, string]> = [
    ["one long token run", "A".repeat(megabyte)],
    ["repeated assignments", "a=".repeat(megabyte / 2)],
    ["repeated secret keys", "token=".repeat(megabyte / 6)],
    ["a key followed by a megabyte of spaces", `password${" ".repeat(megabyte)}`],
    ["repeated JWT-like segments", "eyJhbGci.".repeat(megabyte / 9)],
    ["repeated sk- prefixes", "sk-ant-".repeat(megabyte / 7)],
    ["repeated Slack prefixes", "xoxb-1".repeat(megabyte / 6)],
    ["repeated data URL prefixes", "data:image/png;base64,".repeat(megabyte / 22)],
    ["repeated integrity prefixes", "sha256-".repeat(megabyte / 7)],
    ["one integrity hash a megabyte long", `sha512-${"A".repeat(megabyte)}`],
    ["repeated argon2 segments", `$argon2id${"$v=19".repeat(megabyte / 5)}`],
    ["repeated bcrypt prefixes", "$2b$12$".repeat(megabyte / 7)],
    ["one image data URL a megabyte long", `data:image/png;base64,iVBORw0KGgo${"A".repeat(megabyte)}`],
    ["private-key headers without an END", "-----BEGIN RSA PRIVATE KEY-----".repeat(megabyte / 31)],
  ];

  it.each(adversarial)("scans a 1 MB line of %s quickly", (_name, line) => {
    expect(line.length).toBeGreaterThan(megabyte * 0.99);
    const findings = scanSecrets(line);
    expect(findings.every((f) => f.line === 1)).toBe(true);
  }, 3_000);

  it("redacts a megabyte with tens of thousands of secrets", () => {
    const count = 47_619; // 21 characters each: just under a megabyte
    const text = `${fake.awsKeyId} `.repeat(count);
    const result = redactSecrets(text);
    expect(result.findings).toHaveLength(count);
    expect(result.findings.at(-1)).toEqual({ kind: "aws-access-key-id", line: 1, column: (count - 1) * 21 + 1, preview: "AKIA…MPLE" });
    expect(result.text).not.toContain("AKIA");
  }, 3_000);
});
