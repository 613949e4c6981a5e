import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { SCORE_RESULT_SCHEMA } from '../../src/format/result-schema.js';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/format/json.js';
import { packageHome } from '../../src/home.js';
import { buildScoreResult } from '../../src/engine/score.js';
import { readIndicatorBytes } from '../../src/input/read.js';
import type { Condition, LeafCondition } from '../../src/rules/model.js';
import { catalogue, cityFile, newest, ruleSet, scorerFor, SEED } from '../support/context.js';

const scorer = scorerFor();
const validOutput = new Ajv({ allErrors: true, strict: false }).compile(SCORE_RESULT_SCHEMA);
const sample = JSON.parse(readFileSync(join(packageHome(), 'samples', '2023', '370100.json'), 'utf8')) as Record<string, unknown>;
const encode = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

function expectLocatedErrorsOrModel(result: ReturnType<typeof readIndicatorBytes>): void {
  if (result.file) expect(result.errors).toEqual([]);
  else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(typeof error.path).toBe('string');
      expect(error.message.length).toBeGreaterThan(0);
    }
  }
}

describe('properties', () => {
  it('the loader never throws on arbitrary JSON and yields a valid model or located errors', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectLocatedErrorsOrModel(readIndicatorBytes('a.json', encode(value), scorer.validator));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('the loader never throws on arbitrary bytes as JSON or YAML', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.json', 'a.yaml', '-'), (bytes, name) => {
        expectLocatedErrorsOrModel(readIndicatorBytes(name, bytes, scorer.validator));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('scoring never throws on mutations of a valid file, and its JSON output is deterministic', async () => {
    const ids = catalogue.indicators.map((i) => i.id);
    const mutation = fc.record({
      id: fc.constantFrom(...ids),
      county: fc.boolean(),
      value: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue(),
        fc.double(),
        fc.constantFrom(0, -1, 1e308, -1e308, 100, 100.0001, 200, 1.5),
        fc.record({ current: fc.double(), previous: fc.double() }),
        fc.string(),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        const file = structuredClone(sample) as { indicators: Record<string, unknown>; counties: { indicators: Record<string, unknown> }[] };
        for (const m of mutations) {
          const target = m.county ? file.counties[0]!.indicators : file.indicators;
          if (m.value === undefined) delete target[m.id];
          else target[m.id] = m.value;
        }
        const bytes = encode(file);
        const first = await scorer.scoreBytes('m.json', bytes);
        const second = await scorer.scoreBytes('m.json', bytes);
        const output = formatJson(buildScoreResult('0', newest, [first], scorer.rules));
        expect(output).toBe(formatJson(buildScoreResult('0', newest, [second], scorer.rules)));
        expect(validOutput(JSON.parse(output)), JSON.stringify(validOutput.errors)).toBe(true);
        const full = formatJson(buildScoreResult('0', newest, [first], scorer.rules), { detail: 'full' });
        expect(validOutput(JSON.parse(full)), JSON.stringify(validOutput.errors)).toBe(true);
        if (first.valid) expect(first.findings.length).toBe(scorer.rules.length * (1 + file.counties.length));
        else expect(first.errors.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('raising a value across a >= or > threshold never turns a pass into a fail', async () => {
    const rising = scorer.rules.filter((rule) => {
      const leaves = (rule.definition.conditions as { all: Condition[] }).all as LeafCondition[];
      return leaves.every((l) => 'operator' in l && ['greaterThanInclusive', 'greaterThan'].includes(l.operator) && l.path === undefined);
    });
    expect(rising.length).toBeGreaterThan(15);
    const indicators = [...new Set(rising.flatMap((r) => r.indicators))];
    const bounds = (id: string) => catalogue.get(id)!.range ?? {};
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(indicators.map((id) => [id, fc.double({ min: bounds(id).min ?? 0, max: bounds(id).max ?? 20000, noNaN: true })]))),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (values, share) => {
          const before = await scorer.scoreFile(cityFile(values));
          const raised = Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v + ((bounds(id).max ?? 20000) - v) * share]));
          const after = await scorer.scoreFile(cityFile(raised));
          for (const rule of rising) {
            const was = before.findings.find((f) => f.rule === rule.id)!.status;
            const now = after.findings.find((f) => f.rule === rule.id)!.status;
            if (was === 'pass') expect(now, rule.id).toBe('pass');
          }
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('output does not depend on the order of keys or of counties in the file (beyond where findings point and the file hash)', async () => {
    const reversed = structuredClone(sample) as { indicators: Record<string, unknown>; counties: unknown[] };
    reversed.indicators = Object.fromEntries(Object.entries(reversed.indicators).reverse());
    reversed.counties = [...reversed.counties].reverse();
    const layoutFree = (result: Awaited<ReturnType<typeof scorer.scoreBytes>>) => ({
      ...result,
      sha256: undefined,
      findings: result.findings.map(({ location: _where, ...f }) => f),
    });
    const a = layoutFree(await scorer.scoreBytes('x.json', encode(sample)));
    const b = layoutFree(await scorer.scoreBytes('x.json', encode(reversed)));
    expect(formatJson(buildScoreResult('0', newest, [b]))).toBe(formatJson(buildScoreResult('0', newest, [a])));
  });

  it('the rule set covers every catalogue indicator at least once', () => {
    const used = new Set(ruleSet.rules.flatMap((r) => r.indicators));
    expect(catalogue.indicators.filter((i) => !used.has(i.id)).map((i) => i.id)).toEqual([]);
  });
});
