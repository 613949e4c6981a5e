import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildIndicatorFileSchema } from '../../src/catalogue/schema.js';
import { packageHome } from '../../src/home.js';
import { AJV_OPTIONS, PRECOMPILED_FILE, schemaHash } from '../../src/input/precompiled.js';
import { loadCached } from '../../src/code-cache.js';
import { precompiledSource } from '../../src/input/write-validator.js';
import { catalogue, SEED } from '../support/context.js';

const require = createRequire(import.meta.url);
const BUILT = join(packageHome(), 'dist', 'src', 'input');
const schema = buildIndicatorFileSchema(catalogue);
const sample = JSON.parse(readFileSync(join(packageHome(), 'samples', '2023', '370100.json'), 'utf8')) as Record<string, unknown>;

/** Values near a real file and far from it: mutated indicators, wrong types, unknown keys, anything. */
const inputs = fc.oneof(
  fc.jsonValue(),
  fc.record({ id: fc.constantFrom(...catalogue.indicators.map((i) => i.id), 'no_such_indicator', 'x-note'), value: fc.jsonValue() }).map(({ id, value }) => ({ ...sample, indicators: { ...(sample.indicators as object), [id]: value } })),
);

const verdict = (validate: ValidateFunction, value: unknown) => ({ valid: validate(value), errors: (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params })) });

describe('the precompiled indicator-file validator', () => {
  it('is built from the current schema: the build wrote it stamped with the schema hash, as the generator would now', () => {
    const file = join(BUILT, PRECOMPILED_FILE);
    expect(existsSync(file), 'npm run build generates it').toBe(true);
    const built = require(file) as { schemaHash: string };
    expect(built.schemaHash).toBe(schemaHash(schema));
    expect(readFileSync(file, 'utf8')).toBe(precompiledSource(schema));
  });

  it('is the validator a built run uses for the bundled catalogue, and not for a changed one', async () => {
    const { validatorFor } = (await import(pathToFileURL(join(BUILT, 'precompiled.js')).href)) as typeof import('../../src/input/precompiled.js');
    // loaded as the built run loads it: from its code cache, once per process
    const built = loadCached<{ default: ValidateFunction }>(join(BUILT, PRECOMPILED_FILE));
    expect(validatorFor(schema)).toBe(built.default);
    const changed = { ...schema, title: 'another catalogue' };
    expect(validatorFor(changed)).not.toBe(built.default);
  });

  it('gives the verdict and errors of ajv compiling the schema, on any input', () => {
    const built = require(join(BUILT, PRECOMPILED_FILE)) as { default: ValidateFunction };
    const compiled = new Ajv(AJV_OPTIONS).compile(schema);
    fc.assert(
      fc.property(inputs, (value) => {
        expect(verdict(built.default, value)).toEqual(verdict(compiled, value));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
