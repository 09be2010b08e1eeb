import { createHmac } from "node:crypto";

/** X-Hub-Signature-256 and the legacy SHA-1 X-Hub-Signature over the exact body bytes. */
export function signatures(secret: string, body: string): { sha256: string; sha1: string } {
  return {
    sha256: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    sha1: `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
  };
}
