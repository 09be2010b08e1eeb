// What GitHub would act on in a text Pitwall wrote, read the way GitHub's parsers read it and
// more eagerly: closing keywords before a reference (scanned raw, as in commit messages, with
// backticks, quotes and emphasis ignored), @mentions, and images (Markdown or HTML). Character
// references and backslash escapes are decoded and HTML comments removed first, as a renderer
// does. An oracle for tests, independent of src/domain/neutralise-model-text.ts.

export interface LiveMarkup {
  closes: string[];
  mentions: string[];
  images: string[];
}

export function liveMarkup(text: string): LiveMarkup {
  const rendered = text
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/&#(\d+);?/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);?/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&commat;/g, "@")
    .replace(/&num;/g, "#")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1");
  const raw = rendered.replace(/[`*_~"']/g, "");
  return {
    closes: [...raw.matchAll(/(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s*((?:[\w.-]+\/[\w.-]+)?#\d+|gh-\d+|(?:https?:\/\/)?[^\s/]+\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+)/gi)].map((match) => match[1] ?? ""),
    mentions: [...rendered.matchAll(/(?<![A-Za-z0-9])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)/g)].map((match) => match[1] ?? ""),
    images: [...rendered.matchAll(/!\[[^\]]*\]\s*[([]|<(?:img|picture|source|video|audio|image|svg|iframe|object|embed|input)\b[^>]*>?/gi)].map((match) => match[0]),
  };
}
