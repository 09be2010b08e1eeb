import { getPrivateKey } from "@probot/get-private-key";

/** The app's private key as Probot will read it, or why it cannot be read. */
export type PrivateKeyReading =
  | { kind: "none" }
  | { kind: "read"; from: string; pem: string }
  | { kind: "unreadable"; from: string; reason: string };

/**
 * Reads the key from where Probot looks (`PRIVATE_KEY`, `PRIVATE_KEY_PATH`, a single `.pem` in the
 * working folder) with Probot's own reader. Probot only logs a failure and then starts in setup
 * mode as if no key were set; Pitwall refuses instead, so it needs the failure itself.
 */
export function readPrivateKey(env: NodeJS.ProcessEnv, cwd: string): PrivateKeyReading {
  const from = env.PRIVATE_KEY ? "PRIVATE_KEY" : env.PRIVATE_KEY_PATH ? "PRIVATE_KEY_PATH" : "the .pem file in the working folder (PRIVATE_KEY_PATH)";
  try {
    const pem = getPrivateKey({ env, cwd });
    return pem ? { kind: "read", from, pem } : { kind: "none" };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^\[@probot\/get-private-key\]\s*/, "");
    return { kind: "unreadable", from, reason };
  }
}
