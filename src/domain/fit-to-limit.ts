// GitHub's documented field limits (a longer value is a 422): titles of issues and pull requests
// 256 characters; issue, pull request, comment and review bodies 65,536; a check run's summary
// and text 65,535 (and GitHub measures those in bytes: github/docs#35252); label names 50 and
// their descriptions 100; a deployment's description 140.
export const githubLimits = { title: 256, body: 65_536, checkOutput: 65_535, labelName: 50, labelDescription: 100, deploymentDescription: 140 } as const;

/** Commit messages have no limit in git; this keeps them sane. */
export const commitMessageLimit = 1_000_000;

export interface FitOptions {
  /** measure in UTF-8 bytes (check-run output) instead of characters */
  bytes?: boolean;
  /** where the whole text lives, said after the cut (a commit, a file, a store record) */
  wholeAt?: string;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * `text` as it is when it fits in `limit`; otherwise cut at a grapheme boundary (an emoji or an
 * accented letter is never split) and ended with "…" and a note saying it was cut and, given
 * `wholeAt`, where the whole text lives. Characters are counted as UTF-16 code units, which is
 * never fewer than GitHub's count of code points, so a fitted text is always accepted.
 */
export function fitToLimit(text: string, limit: number, options: FitOptions = {}): string {
  const size = options.bytes ? (value: string) => Buffer.byteLength(value, "utf8") : (value: string) => value.length;
  if (size(text) <= limit) return text;
  const unit = options.bytes ? "bytes" : "characters";
  const note = `…\n\n_(cut to GitHub's limit of ${limit.toLocaleString("en-US")} ${unit}${options.wholeAt ? `; ${options.wholeAt}` : ""})_`;
  // A short field (a title, a label) has no room for a note: the ellipsis says it was cut.
  const tail = size(note) * 10 <= limit ? note : "…";
  let room = limit - size(tail);
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const length = size(segment);
    if (length > room) break;
    room -= length;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}${tail}`;
}
