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
const hidingElements = new Set(["details", "summary", "pre", "code", "kbd", "samp", "tt", "blockquote", "q", "template", "script", "style", "textarea", "noscript", "title", "iframe", "object", "embed", "svg", "math", "select", "option", "dialog", "xmp", "noembed", "noframes", "plaintext", "video", "audio", "canvas", "rp"]);
/** Elements with no content: a `hidden` or `style` on one of them hides nothing after it. */
const voidElements = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** Elements whose content the HTML parser reads as text up to their own closing tag. */
const rawTextElements = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]);
const hidingAttribute = /(?:^|\s)(?:hidden|style\s*=|aria-hidden\s*=)/i;
const containerPrefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*/;
/** CommonMark HTML block starts: type 1 (ends at its closing tag) and type 6 (ends at a blank line). */
const htmlBlockRaw = /^<(pre|script|style|textarea)(?:[\s>]|$)/i;
const htmlBlockNamed = /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$)/i;
/** Type 7: one complete tag alone on its line (it cannot interrupt a paragraph). */
const htmlBlockTag = /^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[a-zA-Z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*\s*>)\s*$/;

type LineKind = "blank" | "code" | "text" | "html";
/** How block structure is read: as CommonMark says, or with every line opening with a tag taken as raw HTML. */
type Reading = "commonmark" | "loose";

/**
 * Tags, fences and code are tracked on the line as written (HTML comments blanked), never on the
 * normalised text: GitHub renders a fullwidth `＜/details＞` or a `</det\u200Bails>` as text. Where
 * the block structure is uncertain, the lines are read each way and only a line visible in all counts.
 */
export function visibleLines(body: string): VisibleLine[] {
  const raws = body.split(/\r\n|\r|\n/);
  // cmark skips a byte-order mark that opens the text, so it can precede a fence.
  const sources = blankHtmlComments(body.replace(/^\uFEFF/, ""), "\uFFFC").split(/\r\n|\r|\n/);
  const texts = blankHtmlComments(body)
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(invisibleCharacter, "").normalize("NFKC"));
  // Whether GitHub keeps an invisible character that opens a line (`\u200B```` is a fence once it is gone) is not ours to guess.
  const readings = [visibleIndexes(sources, texts, "commonmark"), visibleIndexes(sources, texts, "loose"), visibleIndexes(sources.map((line) => line.replace(invisibleCharacter, "")), texts, "commonmark")];
  return texts.flatMap((text, index) => (readings.every((visible) => visible.has(index)) ? [{ raw: raws[index] ?? "", text }] : []));
}

