import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/commands/index.ts";

// Commands are read from what a person sees on GitHub (issue 13): nothing hidden, quoted or in
// code acts, and a command disguised with invisible or look-alike characters is answered, not run.

const acted = (body: string) => parseCommands(body).filter((parsed) => parsed.ok);

/** Ways to put a line where a reader does not see it as a plain line of text. */
const hiders: [string, (line: string) => string][] = [
  ["a multi-line HTML comment", (line) => `<!--\n${line}\n-->`],
  ["an unterminated HTML comment", (line) => `Looks good.\n<!--\n${line}`],
  ["an HTML comment on one line", (line) => `<!-- ${line} -->`],
  ["an HTML comment opened mid-line", (line) => `Thanks! <!-- note\n${line}\n-->`],
  ["a collapsed details block", (line) => `<details>\n<summary>Log</summary>\n\n${line}\n\n</details>`],
  ["an open details block", (line) => `<details open>\n\n${line}\n\n</details>`],
  ["an unterminated details block", (line) => `<details>\n\n${line}`],
  ["nested details", (line) => `<details>\n<details>\n</details>\n\n${line}\n</details>`],
  ["a hidden div", (line) => `<div hidden>\n\n${line}\n\n</div>`],
  ["a styled span", (line) => `<span style="display:none">\n${line}\n</span>`],
  ["raw HTML pre", (line) => `<pre>\n${line}\n</pre>`],
  ["a raw HTML blockquote", (line) => `<blockquote>\n\n${line}\n\n</blockquote>`],
  ["a quote", (line) => `> ${line}`],
  ["a quote's lazy continuation", (line) => `> I think we should\n${line}`],
  ["a backtick fence", (line) => "```\n" + line + "\n```"],
  ["a tilde fence", (line) => `~~~\n${line}\n~~~`],
  ["a longer fence a shorter one does not close", (line) => "````\n```\n" + line + "\n````"],
  ["an unterminated fence", (line) => "```sh\n" + line],
  ["a fence in a list item", (line) => "- step:\n  ```\n  " + line + "\n  ```"],
  ["indented code", (line) => `    ${line}`],
  ["a tab-indented line", (line) => `\t${line}`],
  ["an inline code span", (line) => `\`${line}\``],
  ["a code span over several lines", (line) => `Run \`\n${line}\n\` later.`],
  ["a link reference definition's destination", (line) => `[ok]:\n${line}`],
  ["a link reference definition's title", (line) => `[ok]: https://example.com "\n${line}\n"`],
  ["a link label over several lines", (line) => `[ok\n${line}\n]: https://example.com`],
];

