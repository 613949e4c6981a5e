import { describe, expect, it } from 'vitest';
import type { FileResult, Finding } from '../../src/engine/model.js';
import { buildReport } from '../../src/report/aggregate.js';
import { catalogue, newest, profileNamed, ruleSet, scorerFor } from '../support/context.js';

const RULE = 'funding.two-only-increases';
const rule = ruleSet.rules.find((r) => r.id === RULE)!;

/** A province of files where the given codes fail one rule and every other region passes it. */
function province(cities: number, countiesPerCity: number[], failing: Set<string>, missing = new Set<string>()): FileResult[] {
  return Array.from({ length: cities }, (_, c) => {
    const cityCode = `37${String(c + 1).padStart(2, '0')}00`;
    const codes = [cityCode, ...Array.from({ length: countiesPerCity[c] ?? 0 }, (_, k) => `37${String(c + 1).padStart(2, '0')}${String(k + 1).padStart(2, '0')}`)];
    const findings = codes.map(
      (code, i) =>
        ({
          rule: RULE,
          category: 'funding',
          severity: 'error',
          status: missing.has(code) ? 'missing' : failing.has(code) ? 'fail' : 'pass',
          region: { code, name: i === 0 ? `市${c + 1}` : `县${k(code)}`, level: i === 0 ? 'city' : 'county' },
        }) as Finding,
    );
    return { file: `${cityCode}.json`, valid: true, errors: [], warnings: [], year: 2023, region: { code: cityCode, name: `市${c + 1}` }, findings };
  });
}
const k = (code: string) => code.slice(2);
const report = (files: FileResult[], lang: 'zh' | 'en' = 'zh', previous?: FileResult[], names = false) =>
  buildReport(files, { version: 't', profile: newest, rules: [rule], catalogue, lang, names, ...(previous ? { previous } : {}) });
const funding = (r: ReturnType<typeof report>) => r.sections.find((c) => c.category === 'funding')!;
const TWO = '未实现一般公共预算教育支出和生均一般公共预算教育支出“两个只增不减”';

