import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { join } from 'node:path';
import { packageHome } from '../home.js';
import { modules } from '../modules.js';

/** The validator the build generates beside this module (ajv standalone code), so no run compiles the schema. */
export const PRECOMPILED_FILE = 'indicator-file.validate.cjs';

/** verbose: an unknown key's error carries its object's schema, whose keys are the suggestions. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictNumbers: true, verbose: true } as const;

export function schemaHash(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

interface Precompiled {
  default: ValidateFunction;
  schemaHash: string;
}

const require = createRequire(import.meta.url);
let precompiled: Precompiled | null | undefined;

/** Beside this module when compiled; in the package's dist/ when this module is part of the command line's bundle. */
function loadPrecompiled(): Precompiled | null {
  for (const path of [`./${PRECOMPILED_FILE}`, join(packageHome(), 'dist', 'src', 'input', PRECOMPILED_FILE)]) {
    try {
      return require(path) as Precompiled;
    } catch {
      // not there: try the next place, then compile
    }
  }
  return null;
}

/**
 * The validating function for a schema: the build's precompiled one when it was generated from this very
 * schema (a catalogue of one's own gets its own), else compiled now with ajv.
 */
export function validatorFor(schema: object): ValidateFunction {
  precompiled ??= loadPrecompiled();
  if (precompiled && precompiled.schemaHash === schemaHash(schema)) return precompiled.default;
  return new (modules.ajv())(AJV_OPTIONS).compile(schema);
}
