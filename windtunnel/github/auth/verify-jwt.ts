// Verifies the app's JWT as GitHub does: RS256 signed by the app's private key, `iss` the app
// id, `iat` in the past (60 s of skew allowed), `exp` in the future and at most 10 minutes on.
import { verify, type KeyObject } from "node:crypto";
import { GitHubError } from "../http/errors.ts";
import { isRecord } from "../openapi/spec-types.ts";

const unauthorized = (message: string): GitHubError => new GitHubError(401, message, { documentationUrl: "https://docs.github.com/rest" });

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
    if (isRecord(value)) return value;
  } catch {
    // fall through
  }
  throw unauthorized("A JSON web token could not be decoded");
}

export function verifyAppJwt(token: string, publicKey: KeyObject, appId: number, now: Date): void {
  const parts = token.split(".");
  if (parts.length !== 3) throw unauthorized("A JSON web token could not be decoded");
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  const signature = Buffer.from(parts[2] ?? "", "base64url");
  const signed = verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, signature);
  if (header.alg !== "RS256" || !signed) throw unauthorized("A JSON web token could not be decoded");
  if (String(claims.iss) !== String(appId)) throw unauthorized("'Issuer' claim ('iss') must be an Integer");
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.iat !== "number" || claims.iat > seconds + 60) {
    throw unauthorized("'Issued at' claim ('iat') must be an Integer representing a time in the past");
  }
  if (typeof claims.exp !== "number" || claims.exp <= seconds) {
    throw unauthorized("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
  }
  if (claims.exp - claims.iat > 600 + 60 || claims.exp > seconds + 660) throw unauthorized("'Expiration time' claim ('exp') is too far in the future");
}
