// A model's text is data when Pitwall writes it to GitHub (issue 13, point 4). GitHub acts on
// some text by itself: a closing keyword before an issue reference in a merged PR's body or in a
// commit that reaches the default branch closes that issue, an @mention notifies a person or a
// whole team, and a remote image (Markdown or HTML) is fetched when anyone opens the page. Before
// model text is composed into a title, body, commit message, comment or check run, these become
// inert but stay readable: a mention or closing reference is quoted as inline code, an image
// becomes a plain link, an HTML media tag shows as text.
//
// The breaks are characters, so they hold wherever the text ends up (a commit message is scanned
// raw, so backticks alone protect nothing there, and a model's own stray backticks can re-pair
// ours): a word joiner (U+2060) after `@` and `#`, between `!` and `[`, and after `<`. The model
// cannot undo them because its text is normalised first: HTML comments removed, character
// references GitHub would decode decoded, invisible characters removed (emoji sequences keep their
// joiners), and full-width, small-form and mathematical look-alikes mapped to ASCII.

const joiner = "\u2060";

/** `text` from a model, with closing references, mentions and remote images made inert. */
export function neutraliseModelText(text: string): string {
  const plain = normalise(text);
  const code = codeRegions(plain);
  const edits: Edit[] = [...closingReferences(plain), ...mentions(plain), ...images(plain), ...htmlTags(plain)];
  return applyEdits(plain, edits, code);
}

// ——— normalising what the model wrote ———

function normalise(text: string): string {
  return mapLookAlikes(stripInvisible(decodeCharacterReferences(text.replace(/<!--(?:-?>|[\s\S]*?-->)/g, ""))));
}

// The named references that decode to characters that matter here (ASCII punctuation, spaces,
// invisible characters); `<`, `>`, `&` and quotes stay encoded, as they never form markup.
const namedReferences: Readonly<Record<string, string>> = {
  commat: "@", num: "#", excl: "!", colon: ":", sol: "/", lsqb: "[", lbrack: "[", rsqb: "]", rbrack: "]", lpar: "(", rpar: ")",
  period: ".", comma: ",", semi: ";", lowbar: "_", UnderBar: "_", grave: "`", DiacriticalGrave: "`", Hat: "^", bsol: "\\",
  ast: "*", midast: "*", plus: "+", equals: "=", quest: "?", dollar: "$", percnt: "%", verbar: "|", vert: "|", VerticalLine: "|",
  lcub: "{", lbrace: "{", rcub: "}", rbrace: "}", hyphen: "\u2010", dash: "\u2010", Tab: "\t", NewLine: "\n", nbsp: "\u00A0",
  NonBreakingSpace: "\u00A0", shy: "\u00AD", ZeroWidthSpace: "\u200B", NegativeVeryThinSpace: "\u200B", NegativeThinSpace: "\u200B",
  NegativeMediumSpace: "\u200B", NegativeThickSpace: "\u200B", zwnj: "\u200C", zwj: "\u200D", lrm: "\u200E", rlm: "\u200F",
  NoBreak: "\u2060", ApplyFunction: "\u2061", af: "\u2061", InvisibleTimes: "\u2062", it: "\u2062", InvisibleComma: "\u2063", ic: "\u2063",
};
const neverDecoded = new Set(["<", ">", "&", '"', "'"]);

