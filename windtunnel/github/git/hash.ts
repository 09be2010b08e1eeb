import { createHash } from "node:crypto";

/** Git's object id: SHA-1 of `<type> <length>\0<body>`, so equal content gives equal SHAs. */
export function gitObjectSha(type: "blob" | "tree" | "commit", body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

export const isFullSha = (value: string): boolean => /^[0-9a-f]{40}$/.test(value);
