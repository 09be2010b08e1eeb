import { describe, expect, it } from "vitest";
import { approvedCommit } from "../../src/domain/approved-commit.ts";

describe("approvedCommit", () => {
  const head = { sha: "b".repeat(40), at: new Date("2026-12-01T10:00:05Z") };
  const comment = (writtenAt: string | null) => ({ commitSha: "a".repeat(40), source: "comment" as const, writtenAt: writtenAt === null ? null : new Date(writtenAt) });

  it("moves a /approve to the head pushed before it was written (seconds apart on GitHub's clock)", () => {
    expect(approvedCommit(comment("2026-12-01T10:00:06Z"), head)).toBe(head.sha);
  });

  it("keeps it on its commit when written before the push, in the same second, or at an unknown time", () => {
    expect(approvedCommit(comment("2026-12-01T10:00:04Z"), head)).toBe("a".repeat(40));
    expect(approvedCommit(comment("2026-12-01T10:00:05.900Z"), head)).toBe("a".repeat(40));
    expect(approvedCommit(comment(null), head)).toBe("a".repeat(40));
    expect(approvedCommit(comment("2026-12-01T10:00:06Z"), { sha: head.sha, at: null })).toBe("a".repeat(40));
  });

  it("never moves a review, which names its commit", () => {
    expect(approvedCommit({ ...comment("2026-12-01T10:00:09Z"), source: "review" }, head)).toBe("a".repeat(40));
  });
});
