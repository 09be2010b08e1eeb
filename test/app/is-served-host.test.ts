import { describe, expect, it } from "vitest";
import { isServedHost } from "../../src/app/is-served-host.ts";

describe("isServedHost", () => {
  it("serves loopback names, with or without a port, and the public URL's host", () => {
    for (const host of ["localhost", "localhost:3000", "LOCALHOST:3000", "127.0.0.1:3000", "[::1]:3000", "[::1]"]) expect(isServedHost(host, undefined)).toBe(true);
    expect(isServedHost("pitwall.example.com", "https://pitwall.example.com/base")).toBe(true);
    expect(isServedHost("pitwall.example.com:8443", "https://pitwall.example.com:8443")).toBe(true);
  });

  it("refuses other names (a rebound one), look-alikes and anything a URL parser could read another way", () => {
    for (const host of [undefined, "", "evil.example", "127.0.0.1.evil.example:3000", "localhost.evil.example", "localhost/x", "evil.example@localhost", "localhost:3000 ", "0.0.0.0:3000"]) expect(isServedHost(host, undefined)).toBe(false);
    expect(isServedHost("evil.example", "https://pitwall.example.com")).toBe(false);
  });
});
