import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests start PGlite (WASM) and real HTTP servers; two cores on CI.
    maxWorkers: 2,
  },
});
