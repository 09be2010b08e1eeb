import { blankHtmlComments, invisibleCharacter } from "./strip-hidden-text.ts";

// The lines of a comment that a person reading it on GitHub sees as plain text: not inside an
// HTML comment, a fenced, indented or inline code span, a quote (lazy continuation lines too), a
// raw HTML element that hides or quotes its content (`<details>`, `hidden`, `<pre>`, …), or a link
// reference definition (which renders as nothing). Where GitHub's rendering is hard to follow
// exactly, a line is left out rather than let in: a command that is not read can be written
// again, one read from hidden text opens a gate nobody saw approved.

export interface VisibleLine {
  /** The line as written, for telling a plainly typed command from a disguised one. */
  raw: string;
  /** What a person sees: HTML comments blanked, invisible characters removed, NFKC-normalised. */
  text: string;
}

/** Elements whose content a reader does not see, or sees as code or a quote, never as a plain line. */
const hidingElements = new Set(["details", "summary", "pre", "code", "kbd", "samp", "tt", "blockquote", "q", "template", "script", "style", "textarea", "noscript", "title", "iframe", "object", "embed", "svg", "math", "select", "option", "dialog"]);
const hidingAttribute = /(?:^|\s)(?:hidden|style\s*=|aria-hidden\s*=)/i;
const htmlTag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*?)?)(\/?)>/g;
const containerPrefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;

type LineKind = "blank" | "code" | "text";

export function visibleLines(body: string): VisibleLine[] {
  const raws = body.split(/\r\n|\r|\n/);
  const texts = blankHtmlComments(body)
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(invisibleCharacter, "").normalize("NFKC"));
  const kinds = blockKinds(texts);
  const { inCode, masked } = codeSpans(texts, kinds);
  const visible: VisibleLine[] = [];
  const hiding: string[] = [];
  let inQuote = false;
  let definition: Definition | undefined;
  texts.forEach((text, index) => {
    const kind = kinds[index];
    if (kind !== "text") {
      // A blank line ends a quote's lazy continuation and a link reference definition.
      if (kind === "blank") {
        inQuote = false;
        definition = undefined;
      }
      return;
    }
    const hiddenAtStart = hiding.length > 0;
    trackHidingElements(masked[index] ?? "", hiding);
    if (hiddenAtStart || inCode[index]) return;
    if (/^ {0,3}>/.test(text)) {
      inQuote = true;
      return;
    }
    // A line right after a quote line belongs to the quote (a lazy continuation line).
    if (inQuote) return;
    if (definition) {
      const read = readDefinition(definition, text);
      definition = read.next;
      if (read.consumed) return;
    }
    const started = startDefinition(text);
    if (started) {
      definition = started.next;
      return;
    }
    visible.push({ raw: raws[index] ?? "", text });
  });
  return visible;
}

/** Which lines are blank, code (inside a fence, a fence marker, indented), or text. */
function blockKinds(texts: string[]): LineKind[] {
  let fence: { char: string; length: number } | undefined;
  return texts.map((text) => {
    const inner = text.replace(containerPrefix, "");
    const marker = /^(`{3,}|~{3,})(.*)$/.exec(inner);
    if (fence) {
      if (marker?.[1] && marker[1][0] === fence.char && marker[1].length >= fence.length && marker[2]?.trim() === "") fence = undefined;
      return "code";
    }
    if (marker?.[1] && !(marker[1][0] === "`" && marker[2]?.includes("`"))) {
      fence = { char: marker[1][0] ?? "`", length: marker[1].length };
      return "code";
    }
    if (text.trim() === "") return "blank";
    // Indented lines are code, or continue a paragraph: never a line of their own either way.
    if (/^(?: {0,3}\t| {4})/.test(text)) return "code";
    return "text";
  });
}

/**
 * Inline code spans, which may run over several lines of a paragraph: whether each line starts
 * inside one, and each line with its code spans blanked (so `<details>` in code hides nothing).
 */
