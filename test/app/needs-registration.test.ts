import { describe, expect, it } from "vitest";
import { needsRegistration } from "../../src/app/needs-registration.ts";

describe("needsRegistration", () => {
  it("registers only when neither an app id nor a private key is set", () => {
    expect(needsRegistration({}, false)).toBe(true);
    expect(needsRegistration({ APP_ID: "42", PRIVATE_KEY: "-----BEGIN" }, false)).toBe(false);
    expect(needsRegistration({ APP_ID: "42", PRIVATE_KEY_PATH: "app.pem" }, false)).toBe(false);
    expect(needsRegistration({ APP_ID: "42" }, true)).toBe(false);
  });

  it("refuses half a set of credentials, naming what is missing, instead of registering again", () => {
    expect(() => needsRegistration({ APP_ID: "42" }, false)).toThrow(/APP_ID is set but no private key is: set PRIVATE_KEY or PRIVATE_KEY_PATH/);
    expect(() => needsRegistration({ PRIVATE_KEY: "-----BEGIN" }, false)).toThrow(/APP_ID is not: set APP_ID/);
    expect(() => needsRegistration({}, true)).toThrow(/APP_ID is not/);
    expect(() => needsRegistration({ APP_ID: "Iv1.abc", PRIVATE_KEY: "-----BEGIN" }, false)).toThrow(/APP_ID must be the app's number/);
  });

  it("never registers on a production server (it cannot write .env)", () => {
    expect(() => needsRegistration({ NODE_ENV: "production" }, false)).toThrow(/APP_ID and PRIVATE_KEY are not set/);
  });
});
