import type { ValidateFunction } from 'ajv';
import precompiled, { schemaHash as precompiledHash } from 'eduduty:validator';
import { createHash } from './crypto.js';

export const PRECOMPILED_FILE = 'indicator-file.validate.cjs';

export function schemaHash(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

export function validatorFor(schema: object): ValidateFunction {
  if (precompiledHash !== schemaHash(schema)) throw new Error('the page was built for another indicator catalogue');
  return precompiled;
}
