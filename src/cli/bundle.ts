import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The commands as one CommonJS file, run from V8's code cache (src/code-cache.ts) instead of as ES modules. */
export const BUNDLE_FILE = 'main.cjs';

/** The commands' bundle beside this module, when this module is part of the built command line. */
export function bundleBeside(moduleUrl: string): string | undefined {
  const file = join(dirname(fileURLToPath(moduleUrl)), BUNDLE_FILE);
  return existsSync(file) ? file : undefined;
}
