import { describe, expect, it } from "vitest";
import { describeThrown } from "../../src/app/describe-thrown.ts";

describe("describeThrown", () => {
  it("gives an Error's message and a string as it is", () => {
    expect(describeThrown(new Error("port in use"))).toBe("port in use");
    expect(describeThrown("no key")).toBe("no key");
  });

  it("describes an Event (what EventSource rejects with) by its type, message and code", () => {
    const event = Object.assign(new Event("error"), { message: "fetch failed: connect ECONNREFUSED 127.0.0.1:9", code: 502 });
    expect(describeThrown(event)).toBe("error event: fetch failed: connect ECONNREFUSED 127.0.0.1:9, code 502");
    expect(describeThrown(new Event("error"))).toBe("error event (no details)");
  });

  it("never prints [object …] for other values", () => {
    expect(describeThrown({ message: "bad gateway" })).toBe("bad gateway");
    expect(describeThrown({ status: 503 })).toBe('Object {"status":503}');
    expect(describeThrown(Object.create(null))).toBe("object with no message");
    expect(describeThrown(undefined)).toBe("undefined");
    expect(describeThrown(42)).toBe("42");
    class Odd {}
    expect(describeThrown(new Odd())).toBe("Odd with no message");
  });
});
