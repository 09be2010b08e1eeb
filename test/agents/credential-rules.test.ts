import { describe, expect, it } from "vitest";
import { redactSecrets, scanSecrets } from "../../src/agents/secret-scanner.ts";
import { isFilePath } from "../../src/agents/is-file-path.ts";
import { secretNameKind } from "../../src/agents/secret-name-kind.ts";

// Issue 13: credentials known by where they stand — in a URL, assigned to a secret-looking name in
// any config or code shape, said in prose — and long random tokens with no name at all; and the
// code, config and prose around them that must not be flagged. Every value here is fake.

const kinds = (text: string) => scanSecrets(text).map((finding) => finding.kind);
const redacted = (text: string) => redactSecrets(text).text;

describe("credentials in URLs", () => {
  it.each([
    ["postgres://app:Vq3rT8zLp2Wx@db.internal:5432/rocket", "postgres://app:[REDACTED:url-credentials]@db.internal:5432/rocket"],
    ["DATABASE_URL=mysql://root:s3cr%21t99@127.0.0.1/app", "DATABASE_URL=mysql://root:[REDACTED:url-credentials]@127.0.0.1/app"],
    ["broker: amqp://guest:Zr8kq2Lx@rabbit/vhost", "broker: amqp://guest:[REDACTED:url-credentials]@rabbit/vhost"],
    ["mongodb+srv://svc:9hJk2LmQ@cluster0.example.net/db", "mongodb+srv://svc:[REDACTED:url-credentials]@cluster0.example.net/db"],
    ["redis://:foobared42@cache:6379", "redis://:[REDACTED:url-credentials]@cache:6379"],
  ])("redacts the password of %s", (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    "postgres://user:password@localhost/db",
    "postgres://postgres:postgres@localhost:5432/test",
    "postgres://app:${DB_PASSWORD}@db/app",
    "https://user:<password>@example.test/",
    "https://user:****@host/",
    "ssh://git@github.com/acme/rocket.git",
    "http://localhost:8080/path@v2",
    "mongodb://root:example@mongo:27017/",
  ])("leaves %s alone", (text) => {
    expect(scanSecrets(text)).toEqual([]);
  });
});

describe("assignments to secret-looking names", () => {
  it.each([
    [".env", "DB_HOST=db.internal\nDB_PASSWORD=Hx7&pQ2vkz9\n", "DB_PASSWORD=[REDACTED:generic-secret]"],
    ["shell export", "export PGPASSWORD=Tr0ub4dor&3", "export PGPASSWORD=[REDACTED:generic-secret]"],
    ["ini", "[db]\npassword = Qm4!vR8zTk2e\n", "password = [REDACTED:generic-secret]"],
    ["properties", "spring.datasource.password=Wq9zLp3xVb\n", "spring.datasource.password=[REDACTED:generic-secret]"],
    ["YAML", "smtp:\n  pass: Kp2mZx8Q!\n", "  pass: [REDACTED:generic-secret]"],
    ["JSON", '{ "client_secret": "n7Kq2pX9vR4m" }', '"client_secret": "[REDACTED:generic-secret]"'],
    ["an env token", "SESSION_TOKEN=n7Kq2pX9vR4mZt8w", "SESSION_TOKEN=[REDACTED:generic-secret]"],
    ["a _KEY name on a config line", "STRIPE_KEY=Lq8Zr2Xm4Tn7Pw1Vb3", "STRIPE_KEY=[REDACTED:generic-secret]"],
    ["an npmrc auth token", "//registry.example.test/:_authToken=Zq7Xk2Lm9Pw4Rt6Y", "_authToken=[REDACTED:generic-secret]"],
    ["a connection-string password", "Server=db;User Id=app;Password=Hx7&pQ2vkz9;", "Password=[REDACTED:generic-secret];"],
    ["a token in a query string", "GET /cb?code=1&token=Yt6Rq1Wm8Zp3Xn5Lc0&x=1", "&token=[REDACTED:generic-secret]"],
    ["an Authorization header", 'curl -H "Authorization: Bearer Zk3Lm9Qr2Tv8Wx4Y"', "Authorization: Bearer [REDACTED:authorization-header]"],
  ])("redacts %s", (_shape, text, expected) => {
    expect(redacted(text)).toContain(expected);
  });

  it.each([
    ["an environment lookup", "password: process.env.DB_PASSWORD,"],
    ["a call", "const token = getToken();"],
    ["an awaited call", "token = await github.auth(installationId)"],
    ["a Python lookup", 'password = os.environ["DB_PASSWORD"]'],
    ["a shorthand property", "  password: dbPassword\n"],
    ["a type", "  token?: string;\n  password: string | undefined;"],
    ["a variable", 'DB_PASSWORD="${DB_PASSWORD:-}"'],
    ["an empty value", "DB_PASSWORD=\nAPI_KEY=''"],
    ["placeholders", "password: changeme\nAPI_KEY=<your-token>\nSECRET=xxx\ntoken: example-token-123\npassword = \"test1234\""],
    ["a plain word", "PASSWORD=postgres\nauth: basic\ntoken: bearer"],
    ["a number", "token_ttl: 3600\npin: 1234\nmax_tokens: 4096"],
    ["a path", "PWD=/home/runner/work\nsecret_file: ./secrets/db"],
    ["names that only start like secrets", "passwordHash: h,\ntokenizer = gpt2Tokenizer2\nbypass = Xq7Lm2Pz9Rt4"],
    ["a _KEY name in code", 'const cacheKey = "Lq8Zr2Xm4Tn7Pw1Vb3"; const sortKey = k2;'],
    ["a GitHub Actions secret", "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"],
    ["a key that names the secret it stands for", 'password: "db_password_2"'],
  ])("does not flag %s", (_shape, text) => {
    expect(scanSecrets(text)).toEqual([]);
  });
});

