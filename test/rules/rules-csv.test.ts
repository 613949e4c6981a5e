import { join } from 'node:path';
import { Engine, Rule as EngineRule } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { inProfile, type Condition } from '../../src/rules/model.js';
import { FIXTURES, profileNamed, ruleSet } from '../support/context.js';
import { readCsv } from '../support/csv.js';

const normative = readCsv(join(FIXTURES, 'domain', 'rules.csv'));
const PROFILES = { threshold_shandong_2020: 'shandong-2020', threshold_shandong_2023: 'shandong-2023' } as const;

function leafValues(condition: Condition): unknown[] {
  if ('all' in condition) return condition.all.flatMap(leafValues);
  if ('any' in condition) return condition.any.flatMap(leafValues);
  if ('not' in condition) return leafValues(condition.not);
  return [condition.value];
}

describe('rule set', () => {
  it('has every rule of rules.csv and no other, with its category, severity and indicators', () => {
    expect(ruleSet.rules.map((r) => r.id).sort()).toEqual(normative.map((r) => r.id!).sort());
    for (const row of normative) {
      const rule = ruleSet.rules.find((r) => r.id === row.id)!;
      expect(rule.meta.category, row.id).toBe(row.category);
      expect(rule.meta.severity, row.id).toBe(row.severity);
      expect(rule.indicators, row.id).toEqual(row.indicators!.split(',').sort());
      expect(rule.file.replaceAll('\\', '/'), row.id).toMatch(new RegExp(`rules/${row.category}/${row.id!.split('.')[1]}\\.json$`));
    }
  });

  it('takes each profile’s thresholds from rules.csv, and leaves a threshold rule out of a profile whose cell is empty', () => {
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
