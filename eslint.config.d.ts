// Types for what eslint.config.js exports, for the test that lints with the dependency rule alone.
import type { Linter } from "eslint";

export declare const dependencyRule: Linter.Config[];
/** Which module of src/ may import which. */
export declare const layers: Record<string, string[]>;
declare const config: Linter.Config[];
export default config;
