import { join } from 'node:path';
import { Engine, Rule as EngineRule } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { inProfile, type Condition } from '../../src/rules/model.js';
import { FIXTURES, profileNamed, ruleSet } from '../support/context.js';
import { readCsv } from '../support/csv.js';

const original = readCsv(join(FIXTURES, 'domain', 'rules.csv'));
/** The addendum: 36 new rules and 3 changed in scope, which replace their rows of rules.csv. */
const addendum = readCsv(join(FIXTURES, 'domain', 'rules-2.csv'));
const normative = [...original.filter((row) => !addendum.some((a) => a.id === row.id)), ...addendum];
const PROFILES = { threshold_shandong_2020: 'shandong-2020', threshold_shandong_2023: 'shandong-2023' } as const;

function leafValues(condition: Condition): unknown[] {
  if ('all' in condition) return condition.all.flatMap(leafValues);
  if ('any' in condition) return condition.any.flatMap(leafValues);
  if ('not' in condition) return leafValues(condition.not);
  return [condition.value];
}

/**
 * The rules of rules.csv whose thresholds no source document gives a reference for (56/66/5% classes, 85% kindergarten
 * classes, funding standards…), and those whose problem no seed states and whose number is in no seed.
 */
const UNREFERENCED = [
  'development.large-class-share',
  'development.no-super-large-classes',
  'development.kindergarten-class-size',
  'development.school-size',
  'funding.public-funding-standard-primary',
  'funding.public-funding-standard-junior',
  'funding.public-funding-standard-senior-high',
  'funding.special-education-funding-standard',
  'reform.private-compulsory-share',
  'teachers.rotation',
  'teachers.dual-qualified-share',
  'development.migrant-children-public-schools',
  'development.junior-retention',
  'development.disabled-children-enrolment',
  'funding.land-transfer-provision',
  'funding.appropriation-outpaces-revenue',
  'teachers.certified-teachers',
  'teachers.kindergarten-children-per-teacher',
  'safety.psych-teachers',
];

describe('rule set', () => {
  it('holds the 69 rules of rules.csv and the 36 of the addendum, 105 in all', () => {
    expect(original).toHaveLength(69);
    expect(addendum.filter((row) => row.change === 'new')).toHaveLength(36);
    expect(addendum.filter((row) => row.change === 'scope')).toHaveLength(3);
    expect(ruleSet.rules).toHaveLength(105);
  });

  it('carries each addendum rule’s seed quotes word for word, and marks provisional exactly the thresholds the addendum calls provisional', () => {
    for (const row of addendum) {
      const rule = ruleSet.rules.find((r) => r.id === row.id)!;
      expect(rule.meta.quotes, row.id).toEqual(row.seed_quote!.split('||').map((q) => q.trim()));
      expect(rule.meta.provisional === true, `${row.id} provisional`).toBe(row.note!.startsWith('provisional'));
      expect(rule.meta.source.length, row.id).toBeGreaterThan(0);
    }
    expect(addendum.filter((row) => row.note!.startsWith('provisional'))).toHaveLength(23);
  });

  it('marks provisional the rules of rules.csv whose numbers are unreferenced, and only those', () => {
    for (const row of original.filter((r) => !addendum.some((a) => a.id === r.id))) {
      const rule = ruleSet.rules.find((r) => r.id === row.id)!;
      expect(rule.meta.provisional === true, `${row.id} provisional`).toBe(UNREFERENCED.includes(row.id!));
    }
  });

  it('has every rule of rules.csv and rules-2.csv and no other, with its category, severity and indicators', () => {
    expect(ruleSet.rules.map((r) => r.id).sort()).toEqual(normative.map((r) => r.id!).sort());
    for (const row of normative) {
      const rule = ruleSet.rules.find((r) => r.id === row.id)!;
      expect(rule.meta.category, row.id).toBe(row.category);
      expect(rule.meta.severity, row.id).toBe(row.severity);
      expect(rule.indicators, row.id).toEqual(row.indicators!.split(',').sort());
      expect(rule.file.replaceAll('\\', '/'), row.id).toMatch(new RegExp(`rules/${row.category}/${row.id!.split('.')[1]}\\.json$`));
    }
  });

  it('takes each profile’s thresholds from rules.csv and rules-2.csv (the addendum wins for the rules it changes), and leaves a threshold rule out of a profile whose cell is empty', () => {
    for (const row of normative) {
      const rule = ruleSet.rules.find((r) => r.id === row.id)!;
      for (const [column, name] of Object.entries(PROFILES)) {
        const profile = profileNamed(name);
        const cell = row[column]!;
        if (cell === '') {
          if (rule.thresholds.length > 0) expect(inProfile(rule, profile), `${row.id} in ${name}`).toBe(false);
          else expect(inProfile(rule, profile), `${row.id} in ${name}`).toBe(true);
        } else {
          const values = cell.split(';').map(Number);
          const names = values.length === 1 ? ['T'] : values.map((_, i) => `T${i + 1}`);
          expect(profile.thresholds[rule.id], `${row.id} in ${name}`).toEqual(Object.fromEntries(names.map((n, i) => [n, values[i]])));
        }
      }
    }
  });

  it('never hard-codes a profile number in a condition: numeric comparisons read the threshold fact', () => {
    for (const rule of ruleSet.rules) {
      for (const value of leafValues(rule.definition.conditions as Condition)) {
        if (typeof value === 'number') expect(value, `${rule.id} compares with a literal`).toBe(0);
      }
    }
  });

  it('loads every rule file in stock json-rules-engine, named by its id', () => {
    const engine = new Engine();
    for (const rule of ruleSet.rules) {
      const stock = new EngineRule(rule.definition as never);
      expect(stock.name).toBe(rule.id);
      engine.addRule(stock);
    }
  });
});
