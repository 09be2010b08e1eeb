// A `data:` URL is shielded from the scanner only when it really carries an image or a font: the
// media type says so, the payload is long, well-formed base64, and its bytes begin with that kind
// of file's signature. Text, JSON or a short blob behind `data:` is scanned like anything else.

const minPayload = 64;
// File signatures, as Latin-1 text, at offset 0 (AVIF and HEIC at offset 4).
const signatures = [
  "\x89PNG\r\n\x1a\n",
  "\xff\xd8\xff", // JPEG
  "GIF87a",
  "GIF89a",
  "RIFF", // WebP
  "BM",
  "\x00\x00\x01\x00", // ICO
  "II*\x00", // TIFF
  "MM\x00*",
  "<svg",
  "<?xml",
  "wOFF",
  "wOF2",
  "\x00\x01\x00\x00", // TrueType
  "OTTO",
];

function isImageOrFontType(mediaType: string): boolean {
  return /^(?:image|font)\/|^application\/(?:x-)?font-|^application\/vnd\.ms-fontobject$/i.test(mediaType);
}

/** Whether a data URL of `mediaType` with base64 `payload` holds an image or a font. */
export function encodesImageOrFont(mediaType: string, payload: string): boolean {
  if (!isImageOrFontType(mediaType) || payload.length < minPayload) return false;
  const unpadded = payload.replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]+$/.test(unpadded) || unpadded.length % 4 === 1) return false;
  if (unpadded.length !== payload.length && payload.length % 4 !== 0) return false;
  const head = Buffer.from(unpadded.slice(0, 64), "base64").toString("latin1");
  return signatures.some((signature) => head.startsWith(signature)) || /^....ftyp(?:avif|heic|heix|mif1)/s.test(head) || /^\s*<(?:svg|\?xml)/.test(head);
}
