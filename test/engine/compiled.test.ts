import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCompiledEvaluator } from '../../src/engine/compile.js';
import { createRegionEvaluator } from '../../src/engine/evaluate.js';
import { factsOf } from '../../src/engine/facts.js';
import type { IndicatorValue } from '../../src/input/model.js';
import { checkRuleFile } from '../../src/rules/load.js';
import { inProfile, type Rule } from '../../src/rules/model.js';
import { catalogue, ruleSet, SEED } from '../support/context.js';
import { DRAWS, generateIndicators, seededRandom } from '../support/province.js';

/** Rules built to exercise what the shipped ones do not: any, not, nesting and condition priorities. */
function shapeRules(): Rule[] {
  const meta = { category: 'quality', severity: 'error', title: { zh: 't', en: 't' }, message: { zh: '{detail}', en: '{detail}' }, problem: { zh: 'p', en: 'p' }, source: 's', examples: [{ expect: 'pass', indicators: {} }] };
  const leaf = (fact: string, operator: string, value: unknown, extra: Record<string, unknown> = {}) => ({ fact, operator, value, ...extra });
  const definitions = [
    { name: 'quality.shape-any', conditions: { any: [leaf('daily_pe_one_hour_rate', 'equal', 100, { priority: 3 }), leaf('myopia_rate', 'lessThan', { fact: 'myopia_rate', path: '$.previous' }, { path: '$.current', priority: 1 }), leaf('curriculum_fully_offered_rate', 'greaterThan', 95, { priority: 3 })] } },
    { name: 'quality.shape-not', conditions: { all: [{ not: leaf('kindergartens_primary_schoolisation', 'greaterThan', 0) }, leaf('after_school_service_coverage', 'notEqual', 0)] } },
    { name: 'quality.shape-nested', conditions: { all: [{ any: [leaf('physical_fitness_pass_rate', 'greaterThanInclusive', 95, { path: '$.current' }), { all: [leaf('physical_fitness_excellent_rate', 'greaterThan', 0, { path: '$.change' }), leaf('physical_fitness_pass_rate', 'lessThanInclusive', 2, { path: '$.changePct' })] }], priority: 2 }, leaf('quality_kindergarten_share', 'greaterThanInclusive', { fact: 'quality_kindergarten_share', path: '$.previous' }, { path: '$.current', priority: 1 })] } },
  ];
  return definitions.map((definition) => {
    const { rule, problems } = checkRuleFile({ ...definition, event: { type: 'finding' }, meta }, `rules/quality/${definition.name.split('.')[1]}.json`, catalogue);
    if (!rule) throw new Error(problems.join('; '));
    return rule;
  });
}

/** Values near and across every threshold, absent values, zero previous values, extremes. */
const extremeValue = (id: string): fc.Arbitrary<IndicatorValue | undefined> => {
  const indicator = catalogue.get(id)!;
  const number = fc.oneof(fc.constantFrom(0, 0.5, 1, 5, 10, 15, 50, 80, 84.999, 85, 89.99, 90, 95, 99.99, 100, 200, 1e9), fc.double({ min: 0, max: 200, noNaN: true }));
  if (indicator.kind === 'boolean') return fc.option(fc.boolean(), { nil: undefined });
  if (indicator.kind === 'yoy') return fc.option(fc.record({ current: number, previous: number }), { nil: undefined });
  if (indicator.kind === 'count') return fc.option(fc.nat(20), { nil: undefined });
  return fc.option(number, { nil: undefined });
};

describe('the compiled evaluator', () => {
  const rulesByProfile = ruleSet.profiles.map((profile) => ({ profile, rules: [...ruleSet.rules.filter((r) => inProfile(r, profile)), ...shapeRules()] }));

  // thousands of records in chunks of 500, one test each, so no single test carries the whole load
  const chunks = rulesByProfile.flatMap(({ profile, rules }) => [0, 1, 2].map((chunk) => ({ name: `${profile.name} #${chunk + 1}`, profile, rules, chunk })));
  it.each(chunks)('gives the same verdicts and evidence as stock json-rules-engine on 500 generated records ($name)', async ({ profile, rules, chunk }) => {
    const reference = createRegionEvaluator(rules, profile);
    const compiled = createCompiledEvaluator(rules, profile);
    const rng = seededRandom(SEED + chunk);
    for (let i = 0; i < 500; i++) {
      const facts = factsOf(generateIndicators(rng, i % 10 === 0 ? 'city' : 'county', { failRate: 0.3, missingRate: 0.1 }), catalogue);
      expect(compiled.evaluateSync!(facts)).toEqual(await reference.evaluate(facts));
    }
  });

  it('agrees with json-rules-engine on arbitrary values at and around every threshold', async () => {
    const { profile, rules } = rulesByProfile.at(-1)!;
    const reference = createRegionEvaluator(rules, profile);
    const compiled = createCompiledEvaluator(rules, profile);
    const ids = Object.keys(DRAWS);
    await fc.assert(
      fc.asyncProperty(fc.tuple(...ids.map(extremeValue)), async (values) => {
        const indicators = Object.fromEntries(ids.map((id, i) => [id, values[i]]).filter(([, v]) => v !== undefined));
        const facts = factsOf(indicators as Record<string, IndicatorValue>, catalogue);
        expect(compiled.evaluateSync!(facts)).toEqual(await reference.evaluate(facts));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('marks the conditions a short-circuit skipped, like json-rules-engine', async () => {
    const [any] = shapeRules();
    const facts = factsOf({ daily_pe_one_hour_rate: 100, curriculum_fully_offered_rate: 50, myopia_rate: { current: 50, previous: 40 } }, catalogue);
    const verdict = createCompiledEvaluator([any!], ruleSet.profiles[0]!).evaluateSync!(facts).get(any!.id)!;
    expect(verdict.status).toBe('pass');
    expect(verdict.evidence.map((e) => [e.indicator, e.evaluated])).toEqual([
      ['daily_pe_one_hour_rate', true],
      ['myopia_rate', false],
      ['curriculum_fully_offered_rate', true],
    ]);
  });
});
