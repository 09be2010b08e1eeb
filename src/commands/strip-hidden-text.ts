// What a person reading a comment or an issue on GitHub does not see: HTML comments (GitHub
// renders them as nothing, and one left open hides the rest of the text) and invisible
// characters — zero-width and bidi controls, word joiners, the byte-order mark, the soft hyphen,
// and the Unicode tag block (used to smuggle text). Commands are read from what is left
// (parse-commands.ts), and untrusted text is stripped of it before a model sees it (agents).

export const htmlComment = /<!--[\s\S]*?(?:-->|$)/g;
export const invisibleCharacter = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

export function stripHiddenText(text: string): string {
  return text.replace(htmlComment, "").replace(invisibleCharacter, "");
}

/**
 * The text with each HTML comment blanked out but its line breaks kept, so lines still line up
 * with the original; `mark` stands in for each line of a comment (so `</det<!-- -->ails>` stays broken).
 */
export function blankHtmlComments(text: string, mark = ""): string {
  return text.replace(htmlComment, (comment) => comment.replace(/[^\r\n]+/g, mark));
}
