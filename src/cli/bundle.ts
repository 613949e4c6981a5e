/** The commands as one CommonJS file beside the process entry, run from V8's code cache (src/code-cache.ts). */
export const BUNDLE_FILE = 'main.cjs';
