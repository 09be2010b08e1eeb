import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/app/escape-html.ts";

describe("escapeHtml", () => {
  const hostile = `It's "x" <b>&amp;</b> &#39; ' " <script>alert(1)</script> & > done`;

  it("round-trips through a browser's parser in single- and double-quoted attributes and in text", () => {
    const fragment = parseFragment(`<p title='${escapeHtml(hostile)}' data-x="${escapeHtml(hostile)}">${escapeHtml(hostile)}</p>`);
    const p = fragment.childNodes[0];
    if (!p || !("attrs" in p)) throw new Error("no element");
    expect(p.attrs.map((attr) => attr.value)).toEqual([hostile, hostile]);
    expect(p.childNodes.map((node) => ("value" in node ? node.value : "")).join("")).toBe(hostile);
  });

  it("leaves text without markup characters alone", () => {
    expect(escapeHtml("Pitwall runs a work item — pass by pass")).toBe("Pitwall runs a work item — pass by pass");
  });
});
