import type { Catalogue } from '../catalogue/catalogue.js';
import { createValidator } from '../input/validate.js';
import { inProfile, type Profile, type Rule, type RuleSet } from '../rules/model.js';
import type { Status } from './model.js';
import { createScorer } from './score.js';

export interface ExampleOutcome {
  rule: string;
  profile: string;
  index: number;
  expected: Status;
  actual: Status | 'invalid';
  /** Why the example's data is not a valid indicator set, when it is not. */
  problem?: string;
}

/** The profile an example that carries its own thresholds runs in: the rule alone, with those numbers. */
const EXAMPLE_PROFILE = '(example)';

function exampleProfiles(ruleSet: RuleSet, rules: readonly Rule[]): Profile[] {
  const year = Math.max(...ruleSet.profiles.map((p) => p.year));
  const own = rules.flatMap((rule) =>
    rule.meta.examples.flatMap((example) =>
      example.thresholds ? [{ name: EXAMPLE_PROFILE, year, title: { zh: '示例', en: 'example' }, file: rule.file, thresholds: { [rule.id]: example.thresholds } }] : [],
    ),
  );
  return [...ruleSet.profiles, ...own];
}

/**
 * Runs every rule's own examples (pass / fail / missing) in each profile that has the rule, the way
 * ESLint's RuleTester runs valid and invalid cases; an example with its own thresholds runs with them
 * (a rule no bundled profile holds is tested that way). An example's indicators are scored as a city.
 */
export async function runRuleExamples(ruleSet: RuleSet, catalogue: Catalogue, rules: readonly Rule[] = ruleSet.rules): Promise<ExampleOutcome[]> {
  const outcomes: ExampleOutcome[] = [];
  const validator = createValidator(catalogue, 'en');
  for (const profile of exampleProfiles(ruleSet, rules)) {
    const scorer = createScorer({ catalogue, ruleSet, profile, lang: 'en' });
    for (const rule of rules) {
      if (!inProfile(rule, profile)) continue;
      for (const [index, example] of rule.meta.examples.entries()) {
        if (example.profile !== undefined && example.profile !== profile.name) continue;
        if ((profile.name === EXAMPLE_PROFILE) !== (example.thresholds !== undefined)) continue;
        if (profile.name === EXAMPLE_PROFILE && profile.thresholds[rule.id] !== example.thresholds) continue;
        const base = { rule: rule.id, profile: profile.name, index, expected: example.expect };
        const document = { schemaVersion: 1, year: profile.year, region: { code: '370100', name: 'example' }, indicators: example.indicators };
        const { file, errors } = validator.validate(document);
        if (!file) {
          outcomes.push({ ...base, actual: 'invalid', problem: errors.map((e) => `${e.path} ${e.message}`).join('; ') });
          continue;
        }
        const [region] = await scorer.scoreFile(file).then((r) => r.findings.filter((f) => f.rule === rule.id));
        outcomes.push({ ...base, actual: region?.status ?? 'invalid' });
      }
    }
  }
  return outcomes;
}
