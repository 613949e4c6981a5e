import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { bundledRulesDir, loadRuleSet } from '../../src/rules/load.js';
import { RuleSetError } from '../../src/rules/model.js';
import { catalogue } from '../support/context.js';

const base = JSON.parse(readFileSync(join(bundledRulesDir(), 'development', 'preschool-gross-enrolment.json'), 'utf8'));

function ruleDir(files: Record<string, unknown>): string {
  const dir = tempDir('eduduty-rules-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function refusal(files: Record<string, unknown>): string {
  try {
    loadRuleSet(catalogue, [ruleDir(files)]);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleSetError);
    return (error as Error).message;
  }
  throw new Error('the rule set was accepted');
}

const variant = (patch: (rule: typeof base) => void) => {
  const rule = structuredClone(base);
  patch(rule);
  return { 'development/preschool-gross-enrolment.json': rule };
};

describe('loading rules', () => {
  it('accepts an extra folder whose rule replaces a bundled one of the same id', () => {
    const set = loadRuleSet(catalogue, [ruleDir(variant((r) => (r.meta.severity = 'warning')))]);
    expect(set.rules.find((r) => r.id === 'development.preschool-gross-enrolment')!.meta.severity).toBe('warning');
    expect(set.rules).toHaveLength(105);
  });

  it('merges an extra folder’s profile thresholds over the bundled profile of the same name', () => {
    const profile = { name: 'shandong-2023', year: 2023, title: { zh: 'x', en: 'x' }, thresholds: { 'development.preschool-gross-enrolment': { T: 95 } } };
    const set = loadRuleSet(catalogue, [ruleDir({ 'profiles/shandong-2023.json': profile })]);
    const merged = set.profiles.find((p) => p.name === 'shandong-2023')!;
    expect(merged.thresholds['development.preschool-gross-enrolment']).toEqual({ T: 95 });
    expect(merged.thresholds['development.junior-retention']).toEqual({ T: 95 });
  });

  it('refuses a fact that is not in the catalogue, naming the file', () => {
    const message = refusal(variant((r) => (r.conditions.all[0].fact = 'preschool_rate')));
    expect(message).toMatch(/preschool-gross-enrolment\.json: unknown fact "preschool_rate"/);
  });

  it('refuses an operator outside the allow-list', () => {
    expect(refusal(variant((r) => (r.conditions.all[0].operator = 'contains')))).toMatch(/operator "contains" is not allowed/);
  });

  it('refuses a JSONPath expression that could run a script', () => {
    expect(refusal(variant((r) => (r.conditions.all[0].path = '$..[?(@.constructor)]')))).toMatch(/plain value and takes no path/);
  });

  it('refuses an unknown message placeholder', () => {
    expect(refusal(variant((r) => (r.meta.message.en = 'rate {value} too low')))).toMatch(/unknown placeholder \{value\}/);
  });

  it('refuses bad metadata through the zod model', () => {
    expect(refusal(variant((r) => (r.meta.severity = 'fatal')))).toMatch(/meta\.severity/);
  });

  it('refuses a rule whose name does not match its category and file', () => {
    expect(refusal(variant((r) => (r.name = 'development.other')))).toMatch(/does not match its category and file name/);
  });

  it('refuses a condition tree nested absurdly deep', () => {
    let condition: unknown = base.conditions.all[0];
    for (let i = 0; i < 12; i++) condition = { all: [condition] };
    expect(refusal(variant((r) => (r.conditions = { all: [condition] })))).toMatch(/nested deeper than 8/);
  });

  it('refuses a threshold reference to another rule', () => {
    expect(refusal(variant((r) => (r.conditions.all[0].value.params.rule = 'development.junior-retention')))).toMatch(/must name its own rule/);
  });

  it('refuses a shared-condition reference, which could make a cycle', () => {
    expect(refusal(variant((r) => (r.conditions = { all: [{ condition: 'sharedCondition' }] })))).toMatch(/preschool-gross-enrolment\.json: conditions/);
  });

  it('refuses a path that walks to a prototype, and prototype keys in a rule file', () => {
    expect(refusal(variant((r) => (r.conditions.all[0].path = '$.__proto__')))).toMatch(/plain value and takes no path/);
    const rule = JSON.stringify(base).replace('"meta":{', '"meta":{"__proto__":{"severity":"warning"},');
    expect(refusal({ 'development/preschool-gross-enrolment.json': rule })).toMatch(/preschool-gross-enrolment\.json/);
  });

  it('refuses an operator decorator, which json-rules-engine would accept', () => {
    expect(refusal(variant((r) => (r.conditions.all[0].operator = 'not:equal')))).toMatch(/operator "not:equal" is not allowed/);
  });

  it('refuses a file that is not JSON, and a huge file', () => {
    expect(refusal({ 'funding/broken.json': '{ not json' })).toMatch(/broken\.json: not valid JSON/);
    expect(refusal({ 'funding/huge.json': ' '.repeat(300 * 1024) })).toMatch(/huge\.json: larger than/);
  });

  it('refuses a missing rule folder', () => {
    expect(() => loadRuleSet(catalogue, ['/no/such/rules'])).toThrow(/rule folder not found/);
  });
});
