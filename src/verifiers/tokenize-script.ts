// The tokens coverage-config.ts reads settings from, in JavaScript, TypeScript, JSON and flat YAML. Pure.

export interface ScriptToken {
  type: "name" | "string" | "number" | "punct";
  value: string;
  line: number;
}

const regexCanFollow = new Set(["(", ",", "=", ":", "[", "!", "&", "&&", "|", "||", "?", "{", "}", ";", "=>"]);

/** Tokens of a script or JSON file, without comments; good enough for config objects. */
// eslint-disable-next-line max-lines-per-function -- a tokenizer: one loop whose branches are the token kinds, read top to bottom
export function tokenizeScript(text: string): ScriptToken[] {
  const tokens: ScriptToken[] = [];
  let line = 1;
  let i = 0;
  const push = (type: ScriptToken["type"], value: string, at: number) => tokens.push({ type, value, line: at });
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === "\n") {
      line += 1;
      i += 1;
    } else if (/\s/.test(ch)) {
      i += 1;
    } else if (text.startsWith("//", i) || (ch === "#" && (i === 0 || text[i - 1] === "\n" || /\s/.test(text[i - 1] ?? "")))) {
      while (i < text.length && text[i] !== "\n") i += 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let j = i; j < stop; j += 1) if (text[j] === "\n") line += 1;
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === "`") {
      const start = line;
      let value = "";
      i += 1;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === "\\" && i + 1 < text.length) {
          value += text[i + 1] ?? "";
          if (text[i + 1] === "\n") line += 1;
          i += 2;
          continue;
        }
        if (text[i] === "\n") {
          if (ch !== "`") break; // an unterminated plain string ends at the line
          line += 1;
        }
        value += text[i] ?? "";
        i += 1;
      }
      if (text[i] === ch) i += 1;
      push("string", value, start);
    } else if (ch === "/" && regexCanFollow.has(tokens.at(-1)?.value ?? "(")) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== "\n" && (inClass || text[j] !== "/")) {
        if (text[j] === "\\") j += 1;
        else if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        j += 1;
      }
      push("string", text.slice(i + 1, j), line);
      i = j + 1;
      while (/[a-z]/.test(text[i] ?? "")) i += 1;
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const match = /^(?:0[xob][0-9a-f_]+|[0-9_]*\.?[0-9_]+(?:e[+-]?[0-9]+)?)/i.exec(text.slice(i, i + 64));
      const raw = match?.[0] ?? ch;
      push("number", raw.replaceAll("_", ""), line);
      i += raw.length;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i, i + 256));
      const raw = match?.[0] ?? ch;
      push("name", raw, line);
      i += raw.length;
    } else {
      const match = /^(?:===|!==|==|!=|=>|&&|\|\||\?\?|\.\.\.|[^\w\s])/.exec(text.slice(i, i + 3));
      const raw = match?.[0] ?? ch;
      push("punct", raw, line);
      i += raw.length;
    }
  }
  return tokens;
}