/** Numeric references with or without `;` (an HTML block decodes both) and the named ones above. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,8});?|#[xX]([0-9a-fA-F]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});)/g, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return namedReferences[name] ?? whole;
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
    if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return whole;
    const char = String.fromCodePoint(codePoint);
    return neverDecoded.has(char) ? whole : char;
  });
}

// Format characters (zero-width spaces and joiners, bidi controls, word joiners, BOM, tags), the
// combining grapheme joiner, Mongolian variation selectors and Hangul fillers. A joiner inside an
// emoji sequence (👩‍👩‍👧) and the tags of a subdivision flag stay, so emoji survive.
const invisibleOrKept = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\p{Cf}\u034F\u180B-\u180F\u115F\u1160\u3164\uFFA0]/gu;
const pictographBefore = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const pictographAfter = /^\p{Extended_Pictographic}/u;

function stripInvisible(text: string): string {
  return text.replace(invisibleOrKept, (match: string, flag: string | undefined, offset: number) => {
    if (flag !== undefined) return flag;
    if (match === "\u200D" && pictographBefore.test(text.slice(Math.max(0, offset - 2), offset)) && pictographAfter.test(text.slice(offset + 1, offset + 3))) return match;
    return "";
  });
}

/** Full-width forms, small forms and mathematical letters and digits that stand for ASCII. */
function mapLookAlikes(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\uFE50-\uFE6B\u{1D400}-\u{1D7FF}]/gu, (char) => {
    const ascii = char.normalize("NFKC");
    return /^[\x21-\x7E]$/.test(ascii) ? ascii : char;
  });
}

// ——— what GitHub would act on ———

/** A break: `text` inserted at `at`; `quote` also wraps `from`..`to` in inline code when it is outside code. */
interface Edit {
  at: number;
  text: string;
  quote?: { from: number; to: number };
}

