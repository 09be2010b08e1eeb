// The two shapes of a scanner rule: a pattern (with an optional check of each match) or a finder.

export interface PatternRule {
  kind: string;
  /** Global, with indices (`dg`). A `secret` group, when present, is the part reported and redacted. */
  pattern: RegExp;
  accept?: (secret: string, match: RegExpExecArray) => boolean;
  /** False for a rule that only shields text from later rules. */
  report?: boolean;
}

export interface ProceduralRule {
  kind: string;
  /** [start, end) ranges in order, not overlapping. */
  find: (text: string) => Array<[number, number]>;
}

export type SecretRule = PatternRule | ProceduralRule;
