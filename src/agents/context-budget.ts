import { fitToBudget, type Budgeted, type BudgetedText } from "./assemble-context.ts";

// One byte budget (the agent's `context_budget_bytes`) for everything people and the repo put in a
// prompt, drawn down in order of importance: the issue, feedback, reviews, the PR's diff, repo
// files. A text is cut at a character boundary with a note the agent reads; a list drops whole
// items. Both are named in `omitted`, for the prompt and the audit trail.

/** Bytes kept free for the "… (N bytes left out)" note at the end of a cut text. */
const noteBytes = 64;

export class ContextBudget {
  /** What was cut or left out, each with its size. */
  readonly omitted: string[] = [];
  #left: number;

  constructor(bytes: number) {
    this.#left = bytes;
  }

  get left(): number {
    return this.#left;
  }

  /** The text whole if it fits, else its start and a note saying how much was left out. */
  text(label: string, text: string): string {
    const size = Buffer.byteLength(text);
    if (size <= this.#left) {
      this.#left -= size;
      return text;
    }
    const room = new Uint8Array(Math.max(0, this.#left - noteBytes));
    // encodeInto writes whole characters only, so the cut never splits one.
    const { read, written } = new TextEncoder().encodeInto(text, room);
    const leftOut = size - written;
    this.#left = 0;
    this.omitted.push(`${label} (${bytes(leftOut)} of ${bytes(size)} bytes)`);
    return `${text.slice(0, read)}\n… (${bytes(leftOut)} bytes left out)`;
  }

  /** Whole items in order while they fit; the rest is named. */
  items(items: readonly BudgetedText[]): Budgeted {
    return this.record(fitToBudget(items, this.#left));
  }

  /** Draws a scope filled elsewhere (within `left`) from this budget. */
  record(scope: Budgeted): Budgeted {
    for (const item of scope.included) this.#left -= Buffer.byteLength(item.text);
    this.#left = Math.max(0, this.#left);
    this.omitted.push(...scope.omitted);
    return scope;
  }

  /** The issue as a prompt shows it, its title and body drawn from this budget. */
  issue(issue: { number: number; title: string; body: string }): { number: number; title: string; body: string } {
    const title = this.text(`issue #${issue.number} title`, issue.title);
    return { number: issue.number, title, body: this.text(`issue #${issue.number} body`, issue.body) };
  }
}

function bytes(count: number): string {
  return count.toLocaleString("en-US");
}