const keyword = /(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)/iy;
// What may stand between a keyword and its reference and still read as one to some parser:
// spaces, a colon, brackets, a blockquote or table bar, dots and dashes.
const gap = /[\s:([{>|.-]*/y;
const reference = /(?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(?=\d)|GH-(?=\d)|(?:https?:\/\/)?[A-Za-z0-9.-]+(?::\d+)?\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/(?:issues|pulls?)\/(?=\d)/iy;
// Between references of one closing list: "#1, #2 and acme/rocket#3".
const separator = /(?:[\s,;&+()[\]{}>|.-]|\b(?:and|or)\b)*/iy;
// Markup a renderer drops or a raw scan might skip: emphasis, quotes, backticks, escapes, tags.
const markup = /[`*_~"'\\]|<[^<>\n]*>/g;

/**
 * Every reference that follows a closing keyword (and the references listed after it), looked
 * for with markup left out, so `**Clo**ses \`#5\`` counts as well.
 */
function closingReferences(text: string): Edit[] {
  const kept: number[] = [];
  let view = "";
  let last = 0;
  for (const match of [...text.matchAll(markup), { index: text.length, 0: "" }]) {
    for (let i = last; i < match.index; i += 1) kept.push(i);
    view += text.slice(last, match.index);
    last = match.index + match[0].length;
  }
  const place = (at: number) => kept[at] ?? text.length;
  const edits: Edit[] = [];
  // The text is put next to other text: a reference it starts with may follow a keyword that
  // another text ends with, and a keyword it ends with is broken too.
  for (let start = -1; start < view.length; start += 1) {
    if (start >= 0) {
      keyword.lastIndex = start;
      if (!keyword.test(view)) continue;
    }
    gap.lastIndex = start >= 0 ? keyword.lastIndex : 0;
    gap.test(view);
    let at = gap.lastIndex;
    if (start >= 0 && at === view.length) edits.push({ at: place(start + 1), text: joiner });
    for (;;) {
      reference.lastIndex = at;
      const found = reference.exec(view);
      if (!found) break;
      const end = reference.lastIndex + (/^\d+/.exec(view.slice(reference.lastIndex))?.[0].length ?? 0);
      edits.push({ at: place(reference.lastIndex), text: joiner, quote: { from: place(found.index), to: place(end - 1) + 1 } });
      separator.lastIndex = end;
      separator.test(view);
      at = separator.lastIndex;
      if (at === end) break;
    }
  }
  return edits;
}

/** `@user` and `@org/team` wherever GitHub's mention filter could see one: after any non-alphanumeric (`_@x_` renders as a mention in emphasis). */
function mentions(text: string): Edit[] {
  return [...text.matchAll(/(?<![A-Za-z0-9])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_.-]*[A-Za-z0-9_-])?/g)].map((match) => ({ at: match.index + 1, text: joiner, quote: { from: match.index, to: match.index + match[0].length } }));
}

/** Every `![` (inline, reference and shortcut images alike): the image becomes a link to the same place. */
function images(text: string): Edit[] {
  return [...text.matchAll(/!\[(\s*\])?/g)].flatMap((match) => [{ at: match.index + 1, text: joiner }, ...(match[1] === undefined ? [] : [{ at: match.index + 2, text: "image" }])]);
}

// Formatting tags people use in Markdown; any other tag (img, picture, source, video, audio,
// svg, iframe, object, input …), a declaration (`<!`, `<?`) or a formatting tag with an
// attribute that loads something shows as text.
const harmlessTags = new Set(
  "a abbr b bdi bdo blockquote br caption cite code dd del details dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q rp rt ruby s samp small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var wbr".split(" "),
);
const loadingAttribute = /(?:^|[\s"'/])(?:src|srcset|poster|background|lowsrc|dynsrc|data|style|xlink:href)\s*=/i;

function htmlTags(text: string): Edit[] {
  // Attributes end at the next `<` too: once this tag shows as text, a `<` inside it starts one.
  return [...text.matchAll(/<(?:\/?([A-Za-z][A-Za-z0-9-]*)([^<>]*)|[!?])/g)].flatMap((match) => {
    const name = match[1]?.toLowerCase();
    const harmless = name !== undefined && harmlessTags.has(name) && !loadingAttribute.test(match[2] ?? "");
    return harmless ? [] : [{ at: match.index + 1, text: joiner }];
  });
}

// ——— applying the breaks ———

/** Inline code spans and fenced code blocks of `text`, as [from, to) ranges. */
function codeRegions(text: string): [number, number][] {
  const regions: [number, number][] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|$)|$)/gm;
  for (const match of text.matchAll(fence)) regions.push([match.index, match.index + match[0].length]);
  const runs = [...text.matchAll(/`+/g)].filter((run) => !regions.some(([from, to]) => run.index >= from && run.index < to));
  for (let i = 0; i < runs.length; i += 1) {
    const open = runs[i];
    if (!open) continue;
    const closeAt = runs.findIndex((run, j) => j > i && run[0].length === open[0].length);
    const close = runs[closeAt];
    if (!close) continue;
    regions.push([open.index, close.index + close[0].length]);
    i = closeAt;
  }
  return regions;
}

function applyEdits(text: string, edits: readonly Edit[], code: readonly [number, number][]): string {
  const inCode = (at: number) => code.some(([from, to]) => at > from && at < to);
  // At one place: a closing backtick, then an opening one, then the break itself.
  const pieces = new Map<string, { at: number; order: number; text: string }>();
  const add = (at: number, order: number, piece: string) => pieces.set(`${at}:${order}:${piece}`, { at, order, text: piece });
  for (const edit of edits) {
    add(edit.at, 2, edit.text);
    const quote = edit.quote;
    if (!quote || inCode(quote.from) || (text[quote.from - 1] === "`" && text[quote.to] === "`")) continue;
    // A backtick next to a word or an `@` would give what follows a new start ("a@b" is an
    // address, "`@b" a mention), and next to a backtick it would lengthen that run: the joiner
    // alone does the work there.
    if (/[A-Za-z0-9_@`]/.test(text[quote.to] ?? "") || /[A-Za-z0-9_`]/.test(text[quote.from - 1] ?? "")) continue;
    // An escape before the token would escape the opening backtick instead: quote it along.
    add(text[quote.from - 1] === "\\" ? quote.from - 1 : quote.from, 1, "`");
    add(quote.to, 0, "`");
  }
  const sorted = [...pieces.values()].sort((a, b) => a.at - b.at || a.order - b.order);
  let out = "";
  let done = 0;
  for (const piece of sorted) {
    out += text.slice(done, piece.at) + piece.text;
    done = piece.at;
  }
  return out + text.slice(done);
}