describe('the province report', () => {
  it('praises the majority and names the minority from the same data (§1.4): 各市和多数县 … 个别县', () => {
    const files = province(16, [9, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8], new Set(['370101', '370902']));
    const r = report(files);
    expect(r.praise.map((p) => p.sentence)).toEqual(['各市和多数县一般公共预算教育支出和生均一般公共预算教育支出实现“两个只增不减”。']);
    const [problem] = funding(r).problems;
    expect(problem).toMatchObject({ rule: RULE, level: 'county', quantifier: 'few', noun: 'region', subject: '个别县', failing: ['370101', '370902'], assessed: 145, missing: 0 });
    expect(problem!.sentence).toBe(`个别县${TWO}。`);
    expect(funding(r).text).toBe(`个别县${TWO}。`);
  });

  it('counts cities and counties separately and says both words when they differ: 部分市和个别县', () => {
    // 3 of 16 cities (19%, 部分) against 2 of 48 counties (4%, 个别)
    const files = province(16, Array(16).fill(3), new Set(['370100', '370200', '370300', '370401', '370502']));
    const [problem] = funding(report(files)).problems;
    expect(problem).toMatchObject({ level: 'city+county', quantifier: 'some', subject: '部分市和个别县' });
    expect(problem!.levels.city).toMatchObject({ assessed: 16, quantifier: 'some' });
    expect(problem!.levels.county).toMatchObject({ assessed: 48, quantifier: 'few' });
    expect(funding(report(files, 'en')).problems[0]!.subject).toBe('some cities and individual counties');
  });

  it('says one word for both levels when they share it, and never calls more than two regions 个别', () => {
    const two = province(16, Array(16).fill(8), new Set(['370100', '370201']));
    expect(funding(report(two)).problems[0]!.subject).toBe('个别市、县');
    const four = province(16, Array(16).fill(8), new Set(['370100', '370200', '370301', '370401']));
    expect(funding(report(four)).problems[0]!.subject).toBe('部分市、县');
  });

  it('says 各…均 before a verb when every region fails, and writes English sentences', () => {
    const files = province(2, [0, 0], new Set(['370100', '370200']));
    expect(funding(report(files)).problems[0]!.sentence).toBe(`各市均${TWO}。`);
    expect(funding(report(files, 'en')).problems[0]!.sentence).toBe('All cities let general-public-budget education expenditure, in total or per student, fall from the previous year.');
  });

  it('never counts missing data as passing: it is left out of n and reported as coverage', () => {
    const files = province(4, [0, 0, 0, 0], new Set(['370100']), new Set(['370200', '370300']));
    const r = report(files);
    const [problem] = funding(r).problems;
    expect(problem).toMatchObject({ assessed: 2, missing: 2, quantifier: 'some' });
    expect(r.coverage).toEqual([{ rule: RULE, title: rule.meta.title.zh, missing: { city: 2, county: 0 }, regions: ['370200', '370300'], noData: false }]);
    expect(r.praise).toEqual([]);
  });

  it('ranks cities by errors, then warnings, sharing a rank on ties', () => {
    const files = province(3, [2, 2, 2], new Set(['370101', '370102', '370201', '370300']));
    expect(report(files).cities.map((c) => [c.code, c.errors, c.rank])).toEqual([
      ['370200', 1, 1],
      ['370300', 1, 1],
      ['370100', 2, 3],
    ]);
  });

  it('names no region in the problems section unless asked, then up to ten and a count of the rest', () => {
    const failing = new Set(Array.from({ length: 12 }, (_, i) => `3701${String(i + 1).padStart(2, '0')}`));
    expect(funding(report(province(1, [20], failing))).text).not.toMatch(/市1/);
    expect(funding(report(province(1, [20], failing), 'zh', undefined, true)).text).toMatch(/市1县0110等12个地区）。$/);
  });

  it('tracks rectification against last year: rectified, still failing, newly failing, unverified', () => {
    const before = province(1, [4], new Set(['370101', '370102', '370103']));
    const now = province(1, [4], new Set(['370102', '370104']), new Set(['370103']));
    const [problem] = funding(report(now, 'zh', before)).problems;
    expect(problem!.rectification).toEqual({ rectified: ['370101'], stillFailing: ['370102'], newlyFailing: ['370104'], unverified: ['370103'] });
  });

  it('builds the same report from real scoring of two years of fixtures', async () => {
    const scorer = scorerFor();
    const score = async (year: number) => Promise.all(['370100', '370200'].map((c) => scorer.scoreSource({ name: `test/fixtures/report/${year}/${c}.json` })));
    const r = buildReport(await score(2023), { version: 't', profile: newest, rules: scorer.rules, catalogue, lang: 'zh', previous: await score(2022) });
    const preschool = r.sections.find((c) => c.category === 'development')!.problems.find((p) => p.rule === 'development.preschool-gross-enrolment')!;
    expect(preschool.sentence).toBe('部分县学前三年毛入园率低于90%。');
    expect(preschool.rectification).toEqual({ rectified: ['370102', '370200'], stillFailing: ['370112'], newlyFailing: ['370113'], unverified: ['370203'] });
    const two = r.sections.find((c) => c.category === 'funding')!.problems.find((p) => p.rule === RULE)!;
    expect(two.sentence).toBe(`个别县${TWO}。`);
    expect(two.rectification).toMatchObject({ rectified: ['370112'], newlyFailing: ['370202'] });
    expect(r.praise.find((p) => p.rule === RULE)!.sentence).toBe('各市和多数县一般公共预算教育支出和生均一般公共预算教育支出实现“两个只增不减”。');
    expect(r.rectification).toMatchObject({ previousYears: [2022] });
  });

  describe('the report’s nouns', () => {
    const scored = async (values: (city: number) => Record<string, unknown>, profile = newest) => {
      const scorer = scorerFor(profile);
      const files = Array.from({ length: 16 }, (_, c) => ({
        schemaVersion: 1 as const,
        year: profile.year,
        region: { code: `37${String(c + 1).padStart(2, '0')}00`, name: `市${c + 1}` },
        indicators: values(c) as never,
      }));
      const results = await Promise.all(files.map((f, i) => scorer.scoreFile(f, `f${i}.json`)));
      return buildReport(results, { version: 't', profile, rules: scorer.rules, catalogue, lang: 'zh' });
    };
    const problem = (r: Awaited<ReturnType<typeof scored>>, rule: string) => r.sections.flatMap((s) => s.problems).find((p) => p.rule === rule);

    it('counts schools when the figure counts them: at most two are 个别学校, more are 部分学校', async () => {
      const rule = 'funding.public-funding-not-for-personnel';
      const two = await scored((c) => ({ schools_misusing_public_funding: c === 0 ? 2 : 0 }));
      expect(problem(two, rule)).toMatchObject({ noun: 'school', quantifier: 'few', subject: '个别学校' });
      const three = await scored((c) => ({ schools_misusing_public_funding: c < 3 ? 1 : 0 }));
      expect(problem(three, rule)).toMatchObject({ subject: '部分学校', sentence: '部分学校公用经费存在违规用于人员支出问题。' });
    });

    it('speaks of pupils by the share of pupils falling short: 多数学生 when more than half do', async () => {
      const most = await scored((c) => ({ students_meeting_sleep_norm_rate: c < 12 ? 30 : 60 }));
      expect(problem(most, 'quality.sleep-time')).toMatchObject({ noun: 'pupil', quantifier: 'majority', sentence: '多数学生睡眠不足。' });
      const some = await scored((c) => ({ students_meeting_sleep_norm_rate: c < 2 ? 45 : 80 }));
      expect(problem(some, 'quality.sleep-time')).toMatchObject({ subject: '部分学生' });
    });

    it('states a province-wide figure without a quantifier when the cities’ mean worsened (2020), else by regions', async () => {
      const profile = profileNamed('shandong-2020');
      const rising = await scored((c) => ({ myopia_rate: { previous: 50, current: c < 10 ? 52 : 49.5 } }), profile);
      expect(problem(rising, 'quality.myopia-no-rise')).toMatchObject({ quantifier: null, subject: '', sentence: '学生总体近视率上升。' });
      const falling = await scored((c) => ({ myopia_rate: { previous: 50, current: c < 2 ? 51 : 45 } }), profile);
      expect(problem(falling, 'quality.myopia-no-rise')).toMatchObject({ quantifier: 'few', sentence: '个别市学生总体近视率较上年上升。' });
    });
  });
});
