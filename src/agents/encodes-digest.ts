// An integrity hash (npm, pnpm, yarn, go.sum, SRI, OCI) is shielded from the scanner only when its
// value has exactly the size of its algorithm's digest: any other length after `sha256-` is not a
// hash, and a prefix must not be a way to smuggle a credential past redaction.

const digestBytes: Record<string, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64, h1: 32 };

/** Whether `value` is a digest of `algorithm` (`sha256`, `h1`, …) in hex or base64, by size. */
export function encodesDigest(algorithm: string, value: string): boolean {
  const bytes = digestBytes[algorithm.toLowerCase()];
  if (bytes === undefined) return false;
  if (/^[0-9a-f]+$/i.test(value) && value.length === bytes * 2) return true;
  const unpadded = value.replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]+$/.test(unpadded) || unpadded.length !== Math.ceil((bytes * 4) / 3)) return false;
  return unpadded.length === value.length || value.length % 4 === 0;
}