describe("passwords in prose", () => {
  it.each([
    ["the db password is Tr0ub4dor&3 until Friday.", "the db password is [REDACTED:password-in-text] until Friday."],
    ["Password for staging is: Qm4!vR8zTk2e.", "Password for staging is: [REDACTED:password-in-text]."],
    ["The pw was `Zx81qLm2`", "The pw was `[REDACTED:password-in-text]`"],
    ["the token is now Yt6Rq1Wm8Zp3Xn5Lc0", "the token is now [REDACTED:password-in-text]"],
  ])("redacts %s", (text, expected) => {
    expect(redacted(text)).toBe(expected);
  });

  it.each([
    "The password is required.",
    "The password is hashed with bcrypt and the token is rotated daily.",
    "// password is stored in Vault, token is null until login",
    "The password is `${password}`",
    "A password is 8+ chars.",
  ])("leaves %s alone", (text) => {
    expect(scanSecrets(text)).toEqual([]);
  });
});

describe("random tokens with no name", () => {
  it.each([
    ["a bare AWS secret key", "AWS secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8w3Ldk2Q in the title"],
    ["an unknown vendor's token", "use Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5 for the deploy"],
    ["a GitLab token", "glpat-Xq7Lm2Pz9Rt4Vb8Nc1Kd"],
    ["an npm token", "npm_Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9"],
  ])("reports %s", (_name, text) => {
    expect(kinds(text)).toHaveLength(1);
  });

  it.each([
    ["git SHAs", "merged 9fceb02d0ae598e95dc970b74767f19372d61af8 onto e28623afd348da2339eceab7c460f19fe8ee1849"],
    ["a sha256", "sha256 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"],
    ["UUIDs", "123e4567-e89b-12d3-a456-426614174000"],
    // A sha512 is 64 bytes: 86 base64 characters and "==".
    ["npm integrity", '"integrity": "sha512-Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9Xq7Lm2Pz9Rt4Vb=="'],
    ["go.sum", "github.com/acme/x v1.2.3 h1:Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9Xq7Lm2P="],
    ["an SSH public key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIXq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9 me@host"],
    ["a long identifier", "createInstallationAccessTokenForRepository2 handleV2InstallationRepositoriesEvent"],
    ["a path", "src/windtunnel/github/routes/merge-review-routes.ts node_modules/@anthropic-ai/sdk/internal/utils/log.js"],
    ["a kebab-case phrase with a version", "the-quick-brown-fox-jumps-over-v2-lazy-dogs-2024"],
    ["base64 of text", "MDExOlB1bGxSZXF1ZXN0MjE3ODQ4MTk5 eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"],
    ["a Stripe publishable key", "pk_live_51Hc7Ks2Lq9Zx4Vb8Nm3Pw6Ty1Abc"],
    ["a constant", "MAX_RETRIES_FOR_INSTALLATION_TOKEN_2 = 3"],
  ])("leaves %s alone", (_name, text) => {
    expect(scanSecrets(text)).toEqual([]);
  });
});

describe("secretNameKind", () => {
  it.each([
    ["DB_PASSWORD", "password"],
    ["spring.datasource.password", "password"],
    ["dbPass", "password"],
    ["pw", "password"],
    ["clientSecret", "token"],
    ["_authToken", "token"],
    ["SECRETKEY", "token"],
    ["api-key", "token"],
    ["SENTRY_DSN", "token"],
    ["STRIPE_KEY", "key"],
  ])("%s is a %s name", (name, kind) => {
    expect(secretNameKind(name)).toBe(kind);
  });

  it.each([
    "passwordHash",
    "tokenizer",
    "max_tokens",
    "bypass",
    "key",
    "monkey",
    "author",
    // Keys that identify a record, a cache entry or a request, not keys that unlock something.
    "cacheKey",
    "CACHE_KEY",
    "sort_key",
    "primaryKey",
    "foreign_key",
    "partitionKey",
    "idempotencyKey",
    "Idempotency-Key",
  ])("%s is not a secret name", (name) => {
    expect(secretNameKind(name)).toBeUndefined();
  });
});

