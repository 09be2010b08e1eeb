import { matchesGlob } from "node:path";

// The repo as an agent sees it during a tool loop: the pass's base commit, read through GitHub,
// with the agent's writes kept in memory. Nothing reaches GitHub from here; what the agent
// wrote comes back as proposed changes that Pitwall checks before it commits anything itself.

/** Read access to the repository at one commit. */
export interface RepoSnapshot {
  /** Every file path at the commit. */
  listFiles(): Promise<string[]>;
  /** A file's text, or undefined when it does not exist (or is not text). */
  readFile(path: string): Promise<string | undefined>;
}

/** A snapshot that also names each file's git blob SHA (from the tree, without reading the blob). */
export interface VersionedSnapshot extends RepoSnapshot {
  /** The file's blob SHA, or undefined when it does not exist. */
  blobSha(path: string): Promise<string | undefined>;
}

export interface WorkspaceLimits {
  /** The most bytes one read returns before it is cut (and says so). */
  maxReadBytes: number;
  /** The most files the agent may change. */
  maxChangedFiles: number;
  /** The most bytes one written file may have. */
  maxFileBytes: number;
}

export const defaultWorkspaceLimits: WorkspaceLimits = { maxReadBytes: 60_000, maxChangedFiles: 40, maxFileBytes: 200_000 };

export type ToolOutcome = { ok: true; content: string } | { ok: false; content: string };

export class Workspace {
  readonly #base: RepoSnapshot;
  readonly #writeGlobs: readonly string[];
  readonly #limits: WorkspaceLimits;
  readonly #written = new Map<string, string>();
  #baseFiles: string[] | undefined;

  constructor(base: RepoSnapshot, writeGlobs: readonly string[], limits: WorkspaceLimits = defaultWorkspaceLimits) {
    this.#base = base;
    this.#writeGlobs = writeGlobs;
    this.#limits = limits;
  }

  async files(): Promise<string[]> {
    this.#baseFiles ??= await this.#base.listFiles();
    return [...new Set([...this.#baseFiles, ...this.#written.keys()])].sort();
  }

  async read(path: string): Promise<string | undefined> {
    return this.#written.get(path) ?? (await this.#base.readFile(path));
  }

  async listFiles(folder: string): Promise<ToolOutcome> {
    const prefix = folder.replace(/^\.?\/+/, "").replace(/\/+$/, "");
    const all = await this.files();
    const found = prefix === "" ? all : all.filter((path) => path === prefix || path.startsWith(`${prefix}/`));
    if (found.length === 0) return { ok: false, content: `no files under "${folder}"` };
    const shown = found.slice(0, 500);
    return { ok: true, content: `${shown.join("\n")}${found.length > shown.length ? `\n… and ${found.length - shown.length} more files (list a sub-folder to see them)` : ""}` };
  }

  async readFile(path: string): Promise<ToolOutcome> {
    const text = await this.read(normalise(path));
    if (text === undefined) return { ok: false, content: `${path} does not exist` };
    if (text.length <= this.#limits.maxReadBytes) return { ok: true, content: text };
    return { ok: true, content: `${text.slice(0, this.#limits.maxReadBytes)}\n[… ${text.length - this.#limits.maxReadBytes} more bytes of ${path} not shown]` };
  }

  async searchText(query: string, folder: string): Promise<ToolOutcome> {
    if (query.length === 0) return { ok: false, content: "the query is empty" };
    const prefix = folder.replace(/^\.?\/+/, "").replace(/\/+$/, "");
    const hits: string[] = [];
    for (const path of await this.files()) {
      if (prefix !== "" && !path.startsWith(`${prefix}/`) && path !== prefix) continue;
      const text = await this.read(path);
      if (text === undefined) continue;
      text.split("\n").forEach((line, index) => {
        if (hits.length < 200 && line.includes(query)) hits.push(`${path}:${index + 1}: ${line.slice(0, 200)}`);
      });
      if (hits.length >= 200) break;
    }
    return hits.length === 0 ? { ok: true, content: `no line contains "${query}"` } : { ok: true, content: hits.join("\n") };
  }

  writeFile(path: string, content: string): ToolOutcome {
    const target = normalise(path);
    const refusal = this.#refuseWrite(target, content);
    if (refusal) return { ok: false, content: refusal };
    this.#written.set(target, content);
    return { ok: true, content: `wrote ${target} (${content.length} bytes)` };
  }

  async editFile(path: string, oldText: string, newText: string): Promise<ToolOutcome> {
    const target = normalise(path);
    const current = await this.read(target);
    if (current === undefined) return { ok: false, content: `${path} does not exist; use write_file to create it` };
    const first = current.indexOf(oldText);
    if (oldText === "" || first < 0) return { ok: false, content: `old_text was not found in ${path}; read the file and copy the exact text` };
    if (current.indexOf(oldText, first + 1) >= 0) return { ok: false, content: `old_text occurs more than once in ${path}; include more surrounding lines` };
    return this.writeFile(target, current.slice(0, first) + newText + current.slice(first + oldText.length));
  }

  /** What the agent wrote, as proposed changes. */
  changes(): { path: string; content: string }[] {
    return [...this.#written].map(([path, content]) => ({ path, content }));
  }

  #refuseWrite(path: string, content: string): string | undefined {
    if (!isRepoPath(path)) return `"${path}" is not a relative path inside the repository`;
    if (!this.#writeGlobs.some((glob) => matchesGlob(path, glob))) return `you may not write ${path}: your access.write is ${this.#writeGlobs.join(", ") || "empty"}`;
    if (content.length > this.#limits.maxFileBytes) return `${path} would be ${content.length} bytes; the limit is ${this.#limits.maxFileBytes}`;
    if (!this.#written.has(path) && this.#written.size >= this.#limits.maxChangedFiles) return `you may change at most ${this.#limits.maxChangedFiles} files in one pass`;
    return undefined;
  }
}

function normalise(path: string): string {
  return path.replace(/^\.?\/+/, "");
}

function isRepoPath(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !path.split("/").some((part) => part === ".." || part === "." || part === "");
}