describe("commands a reader does not see", () => {
  for (const command of ["/approve", "/approve budget", "/reject no", "/cancel"]) {
    it.each(hiders)(`never reads ${command} in %s`, (_, hide) => {
      expect(parseCommands(hide(command))).toEqual([]);
    });
  }

  it("reads the visible command next to hidden text", () => {
    expect(acted("<!-- /cancel -->\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("<details><summary>log</summary>\n/cancel\n</details>\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("```\n/cancel\n```\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("> quoted /cancel\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("[ok]: https://example.com\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("Uses `<details>` in the docs.\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("/approve <!-- looked at the diff -->")).toMatchObject([{ command: { name: "approve", budget: false } }]);
    expect(acted("/reject the <b>spec</b> misses R3")).toMatchObject([{ command: { name: "reject", reason: "the <b>spec</b> misses R3" } }]);
  });
});

/** Bodies from a security review (issue 13): GitHub renders each `/approve` hidden, so none may act. */
const reviewed: [string, string][] = [
  ["a details tag self-closed with />", "<details/>\n/approve"],
  ["a self-closed details with attributes", "<details open />\n\n/approve"],
  ["a hidden div self-closed", "<div hidden/>\n/approve"],
  ["a details tag split over lines", "<details\nx>\n/approve\n</details>"],
  ["a details tag unterminated", "<details\n/approve"],
  ["an attribute value over lines", 'Hi <a title="\n/approve\n">x</a>'],
  ["a closing tag inside a double-quoted attribute", '<details>\n<a title="</details>">x</a>\n/approve'],
  ["a closing tag inside a single-quoted attribute", "<details>\n<a title='</details>'>x</a>\n/approve"],
  ["a fullwidth closing tag", "<details>\n\uFF1C/details\uFF1E\n/approve"],
  ["a zero-width space in a closing tag", "<details>\n</det\u200Bails>\n/approve"],
  ["a small less-than closing tag", "<details>\n\uFE64/details>\n/approve"],
  ["an indented details in an HTML block", "<div>\n    <details>\n/approve"],
  ["a backticked details in an HTML block", "<div>\n`<details>`\n/approve"],
  ["a fullwidth-backticked details", "\uFF40<details>\uFF40\n/approve"],
  ["a fence a fullwidth fence does not close", "```\n\uFF40\uFF40\uFF40\n/approve\n```"],
  ["a tilde fence a fullwidth one does not close", "~~~\n\uFF5E\uFF5E\uFF5E\n/approve\n~~~"],
  ["a fence after a leading byte-order mark", "\uFEFF```\n/approve\n```"],
  ["a quote in a list item", "- > quote\n/approve"],
  ["a quote in an ordered list item", "1. > quote\n/approve"],
  ["a quote in a nested list item", "- - > quote\n/approve"],
  ["a details tag in a paragraph's indented continuation", "Hi\n    <details>\n/approve"],
  ["an indented closing tag after a heading", "<details>\n\n# Log\n    </details>\n/approve"],
  ["a backticked closing tag in a paragraph", "<details>\n\n<b>`</details>`\n/approve"],
  ["a fence after an inline tag", "Hi\n<b>\n```\n/approve\n```"],
  ["a closing tag split by an HTML comment", "<details>\n</det<!-- -->ails>\n/approve"],
  ["a closing tag with attributes in a paragraph", "<details>\n\nSee </details x>\n/approve"],
  ["a code-span closing tag", "<details>\n\n`</details>`\n/approve"],
  ["a closing tag in a fence", "<details>\n\n```\n</details>\n```\n/approve"],
  ["an unterminated details tag mid-paragraph", "Hi <details\n/approve"],
  ["a details tag after a code span that ends inside an attribute", '`<a title="`"><details>\n/approve'],
  ["a details tag after a backtick in an attribute", '<a title="`">x</a><details>`\n/approve'],
  ["a zero-width space before a fence", "Looks good.\n\u200B```\n/approve\n```"],
  ["a zero-width space in a closing tag's slash", "<details>\n<\u200B/details>\n/approve"],
  ["a quote's continuation after a fullwidth backtick", "> \uFF40x\n/approve"],
  ["a closing tag inside a script", "<details>\n<script>\n</details>\n</script>\n/approve"],
  ["a closing tag inside a textarea", "<details>\n\nHi <textarea></details></textarea>\n/approve"],
  ["an image's alt text", "![\n/approve\n](https://example.com/x.png)"],
  ["an image's alt text after a link", "See [docs](https://example.com) ![a\n/approve\n][ref]"],
  ["a link's title", '[x](https://example.com "\n/approve\n")'],
  ["a link's destination and title", "[x](\n/approve\n)"],
  ["inline math", "$\\phantom{\n/approve\n}$"],
  ["a math block", "$$\n/approve\n$$"],
  ["a details tag inside what only looks like a tag", "<x y'z=\"a\nhi <details>\">\n/approve"],
];

describe("commands GitHub hides in ways a line-by-line reading misses", () => {
  it.each(reviewed)("never reads /approve behind %s", (_, body) => {
    expect(acted(body)).toEqual([]);
  });

  it("still reads a plain /approve after HTML that hides nothing", () => {
    expect(acted("<details><summary>log</summary>\nx\n</details>\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted('<img src="x.png" width="20">\n\n/approve')).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted('<img src="x.png" style="width:20px">\n\n/approve')).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("if a<b then\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("<div>\n<b>hi</b>\n</div>\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("- item\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("```\n<details>\n```\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("    <details>\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("* * *\n    <details>\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("<details>\n<script>\n</details>\n</script>\n</details>\n\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("It costs $5\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("See [the\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    expect(acted("![logo](https://example.com/x.png)\n/approve")).toMatchObject([{ command: { name: "approve" } }]);
    // A backtick inside a tag's attribute starts no code span, so the `</details>` after it is a real one.
    expect(acted('<details>\n\n<a title="`">x</a>`</details>\n/approve')).toMatchObject([{ command: { name: "approve" } }]);
  });
});

describe("disguised commands", () => {
  it.each([
    ["a byte-order mark", "\uFEFF/approve"],
    ["a zero-width space inside", "/\u200Bapprove"],
    ["a zero-width joiner before", "\u200D/approve"],
    ["a bidi override", "\u202E/approve"],
    ["a Unicode tag character", "\u{E0041}/approve"],
    ["a soft hyphen", "/ap\u00ADprove"],
    ["a fullwidth slash", "\uFF0Fapprove"],
    ["fullwidth letters", "/\uFF41\uFF50\uFF50\uFF52\uFF4F\uFF56\uFF45"],
    ["a no-break space", "/approve\u00A0budget"],
    ["an HTML comment inside the name", "/app<!-- -->rove"],
    ["an HTML comment before it", "<!-- x -->/approve"],
  ])("answers a command behind %s and does not run it", (_, body) => {
    const parsed = parseCommands(`Looks good.\n${body}`);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ ok: false, error: expect.stringContaining("was not read: its line holds hidden or look-alike characters") as string });
  });

  it("keeps invisible characters out of what a plainly typed command carries", () => {
    expect(acted("/reject the family emoji 👨\u200D👩\u200D👧 breaks\u200B the layout")).toMatchObject([{ command: { name: "reject", reason: "the family emoji 👨👩👧 breaks the layout" } }]);
  });

  it("does not answer stray text that only normalises to an unknown slash word", () => {
    expect(parseCommands("\uFF0Fshrug")).toEqual([]);
  });
});

describe("generated bodies", () => {
  // A small deterministic generator (no dependency): every combination of a prefix, a hider and
  // a suffix around `/approve`; a hidden or disguised `/approve` never comes back as an approval.
  const prefixes = ["", "Looks good.\n", "> earlier\n\n", "```\ncode\n```\n", "<!-- -->\n", "\uFEFF"];
  const suffixes = ["", "\n", "\nthanks", "\n\n/status"];
  it("never approves from hidden text, whatever surrounds it", () => {
    let bodies = 0;
    for (const prefix of prefixes) {
      for (const [, hide] of hiders) {
        for (const suffix of suffixes) {
          const body = `${prefix}${hide("/approve")}${suffix}`;
          expect(acted(body).filter((parsed) => parsed.ok && parsed.command.name === "approve"), JSON.stringify(body)).toEqual([]);
          bodies += 1;
        }
      }
      for (const [, reviewedBody] of reviewed) {
        for (const suffix of suffixes) {
          const body = `${prefix}${reviewedBody}${suffix}`;
          expect(acted(body).filter((parsed) => parsed.ok && parsed.command.name === "approve"), JSON.stringify(body)).toEqual([]);
          bodies += 1;
        }
      }
    }
    expect(bodies).toBe(prefixes.length * (hiders.length + reviewed.length) * suffixes.length);
  });
});
