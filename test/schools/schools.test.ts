import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { countyBalance, countyIndicators, partsOf, weightedCv, type School } from '../../src/schools/compute.js';
import { readRoster } from '../../src/schools/roster.js';
import { runCli } from '../support/cli.js';
import { SEED } from '../support/context.js';

const ROSTER = 'test/fixtures/schools/370100-schools.json';
const CITY = 'test/fixtures/schools/370100.json';

describe('pupil-weighted coefficient of variation', () => {
  it('reproduces the worked example: pupils 45/37/89/76/55 give 0.515, not the unweighted 0.489', () => {
    const pupils = [45, 37, 89, 76, 55];
    const books = [279, 137, 935, 160, 402];
    const perPupil = books.map((b, i) => b / pupils[i]!);
    expect(weightedCv(perPupil, pupils)).toBeCloseTo(0.515, 3);
    expect(weightedCv(perPupil, [1, 1, 1, 1, 1])).toBeCloseTo(0.489, 3);
  });

  it('is 0 for a single school or equal values', () => {
    expect(weightedCv([3], [100])).toBe(0);
    expect(weightedCv([2, 2, 2], [1, 5, 9])).toBe(0);
  });

  it('does not change when every value of an indicator is scaled, or when the schools are reordered', () => {
    const school = fc.record({ value: fc.double({ min: 0.01, max: 1e5, noNaN: true }), pupils: fc.integer({ min: 1, max: 5000 }) });
    fc.assert(
      fc.property(fc.array(school, { minLength: 2, maxLength: 30 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.nat(), (schools, scale, seed) => {
        const cv = weightedCv(schools.map((s) => s.value), schools.map((s) => s.pupils));
        const scaled = weightedCv(schools.map((s) => s.value * scale), schools.map((s) => s.pupils));
        const shuffled = [...schools].sort((a, b) => ((a.pupils * 7919 + seed) % 101) - ((b.pupils * 7919 + seed) % 101));
        const reordered = weightedCv(shuffled.map((s) => s.value), shuffled.map((s) => s.pupils));
        expect(scaled).toBeCloseTo(cv, 9);
        expect(reordered).toBeCloseTo(cv, 9);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('quality-balance computation (hand-computed fixture)', async () => {
  const roster = await readRoster(ROSTER, 'en');
  const schools = roster.schools;
  const of = (county: string) => schools.filter((s) => s.county === county);

  it('reads the roster', () => {
    expect(roster.errors).toEqual([]);
    expect(schools).toHaveLength(8);
  });

  it('splits a nine-year school’s resources 1 : 1.1 by weighted pupils', () => {
    const [primary, junior] = partsOf(schools.find((s) => s.type === 'nine_year')!);
    // 600 primary and 400 junior pupils weigh 600 : 440, so 52 qualified teachers split 30 : 22
    expect(primary!.values[0]).toBeCloseTo(5.0, 10);
    expect(junior!.values[0]).toBeCloseTo(5.5, 10);
    expect(primary!.values[3]).toBeCloseTo(6.25, 10);
    expect(junior!.values[3]).toBeCloseTo(6.875, 10);
    expect([primary!.met, junior!.met]).toEqual([7, 7]);
  });

  it('splits complete-secondary and twelve-year schools 1 : 1.2 and 1 : 1.1 : 1.32, assessing only compulsory stages', () => {
    const base = { name: 'x', county: '370102', resources: { qualifiedTeachers: 100, backboneTeachers: 0, peArtsTeachers: 0, teachingArea: 0, sportsArea: 0, equipmentValue: 0, multimediaClassrooms: 0 } };
    const secondary: School = { ...base, code: 'c', type: 'complete_secondary', pupils: { junior: 500, senior: 500 } };
    const [junior, ...others] = partsOf(secondary);
    expect(others).toEqual([]);
    expect(junior!.stage).toBe('junior');
    expect(junior!.values[0]).toBeCloseTo((100 * (500 / 1100) * 100) / 500, 10);
    const twelve: School = { ...base, code: 't', type: 'twelve_year', pupils: { primary: 100, junior: 100, senior: 100 } };
    const total = 100 + 110 + 132;
    const values = partsOf(twelve).map((p) => p.values[0]!);
    expect(values).toHaveLength(2);
    expect(values[0]).toBeCloseTo((100 * 100) / total, 10);
    expect(values[1]).toBeCloseTo((100 * 110 * 100) / total / 100, 10);
  });

  it('leaves out special-education and vocational schools and teaching points under 50 pupils', () => {
    const balance = countyBalance('370102', of('370102'));
    expect(balance.excluded.map((e) => [e.school.code, e.reason])).toEqual([
      ['370102090', 'special'],
      ['370102091', 'small-teaching-point'],
    ]);
    expect(balance.schools).toBe(4);
  });

  it('counts the schools meeting at least six standards and computes each stage’s CVs', () => {
    const balance = countyBalance('370102', of('370102'));
    // 历下区燕山小学 meets 5 of 7; the junior school meets 6, enough
    expect(balance.meeting).toBe(3);
    expect(balance.meetingRate).toBe(75);
    // qualified teachers per 100 pupils: 5.0, 4.0, 5.0 for 1000, 400, 600 pupils → mean 4.8, sd 0.4
    expect(balance.stages.primary!.cv[0]).toBeCloseTo(0.4 / 4.8, 10);
    expect(balance.stages.junior!.schools).toBe(2);
    const 历城 = countyBalance('370112', of('370112'));
    // equipment per pupil 2500 and 500 for equal pupils → mean 1500, sd 1000
    expect(历城.stages.primary!.maxCv).toBeCloseTo(2 / 3, 10);
    expect(countyIndicators(历城)).toEqual({ schools_meeting_resource_standards_rate: 100, resource_cv_primary_max: 历城.stages.primary!.maxCv });
  });
});

describe('scoring with a roster', () => {
  it('gives the same verdicts as the city file with the computed indicators typed in', async () => {
    const withRoster = JSON.parse((await runCli(['score', CITY, '--schools', ROSTER, '-f', 'json'])).stdout);
    const roster = await readRoster(ROSTER, 'en');
    const typed = JSON.parse(readFileSync(CITY, 'utf8'));
    for (const county of typed.counties) {
      Object.assign(county.indicators, countyIndicators(countyBalance(county.region.code, roster.schools.filter((s) => s.county === county.region.code))));
    }
    const dir = tempDir('eduduty-typed-');
    writeFileSync(join(dir, '370100.json'), JSON.stringify(typed));
    const byHand = JSON.parse((await runCli(['score', join(dir, '370100.json'), '-f', 'json'])).stdout);
    const verdicts = (result: { files: { findings: { rule: string; region: { code: string }; status: string }[] }[] }) =>
      result.files[0]!.findings.map((f) => `${f.rule}@${f.region.code}=${f.status}`);
    expect(verdicts(withRoster)).toEqual(verdicts(byHand));
    const find = (rule: string, code: string) => withRoster.files[0].findings.find((f: { rule: string; region: { code: string } }) => f.rule === rule && f.region.code === code);
    expect(find('development.school-resource-standards', '370102').status).toBe('fail');
    expect(find('development.resource-balance-primary', '370112').status).toBe('fail');
    expect(find('development.resource-balance-junior', '370102').status).toBe('pass');
  });

  it('warns when a county’s own figure disagrees with its roster, and scores the roster’s', async () => {
    const result = JSON.parse((await runCli(['score', CITY, '--schools', ROSTER, '-f', 'json'])).stdout);
    expect(result.files[0].warnings).toEqual([
      expect.objectContaining({ code: 'roster-disagrees', path: '/counties/0/indicators/schools_meeting_resource_standards_rate', line: 19 }),
    ]);
    expect(result.files[0].warnings[0].message).toBe('历下区 填报的 schools_meeting_resource_standards_rate 为 100，而学校名册计算得 75；按名册计算值评分');
  });

  it('reads a roster from CSV, and reports a bad roster with its cell, exit 2, while the city is still scored', async () => {
    const dir = tempDir('eduduty-roster-');
    const header = 'code,name,county,type,pupils_primary,pupils_junior,qualified_teachers,backbone_teachers,pe_arts_teachers,teaching_area,sports_area,equipment_value,multimedia_classrooms';
    writeFileSync(join(dir, 'ok.csv'), `${header}\n370112001,港沟小学,370112,primary,500,,25,5,5,2500,4000,"1,250,000",13\n370112002,彩石小学,370112,primary,500,,25,5,5,2500,4000,250000,13\n`);
    const fromCsv = await readRoster(join(dir, 'ok.csv'), 'en');
    expect(fromCsv.errors).toEqual([]);
    expect(countyBalance('370112', fromCsv.schools).stages.primary!.maxCv).toBeCloseTo(2 / 3, 10);
    writeFileSync(join(dir, 'bad.csv'), `${header}\n370112001,港沟小学,370112,kindergarten,500,,25,5,5,2500,4000,abc,13\n`);
    const run = await runCli(['score', CITY, '--schools', join(dir, 'bad.csv'), '-f', 'json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.files[0]).toMatchObject({ file: join(dir, 'bad.csv'), valid: false });
    expect(json.files[0].errors.map((e: { cell: string }) => e.cell).sort()).toEqual(['D2', 'L2']);
    expect(json.files[1]).toMatchObject({ valid: true });
  });

  it('report lists each county’s weakest schools and scores the computed indicators', async () => {
    const run = await runCli(['report', CITY, '--schools', ROSTER]);
    expect(run.stdout).toMatch(/## 附表3 各县薄弱学校（学校花名册）/);
    expect(run.stdout).toMatch(/\| 济南市历下区 \| 370102002 历下区燕山小学 \| 小学 \| 5\/7 \| 每百名学生拥有高于规定学历教师数；生均教学及辅助用房面积 \|/);
    // one school of the four in 历下区 falls short: 个别 in the body, the county named in 逐市反馈
    expect(run.stdout).toMatch(/个别中小学校资源配置未达到优质均衡标准/);
    expect(run.stdout).toMatch(/\| 济南市历下区 \| 部分学校资源配置指标未达到优质均衡标准：.* 75% .*`development\.school-resource-standards` \|/);
    const json = JSON.parse((await runCli(['report', CITY, '--schools', ROSTER, '-f', 'json'])).stdout);
    expect(json.weakestSchools.map((c: { county: string; meeting: number; schools: number }) => [c.county, c.meeting, c.schools])).toEqual([
      ['370102', 3, 4],
      ['370112', 2, 2],
    ]);
  });

  it('explain shows the county’s CVs and the schools missing standards, furthest first', async () => {
    const run = await runCli(['explain', 'development.school-resource-standards', '--file', CITY, '--region', '370102', '--schools', ROSTER, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/evaluation trace: 历下区 370102 → fail/);
    expect(run.stdout).toMatch(/Quality balance \(school roster\): 4 schools assessed, 3 meet at least 6 standards in every stage \(75%\)/);
    expect(run.stdout).toMatch(/✖ 370102002 历下区燕山小学 \(primary, 5\/7 met\): Teachers above the required qualification per 100 pupils 4 < 4\.2; Teaching and auxiliary floor area per pupil 4 < 4\.5/);
    expect(run.stdout).toMatch(/Not assessed: 370102090 历下区特殊教育学校 \(special-education school\), 370102091 历下区山区教学点 \(teaching point under 50 pupils\)/);
    const json = JSON.parse((await runCli(['explain', 'development.resource-balance-primary', '--file', CITY, '--region', '370112', '--schools', ROSTER, '-f', 'json'])).stdout);
    expect(json.trace.status).toBe('fail');
    expect(json.balance.cv.primary.equipment_value_per_student).toBeCloseTo(2 / 3, 10);
  });
});
