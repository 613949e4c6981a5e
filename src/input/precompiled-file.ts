import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCached } from '../code-cache.js';
import { packageHome } from '../home.js';
import type { Precompiled } from './precompiled.js';

/** The validator the build generates beside this module (ajv standalone code), so no run compiles the schema. */
export const PRECOMPILED_FILE = 'indicator-file.validate.cjs';

/** Beside this module when compiled; in the package's dist/ otherwise (the command line's bundle, the tests). Run from its code cache. */
export function loadPrecompiled(): Precompiled | null {
  for (const path of [join(dirname(fileURLToPath(import.meta.url)), PRECOMPILED_FILE), join(packageHome(), 'dist', 'src', 'input', PRECOMPILED_FILE)]) {
    if (!existsSync(path)) continue;
    try {
      return loadCached<Precompiled>(path);
    } catch {
      // unreadable: try the next place, then compile
    }
  }
  return null;
}
