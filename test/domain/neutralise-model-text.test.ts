import { describe, expect, it } from "vitest";
import { neutraliseModelText } from "../../src/domain/neutralise-model-text.ts";
import { liveMarkup, type LiveMarkup } from "../support/live-markup.ts";

const none: LiveMarkup = { closes: [], mentions: [], images: [] };
/** What a person sees: the word joiners Pitwall inserts are invisible. */
const visible = (text: string) => neutraliseModelText(text).replaceAll("\u2060", "");

describe("neutraliseModelText: closing keywords", () => {
  const keywords = ["close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"];
  const references = ["#56", "acme/rocket#56", "GH-56", "gh-56", "https://github.com/acme/rocket/issues/56", "https://ghe.example.com/acme/rocket/pull/56"];

  it.each(keywords.flatMap((word) => [word, word.toUpperCase(), `${word[0]?.toUpperCase() ?? ""}${word.slice(1)}:`]))("makes '%s <reference>' inert for every kind of reference", (word) => {
    for (const reference of references) {
      const text = `This ${word} ${reference} for good.`;
      expect(liveMarkup(text).closes, text).not.toEqual([]);
      expect(liveMarkup(neutraliseModelText(text)), text).toEqual(none);
    }
  });

  it("quotes the reference as inline code and keeps the rest of the sentence", () => {
    expect(visible("Done. Closes #56, see the spec.")).toBe("Done. Closes `#56`, see the spec.");
    expect(visible("Fixes acme/rocket#7 and GH-8")).toBe("Fixes `acme/rocket#7` and `GH-8`");
  });

  it("neutralises every reference of a closing list", () => {
    expect(liveMarkup(neutraliseModelText("Fixes #1, #2 and acme/rocket#3; resolves #4")).closes).toEqual([]);
    expect(visible("Fixes #1, #2 and acme/rocket#3")).toBe("Fixes `#1`, `#2` and `acme/rocket#3`");
  });

  it("leaves a reference without a closing keyword, and words that only contain one, alone", () => {
    expect(neutraliseModelText("See #12 and acme/rocket#3; the prefix is fine. C# and F# too.")).toBe("See #12 and acme/rocket#3; the prefix is fine. C# and F# too.");
  });

  it("sees through markup, escapes, character references, comments, invisible characters and look-alikes", () => {
    const disguised = [
      "**Clo**ses #5",
      "Closes `#5`",
      "Closes\\#5",
      "clo&#115;es &#35;5",
      "Clo<!-- x -->ses #5",
      "Clo\u200Bses #\u200D5",
      "Ｃｌｏｓｅｓ ＃５",
      "𝐂𝐥𝐨𝐬𝐞𝐬 #5",
      "Closes&nbsp;#5",
      "Closes <b>#5</b>",
      "Resolves: [#5](https://github.com/acme/rocket/issues/5)",
    ];
    for (const text of disguised) {
      const out = neutraliseModelText(text);
      expect(liveMarkup(out), `${text} → ${out}`).toEqual(none);
      expect(out.replaceAll("\u2060", "").replace(/[^#\d]/g, ""), text).toContain("#5");
    }
  });
});

describe("neutraliseModelText: mentions", () => {
  it("quotes user and team mentions, keeps e-mail addresses", () => {
    expect(visible("cc @acme/everyone and @someone. Mail bob@example.com.")).toBe("cc `@acme/everyone` and `@someone`. Mail bob@example.com.");
    expect(liveMarkup(neutraliseModelText("cc @acme/everyone and @someone")).mentions).toEqual([]);
  });

  it("breaks mentions inside the model's own code too, without adding backticks there", () => {
    expect(visible("Run `npm i @types/node` first")).toBe("Run `npm i @types/node` first");
    expect(liveMarkup(neutraliseModelText("Run `npm i @types/node` first")).mentions).toEqual([]);
  });

  it("breaks mentions wrapped in underscore emphasis, which GitHub renders as a mention in <em>", () => {
    for (const text of ["_@octocat_", "__@octocat__", "x _@acme/everyone_ y", "snake_@octocat"]) {
      const out = neutraliseModelText(text);
      expect(liveMarkup(out).mentions, `${text} → ${out}`).toEqual([]);
      expect(out, text).toContain("@\u2060");
    }
  });

  it("sees through character references, escapes and look-alikes of @", () => {
    for (const text of ["&commat;acme/everyone", "&#64;someone", "&#x40;someone", "\\@someone", "＠someone", "﹫someone", "@\u200Bsomeone", "x<!-- -->@someone"]) {
      const out = neutraliseModelText(text);
      expect(liveMarkup(out).mentions, `${text} → ${out}`).toEqual([]);
      expect(out.replaceAll("\u2060", ""), text).toMatch(/@someone|@acme\/everyone/);
    }
  });
});

describe("neutraliseModelText: remote images", () => {
  it("turns Markdown images into links, an empty alt text into 'image'", () => {
    expect(visible("![](https://evil.example/beacon.png)")).toBe("![image](https://evil.example/beacon.png)");
    for (const text of ["![](https://evil.example/b.png)", "![alt](https://evil.example/b.png \"t\")", "![logo][b]\n\n[b]: https://evil.example/b.png", "![b]\n\n[b]: https://evil.example/b.png", "!![x](u)", "!<!-- -->[x](u)", "!&#91;x](u)"]) {
      const out = neutraliseModelText(text);
      expect(liveMarkup(out).images, `${text} → ${out}`).toEqual([]);
      expect(out, text).not.toMatch(/!\[/);
    }
  });

  it("shows HTML media tags as text and keeps formatting tags", () => {
    for (const text of ['<img src="https://evil.example/p.gif">', "<IMG/SRC=x>", '<picture><source srcset="https://evil.example/s.png"></picture>', '<video src="v.mp4" poster="p.png">', "<audio src=a.mp3>", '<td background="b.png">x</td>', '<p style="background:url(x)">x</p>', "<svg><image href=x /></svg>", "&lt;img src=x&gt; stays text", "<!-- hidden <img src=x> -->"]) {
      const out = neutraliseModelText(text);
      expect(liveMarkup(out).images, `${text} → ${out}`).toEqual([]);
      expect(out, text).not.toMatch(/<(?:img|picture|source|video|audio|td|p|svg|image)\b/i);
    }
    expect(neutraliseModelText("<b>bold</b>, <details><summary>more</summary>text</details> and <a href=\"https://x.example\">a link</a>")).toBe(
      "<b>bold</b>, <details><summary>more</summary>text</details> and <a href=\"https://x.example\">a link</a>",
    );
  });

  it("shows an unterminated comment or declaration as text, so it cannot hide what Pitwall writes after it", () => {
    expect(visible("summary <!-- and then")).toBe("summary <!-- and then");
    expect(neutraliseModelText("summary <!-- and then")).not.toContain("<!--");
  });
});

describe("neutraliseModelText: everything else", () => {
  it("keeps plain text, Markdown and emoji as written", () => {
    const text = "## Spec\n\n- **Dark mode** for `settings.ts` (see #12)\n- 👩‍👩‍👧 families, 🏳️‍🌈 flags, é, ✓\n\n```ts\nconst x = a > b && c < d;\n```\n";
    expect(neutraliseModelText(text)).toBe(text);
  });

  it("removes invisible characters and HTML comments", () => {
    expect(neutraliseModelText("a\u200Bb\u202Ec\uFEFFd<!-- secret -->e")).toBe("abcde");
  });
});

// A property check without a library: texts built from fragments a hostile model would combine,
// from a seeded generator so a failure repeats.
const fragments = [
  "Closes", "closes:", "FIXED", "resolve", "fix", "Clo", "ses", "#", "#12", "12", "acme/rocket", "GH-", "GH-3", "https://github.com/acme/rocket/issues/", "7",
  "@", "@acme/everyone", "@someone", "someone", "acme", "/", "everyone", "![", "](", "]", "[", "](https://evil.example/b.png)", "!", "<img src=x>", "<", "img", "src=x>", "<picture>",
  "`", "``", "```\n", "\\", "&#35;", "&#64;", "&#x40;", "&commat;", "&num;", "&amp;", "&lt;", "<!--", "-->", "\u200B", "\u200D", "\u2060", "\uFEFF", "＠", "＃", "﹫", "𝐂",
  " ", " ", "\n", "\n\n", ",", ":", "*", "**", "_", "~", "\"", "'", "(", ")", ">", "|", "-", ".", "and", "text", "👩‍👩‍👧", "é",
];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function hostileTexts(count: number, seed: number): string[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * 14) }, () => fragments[Math.floor(random() * fragments.length)] ?? "").join(""));
}

