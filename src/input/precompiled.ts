import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
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

function loadPrecompiled(): Precompiled | null {
  try {
    return require(`./${PRECOMPILED_FILE}`) as Precompiled;
  } catch {
    // running from source (tests), or a build without the generated file: compile instead
    return null;
  }
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