function codeSpans(texts: string[], kinds: LineKind[]): { inCode: boolean[]; masked: string[] } {
  const inCode = texts.map(() => false);
  const masked = [...texts];
  let start = 0;
  while (start < texts.length) {
    if (kinds[start] !== "text") {
      start += 1;
      continue;
    }
    let end = start;
    while (end < texts.length && kinds[end] === "text") end += 1;
    const paragraph = texts.slice(start, end).join("\n");
    const spans = findCodeSpans(paragraph);
    let offset = 0;
    for (let index = start; index < end; index += 1) {
      const line = texts[index] ?? "";
      const first = offset + (line.length - line.trimStart().length);
      inCode[index] = spans.some(([from, to]) => first >= from && first < to);
      masked[index] = [...line].map((char, at) => (spans.some(([from, to]) => offset + at >= from && offset + at < to) ? " " : char)).join("");
      offset += line.length + 1;
    }
    start = end;
  }
  return { inCode, masked };
}

/** CommonMark code spans: a run of n backticks up to the next run of exactly n. */
function findCodeSpans(text: string): [number, number][] {
  const runs = [...text.matchAll(/`+/g)].map((match) => ({ at: match.index, length: match[0].length }));
  const spans: [number, number][] = [];
  for (let open = 0; open < runs.length; open += 1) {
    const opening = runs[open];
    if (!opening) continue;
    const close = runs.findIndex((run, index) => index > open && run.length === opening.length);
    const closing = runs[close];
    if (close === -1 || !closing) continue;
    spans.push([opening.at, closing.at + closing.length]);
    open = close;
  }
  return spans;
}

/** Opens and closes the hiding elements a line's tags name; nested same-name tags pair up. */
function trackHidingElements(line: string, hiding: string[]): void {
  for (const [, slash, rawName, attributes, selfClosing] of line.matchAll(htmlTag)) {
    const name = (rawName ?? "").toLowerCase();
    if (slash) {
      const at = hiding.lastIndexOf(name);
      if (at !== -1) hiding.length = at;
      continue;
    }
    if (selfClosing) continue;
    if (hidingElements.has(name) || hidingAttribute.test(attributes ?? "") || hiding.includes(name)) hiding.push(name);
  }
}

/** A link reference definition still being read: its destination, a title, or a title's closing quote. */
type Definition = { need: "label" } | { need: "destination" } | { need: "title" } | { need: "close"; close: string };

/** `[label]: destination "title"` renders as nothing; the destination and title may follow on the next lines. */
function startDefinition(text: string): { next?: Definition; consumed: boolean } | undefined {
  // A label may run over several lines: `[` with no `]` on its line may start one.
  if (/^ {0,3}\[[^\]]*$/.test(text)) return { next: { need: "label" }, consumed: true };
  const match = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:(.*)$/.exec(text);
  if (!match) return undefined;
  return { ...readDefinition({ need: "destination" }, match[1] ?? ""), consumed: true };
}

/** Reads one more line of a definition: whether the line belongs to it, and what it still needs. */
function readDefinition(state: Definition, line: string): { next?: Definition; consumed: boolean } {
  const rest = line.trim();
  switch (state.need) {
    case "label": {
      // Lines until the label closes are left out whether or not it turns out to be a definition.
      const close = line.indexOf("]");
      if (close === -1) return { next: state, consumed: true };
      return line[close + 1] === ":" ? { ...readDefinition({ need: "destination" }, line.slice(close + 2)), consumed: true } : { consumed: true };
    }
    case "destination": {
      if (rest === "") return { next: state, consumed: true };
      const after = rest.replace(/^(?:<[^>]*>|\S+)/, "").trim();
      if (after === "") return { next: { need: "title" }, consumed: true };
      return { ...openTitle(after), consumed: true };
    }
    case "title": {
      // A line that does not open a title is not part of the definition: it is ordinary text.
      const title = openTitle(rest);
      return title.opened ? { ...title, consumed: true } : { consumed: false };
    }
    case "close":
      return closesTitle(rest, state.close) ? { consumed: true } : { next: state, consumed: true };
  }
}

function openTitle(text: string): { next?: Definition; opened: boolean } {
  const close = { '"': '"', "'": "'", "(": ")" }[text[0] ?? ""];
  if (!close) return { opened: false };
  return closesTitle(text.slice(1), close) ? { opened: true } : { next: { need: "close", close }, opened: true };
}

function closesTitle(text: string, close: string): boolean {
  for (let at = 0; at < text.length; at += 1) {
    if (text[at] === "\\") at += 1;
    else if (text[at] === close) return true;
  }
  return false;
}
