import { describe, expect, it } from "vitest";
import { redactSecrets, scanSecrets } from "../../src/agents/secret-scanner.ts";
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
    ["npm integrity", '"integrity": "sha512-Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9Xq7Lm2Pz9Rt4Vb8Nc1Kd6Wf3Hj5Ys0Ga2Ue9Xq7Lm2P=="'],
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

  it.each(["passwordHash", "tokenizer", "max_tokens", "bypass", "key", "monkey", "author"])("%s is not a secret name", (name) => {
    expect(secretNameKind(name)).toBeUndefined();
  });
});