/** Characters that make markup: a line whose normalised text has other ones than were typed reads differently to us than to GitHub. */
const markup = (line: string): string => line.replace(/[^<>`~]/g, "");

function visibleIndexes(sources: string[], texts: string[], reading: Reading): Set<number> {
  const kinds = blockKinds(sources, reading);
  const { inCode, masked } = codeSpans(sources, kinds);
  const visible = new Set<number>();
  const tags = new TagTracker(sources, kinds);
  let inQuote = false;
  let definition: Definition | undefined;
  texts.forEach((text, index) => {
    const kind = kinds[index];
    const hiddenAtStart = tags.hiding();
    if (kind === "text" || kind === "html") tags.read(index, sources[index] ?? "", masked[index] ?? "");
    if (kind !== "text" && kind !== "html") {
      // A blank line ends a quote's lazy continuation and a link reference definition.
      if (kind === "blank") {
        inQuote = false;
        definition = undefined;
      }
      return;
    }
    // A `>` among the line's containers (`> x`, `- > x`, `1. > x`) makes it a quote, and the
    // lines right after it belong to the quote (lazy continuation lines), whatever else hides it.
    if ((containerPrefix.exec(sources[index] ?? "")?.[0] ?? "").includes(">")) inQuote = true;
    if (inQuote || hiddenAtStart || inCode[index] || markup(sources[index] ?? "") !== markup(text)) return;
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
    visible.add(index);
  });
  return visible;
}

/** Which lines are blank, code (inside a fence, a fence marker, indented), raw HTML, or text. */
function blockKinds(lines: string[], reading: Reading): LineKind[] {
  let fence: { char: string; length: number } | undefined;
  // The closing tag that ends the raw HTML block the line is in, or "" for one a blank line ends.
  let html: string | undefined;
  let paragraph = false;
  return lines.map((line): LineKind => {
    const inner = line.replace(containerPrefix, "");
    // `$$` on its own line opens a math block, read like a fence.
    const marker = /^(`{3,}|~{3,}|\$\$(?=[ \t]*$))(.*)$/.exec(inner);
    if (fence) {
      if (marker?.[1] && marker[1][0] === fence.char && marker[1].length >= fence.length && marker[2]?.trim() === "") fence = undefined;
      return "code";
    }
    if (html !== undefined) {
      if (html === "" && line.trim() === "") {
        html = undefined;
        paragraph = false;
        return "blank";
      }
      if (html !== "" && line.toLowerCase().includes(`</${html}>`)) html = undefined;
      return "html";
    }
    if (line.trim() === "") {
      paragraph = false;
      return "blank";
    }
    // Indented lines are code, unless they continue a paragraph.
    if (!paragraph && /^(?: {0,3}\t| {4})/.test(line)) return "code";
    if (marker?.[1] && !(marker[1][0] === "`" && marker[2]?.includes("`"))) {
      fence = { char: marker[1][0] ?? "`", length: marker[1].length };
      paragraph = false;
      return "code";
    }
    const rawBlock = htmlBlockRaw.exec(inner);
    if (rawBlock?.[1]) {
      const until = rawBlock[1].toLowerCase();
      if (!line.toLowerCase().includes(`</${until}>`)) html = until;
      paragraph = false;
      return "html";
    }
    if (htmlBlockNamed.test(inner) || (!paragraph && htmlBlockTag.test(inner)) || (reading === "loose" && /^<\/?[a-zA-Z]/.test(inner))) {
      html = "";
      paragraph = false;
      return "html";
    }
    // Headings and thematic breaks are one line each: the next line does not continue them.
    paragraph = !/^(?:#{1,6}(?:[ \t]|$)|(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$)/.test(inner) && !/^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(line);
    return "text";
  });
}

/**
 * Inline code spans, which may run over several lines of a paragraph: whether each line starts
 * inside one, and each line with its code spans blanked (so `<details>` in code hides nothing).
 * Raw HTML lines have no code spans: a backtick there is a plain character.
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
    // A line that starts inside an image's alt text, a link's destination or title, or math is not read either.
    const unseen = unseenSpans(masked.slice(start, end).join("\n"));
    offset = 0;
    for (let index = start; index < end; index += 1) {
      const line = texts[index] ?? "";
      const first = offset + (line.length - line.trimStart().length);
      if (unseen.some(([from, to]) => first > from && first < to)) inCode[index] = true;
      offset += line.length + 1;
    }
    start = end;
  }
  return { inCode, masked };
}

/**
 * Inline text a reader does not see as text: an image's alt text (`![…]`), a link's destination
 * and title (`](…)`, to the paragraph's end if never closed), and math (`$…$`, `$$…$$`), which
 * can draw nothing (`\phantom`).
 */
function unseenSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const brackets: { at: number; image: boolean }[] = [];
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (char === "\\") at += 1;
    else if (char === "[") brackets.push({ at, image: text[at - 1] === "!" });
    else if (char === "]") {
      const open = brackets.pop();
      if (open?.image) spans.push([open.at, at]);
      if (open && text[at + 1] === "(") {
        const close = matchingParen(text, at + 1);
        spans.push([at + 1, close]);
        at = close;
      }
    }
  }
  for (const math of text.matchAll(/\$\$[\s\S]+?\$\$|\$(?=[^\s$])[\s\S]*?[^\s$\\]\$/g)) spans.push([math.index, math.index + math[0].length]);
  return spans;
}

function matchingParen(text: string, from: number): number {
  let depth = 0;
  for (let at = from; at < text.length; at += 1) {
    if (text[at] === "\\") at += 1;
    else if (text[at] === "(") depth += 1;
    else if (text[at] === ")" && --depth === 0) return at;
  }
  return text.length;
}

/** A tag Markdown passes on as raw HTML: backticks inside it start no code span. */
const inlineTag = /^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[a-zA-Z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*\s*>)/;

