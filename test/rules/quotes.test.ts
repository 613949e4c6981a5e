import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ruleSet } from '../support/context.js';

const flat = (file: string) => readFileSync(join(FIXTURES, 'seeds', file), 'utf8').replace(/\s+/g, '');
const REPORT_2020 = flat('2020-report.txt');
const REPORT_2023 = flat('2023-report-en.txt');
const ANNEX_2023 = flat('2023-annex.txt');
const PLACE = /^\[(2020|2023) (annex )?[^\]\s][^\]]*\] (.+)$/s;

/** The document a quote's place names: the 2020 report (cases included), the 2023 report, or its Chinese annex. */
function foundWhereItSays(quote: string): boolean {
  const [, year, annex, words] = PLACE.exec(quote)!;
  const body = words!.replace(/\s+/g, '');
  if (year === '2020') return REPORT_2020.includes(body);
  return REPORT_2023.includes(body) || (annex !== undefined && ANNEX_2023.includes(body));
}

describe('rule quotes', () => {
  it('leads every quote with its place, [2020 …] or [2023 …]', () => {
    for (const rule of ruleSet.rules) {
      for (const quote of rule.meta.quotes ?? []) expect(quote, rule.id).toMatch(PLACE);
    }
  });

  it('finds every quote word for word in the document its place names (whitespace aside)', () => {
    const missing = ruleSet.rules.flatMap((rule) => (rule.meta.quotes ?? []).filter((q) => !foundWhereItSays(q)).map((q) => `${rule.id}: ${q}`));
    expect(missing).toEqual([]);
  });

  it('gives every rule its basis: the documents’ words, or a provisional threshold with a note saying where the number comes from', () => {
    for (const rule of ruleSet.rules) {
      if ((rule.meta.quotes ?? []).length > 0) continue;
      expect(rule.meta.provisional, `${rule.id} has no quote`).toBe(true);
      expect(rule.meta.note, rule.id).toMatch(/^provisional: no seed states this problem/);
    }
    expect(ruleSet.rules.filter((r) => (r.meta.quotes ?? []).length > 0)).toHaveLength(97);
  });

  it('tells a quote from the wrong document or altered by a word', () => {
    expect(foundWhereItSays('[2020 二(二)一] 一是个别县未实现财政一般公共预算教育支出和生均财政一般公共预算教育支出的“两个只增不减”。')).toBe(true);
    expect(foundWhereItSays('[2023 二(二)] 一是个别县未实现财政一般公共预算教育支出和生均财政一般公共预算教育支出的“两个只增不减”。')).toBe(false);
    expect(foundWhereItSays('[2020 二(二)一] 一是多数县未实现财政一般公共预算教育支出和生均财政一般公共预算教育支出的“两个只增不减”。')).toBe(false);
    expect(foundWhereItSays('[2023 annex 东营市3] 统筹高中教育发展，\n市本级及所辖区县均设置高中特色学科基地。')).toBe(true);
    expect(foundWhereItSays('[2023 二(三)] 统筹高中教育发展，市本级及所辖区县均设置高中特色学科基地。')).toBe(false);
  });
});