describe("neutraliseModelText: properties over 3,000 generated hostile texts", () => {
  const texts = hostileTexts(3_000, 13);

  it("leaves no live closing reference, mention or image", () => {
    const live = texts.map((text) => ({ text, out: neutraliseModelText(text) })).filter(({ out }) => JSON.stringify(liveMarkup(out)) !== JSON.stringify(none));
    expect(live.slice(0, 5)).toEqual([]);
  });

  it("stays inert wherever Pitwall puts it: in code, quotes, emphasis, next to its own text", () => {
    const wrappers = [(t: string) => `\`${t}\``, (t: string) => `> ${t}`, (t: string) => `**${t}**`, (t: string) => `- \`${t}\`: ${t}`, (t: string) => `${t}\n\n**Files:** \`${t}\``];
    const live = texts.flatMap((text) => wrappers.map((wrap) => wrap(neutraliseModelText(text)))).filter((out) => JSON.stringify(liveMarkup(out)) !== JSON.stringify(none));
    expect(live.slice(0, 5)).toEqual([]);
  });

  it("is idempotent: neutralising twice changes nothing more", () => {
    const changed = texts.filter((text) => neutraliseModelText(neutraliseModelText(text)) !== neutraliseModelText(text));
    expect(changed.slice(0, 5)).toEqual([]);
  });
});