/** CommonMark code spans: a run of n backticks up to the next run of exactly n; whichever of a span or a tag starts first wins. */
function findCodeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let at = 0;
  while (at < text.length) {
    if (text[at] === "<") {
      at += inlineTag.exec(text.slice(at))?.[0].length ?? 1;
      continue;
    }
    if (text[at] !== "`") {
      at += 1;
      continue;
    }
    const opening = /^`+/.exec(text.slice(at))?.[0].length ?? 1;
    const closing = [...text.slice(at + opening).matchAll(/`+/g)].find((run) => run[0].length === opening);
    if (!closing) {
      at += opening;
      continue;
    }
    const end = at + opening + closing.index + opening;
    spans.push([at, end]);
    at = end;
  }
  return spans;
}

/**
 * Reads tags as an HTML tokenizer does, across lines: a tag runs to its `>` outside quoted
 * attribute values, and the lines it spans are hidden (they are attributes). `/>` on a hiding
 * element is ignored, as browsers do. Opening tags are read from the line as written, code spans
 * included where the line may be raw HTML; closing tags only outside code spans, so a `</details>`
 * that may be code never ends a hidden block.
 */
class TagTracker {
  private readonly stack: string[] = [];
  private tag: { closing: boolean; name: string; attributes: string; quote?: string | undefined } | undefined;

  private readonly lines: string[];
  private readonly kinds: LineKind[];

  constructor(lines: string[], kinds: LineKind[]) {
    this.lines = lines;
    this.kinds = kinds;
  }

  hiding(): boolean {
    return this.stack.length > 0 || this.tag !== undefined;
  }

  read(index: number, line: string, masked: string): void {
    const paragraph = this.kinds[index] === "text";
    for (let at = 0; at < line.length; at += 1) {
      const char = line[at] ?? "";
      const tag = this.tag;
      if (tag) {
        if (tag.quote) {
          if (char === tag.quote) tag.quote = undefined;
        } else if (char === ">") {
          this.end(tag);
          continue;
        } else if ((char === '"' || char === "'") && /=\s*$/.test(tag.attributes)) tag.quote = char;
        tag.attributes += char;
        continue;
      }
      // A `<` in a code span is text.
      if (char !== "<" || masked[at] !== "<") continue;
      const rest = line.slice(at);
      const opened = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(rest);
      if (!opened?.[2]) continue;
      const closing = opened[1] === "/";
      const name = opened[2].toLowerCase();
      // Inside `<script>`, `<textarea>` and the like only their own closing tag is a tag.
      const top = this.stack.at(-1);
      if (top && rawTextElements.has(top) && !(closing && name === top)) continue;
      if (paragraph) {
        // Markdown passes on only a well-formed closing tag (`</details foo>` is text); an
        // opening tag with no `>` to end it is text too, unless it names a hiding element.
        if (closing) {
          const close = /^<\/([a-zA-Z][a-zA-Z0-9-]*)[ \t]*>/.exec(rest);
          if (close?.[1]) this.close(close[1].toLowerCase());
          at += (close?.[0].length ?? 1) - 1;
          continue;
        }
        if (!hidingElements.has(name) && !this.inlineTagAt(index, at)) continue;
      }
      this.tag = { closing, name, attributes: "" };
      at += opened[0].length - 1;
    }
    if (this.tag) this.tag.attributes += "\n";
  }

  private end(tag: { closing: boolean; name: string; attributes: string }): void {
    this.tag = undefined;
    if (tag.closing) this.close(tag.name);
    else if (voidElements.has(tag.name)) return;
    else if (hidingElements.has(tag.name) || hidingAttribute.test(tag.attributes) || this.stack.includes(tag.name)) this.stack.push(tag.name);
  }

  private close(name: string): void {
    const at = this.stack.lastIndexOf(name);
    if (at !== -1) this.stack.length = at;
  }

  /** Whether Markdown passes on the tag begun at `from` as raw HTML (`<x y'z="…">` and `a<b` are text). */
  private inlineTagAt(index: number, from: number): boolean {
    let end = index;
    while (end < this.lines.length && this.kinds[end] === "text") end += 1;
    return inlineTag.test(this.lines.slice(index, Math.max(end, index + 1)).join("\n").slice(from));
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
