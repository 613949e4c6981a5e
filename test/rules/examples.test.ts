import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { runRuleExamples } from '../../src/engine/examples.js';
import { factsOf } from '../../src/engine/facts.js';
import type { IndicatorValues } from '../../src/input/model.js';
import { inProfile } from '../../src/rules/model.js';
import { catalogue, ruleSet } from '../support/context.js';

const outcomes = await runRuleExamples(ruleSet, catalogue);

describe('rule examples', () => {
  it('every rule has a pass, a fail and a missing example', () => {
    for (const rule of ruleSet.rules) {
      expect(new Set(rule.meta.examples.map((e) => e.expect)), rule.id).toEqual(new Set(['pass', 'fail', 'missing']));
    }
  });

  for (const outcome of outcomes) {
    it(`${outcome.rule} [${outcome.profile}] example ${outcome.index} is ${outcome.expected}`, () => {
      expect(outcome.problem).toBeUndefined();
      expect(outcome.actual).toBe(outcome.expected);
    });
  }

  it('gives the same pass/fail verdicts as stock json-rules-engine with its default path resolver', async () => {
    for (const profile of ruleSet.profiles) {
      const engine = new Engine([], { allowUndefinedFacts: true });
      engine.addFact('threshold', (params: Record<string, unknown>) => profile.thresholds[String(params.rule)]?.[String(params.name)]);
      const rules = ruleSet.rules.filter((r) => inProfile(r, profile));
      for (const rule of rules) engine.addRule(rule.definition as never);
      for (const outcome of outcomes.filter((o) => o.profile === profile.name && o.expected !== 'missing')) {
        const rule = rules.find((r) => r.id === outcome.rule)!;
        const facts = factsOf(rule.meta.examples[outcome.index]!.indicators as IndicatorValues, catalogue);
        const { results } = await engine.run({ ...facts });
        const passed = results.some((r) => r.name === rule.id);
        expect(passed ? 'pass' : 'fail', `${rule.id} [${profile.name}] #${outcome.index}`).toBe(outcome.actual);
      }
    }
  });
});