describe("identifiers and password hashes under secret-looking names", () => {
  it.each([
    ["a cache key", "cacheKey=build-cache-v3-linux-x64-node22"],
    ["a cache key in YAML", "  CACHE_KEY: build-cache-v3-linux-x64-node22"],
    ["an idempotency key", 'idempotency_key = "order-7f3a-retry-2"'],
    // A value made of dash-separated words and identifiers names something; machine-made secrets do not read like that.
    ["a deploy key naming a build", "DEPLOY_KEY=build-cache-v3-linux-x64-node22"],
    ["a token naming a release", 'release_token: "release-2024-q3-build7-linux-arm64"'],
    // A password hash does not let anyone in: bcrypt, argon2, scrypt and pbkdf2 in crypt/PHC form.
    ["a bcrypt hash", 'password_hash = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"'],
    ["a bcrypt hash with $2y$", "$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"],
    ["an argon2id hash", "hash: $argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzYWx0$RdescudvJCsgt3ub+b+dWRWJTmaaJObG5pLz7Qm0Xw8"],
    ["an scrypt hash", "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"],
    ["a pbkdf2 hash", "$pbkdf2-sha256$29000$N2bMWcs5Z6w1RmgN4Zyz1g$Y8Q0sNxV8cyGpEqFw4Vr7Kq1Zb6Cm9Lt2Hj5Xd0Pn3E"],
  ])("leaves %s alone", (_name, text) => {
    expect(scanSecrets(text)).toEqual([]);
  });

  it.each([
    ["a passphrase of words", "DB_PASSWORD=correct-horse-battery-staple9", "generic-secret"],
    ["a random value under a cache key name", "cacheKey=Zq7Xk2Lm9Pw4Rt6Yv8Bn3Cd5Hj1Kf0Ws", "high-entropy-string"],
    ["an AWS key id behind a hash prefix", "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzYWx0$AKIAZ7QWERTYUIOP2345", "aws-access-key-id"],
  ])("still reports %s", (_name, text, kind) => {
    expect(kinds(text)).toEqual([kind]);
  });
});

// Issue 14: "Files changed by the pass: docs/x.md" in a verifier's prompt read as `pass: <password>`.
describe("file paths under secret-looking names", () => {
  it.each([
    ["the docs pass's prompt line", "Files changed by the pass: docs/document-the-config-file.md"],
    ["a list of changed files", "Files changed by the pass: src/launch-parser.ts, src/launch-io.ts"],
    ["a bare file name", "Files changed by the pass: document-the-config-file.md"],
    ["a deep path", "password: src/windtunnel/github/routes/merge-review-routes.ts"],
    ["a path with dots and underscores", "token: packages/core_v2/lib/index.d.ts"],
    ["a quoted list of paths", 'password: "src/a-b/config-loader.ts, docs/x.md"'],
    ["a path on a config line", "  pass: docs/setup-2024.md\n"],
    ["a path said in prose", "the pw is docs/runbooks/rotate-db-creds.md"],
  ])("does not flag %s", (_shape, text) => {
    expect(scanSecrets(text)).toEqual([]);
  });

  it.each([
    ["a password with a symbol", "password: hunter2!x9", "password: [REDACTED:generic-secret]"],
    ["a short pass on a config line", "pass: Zx8#kd92Lm", "pass: [REDACTED:generic-secret]"],
    // "pass" in prose still names a secret: "the wifi pass: …" is how people write one down.
    ["a pass said in prose", "Files changed by the pass: Zx8#kd92Lm", "the pass: [REDACTED:generic-secret]"],
    ["a password with a slash and a capitalised ending", "password: Zx8/kd92.Lm", "password: [REDACTED:generic-secret]"],
    ["a password that ends like a made-up extension", "DB_PASSWORD=correct-horse-battery.staple9", "DB_PASSWORD=[REDACTED:generic-secret]"],
    ["a random token named as a file", "password: keys/Zq7Xk2Lm9Pw4Rt6Yv8Bn3Cd5Hj1Kf0Ws.pem", "password: [REDACTED:high-entropy-string].pem"],
    ["a quoted list with a password in it", 'password: "src/a.ts, Zx8#kd92Lm"', 'password: "[REDACTED:generic-secret]"'],
  ])("still redacts %s", (_shape, text, expected) => {
    expect(redacted(text)).toContain(expected);
  });

  it("still finds a vendor token inside a path", () => {
    const token = ["gh", "p_", "R8sT2vW4xY6zA1bC3dE5fG7hJ9kL0mN2pQ4r"].join("");
    expect(kinds(`Files changed by the pass: notes/${token}.md`)).toEqual(["github-token"]);
  });
});

describe("isFilePath", () => {
  it.each(["docs/x.md", "src/launch-parser.ts, src/launch-io.ts", "a/b/c.test.ts", "../up/one.json", "launch-parser.ts", "README.md", "docs/x.md src/y.ts"])(
    "%s is a path",
    (value) => {
      expect(isFilePath(value)).toBe(true);
    },
  );

  it.each(["Zx8#kd92Lm", "Zx8/kd92.Lm", "hunter2!x9", "correct-horse-battery.staple9", "docs/", "src/a.ts, Zx8#kd92Lm", "a//b.md", ""])("%s is not a path", (value) => {
    expect(isFilePath(value)).toBe(false);
  });
});
