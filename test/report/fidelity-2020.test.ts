import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndicatorFile, IndicatorValue, RegionRef } from '../../src/input/model.js';
import { buildReport } from '../../src/report/aggregate.js';
import type { Problem, Report } from '../../src/report/model.js';
import type { Quantifier } from '../../src/report/quantifier.js';
import { catalogue, FIXTURES, profileNamed, scorerFor } from '../support/context.js';
import { DRAWS, seededRandom } from '../support/province.js';

/**
 * The 2020 report's problems section (seed 003, 二、存在的主要问题) regenerated from a province built to match it,
 * compared statement by statement: the quantifier, the noun and the key phrase.
 */
const SEED = readFileSync(join(FIXTURES, 'seeds', '2020-problems.txt'), 'utf8').replace(/\s+/g, '');

type Who = 'county' | 'city' | 'both';
interface Statement {
  rule: string;
  /** Verbatim words of the seed that carry the statement. */
  quote: string;
  /** The subject the report uses (quantifier + noun), '' for a province-wide figure; null when only the noun and phrase can be compared. */
  subject: string | null;
  /** The report's own subject where the rules cannot give its word. */
  seedSubject?: string;
  word: Quantifier | null;
  /** Phrases both the seed's statement and the generated one contain. */
  keys: string[];
  /** Which regions fail, and how many of them. */
  fail: { who: Who; cities?: number; counties?: number };
  /** For a count indicator: the count each failing region reports. */
  count?: number;
  /** The indicator that fails, when not the rule's first. */
  indicator?: string;
}

/** Every statement of the 2020 problems section the rules can express, in the seed's order. */
const STATEMENTS: Statement[] = [
  // a count of kindergartens cannot say what share of all kindergartens they are: 部分, not the report's 多数
  { rule: 'development.kindergarten-class-limits', quote: '多数幼儿园超班额问题', subject: '部分幼儿园', seedSubject: '多数幼儿园', word: 'some', keys: ['幼儿园', '超班额'], fail: { who: 'county', counties: 60 }, count: 2 },
  { rule: 'development.public-kindergarten-share', quote: '部分县公办幼儿园占比、普惠性幼儿园覆盖率未达到规定要求', subject: '部分县', word: 'some', keys: ['公办', '占比'], fail: { who: 'county', counties: 10 } },
  { rule: 'development.inclusive-kindergarten-coverage', quote: '部分县公办幼儿园占比、普惠性幼儿园覆盖率未达到规定要求', subject: '部分县', word: 'some', keys: ['普惠性幼儿园覆盖率'], fail: { who: 'county', counties: 10 } },
  { rule: 'development.kindergarten-premises', quote: '个别城镇和部分农村幼儿园园舍条件达不到标准要求', subject: null, word: 'some', keys: ['幼儿园', '园舍条件达不到标准要求'], fail: { who: 'county', counties: 10 } },
  { rule: 'development.place-shortfall', quote: '多数市、县中小学建设与需求矛盾依然突出,应对入学高峰,义务教育阶段学校尚有较大学位缺口', subject: '多数市、县', word: 'majority', keys: ['学位缺口'], fail: { who: 'both', cities: 9, counties: 90 } },
  { rule: 'development.subject-rooms', quote: '部分城镇中小学校学科专用教室、实验室和功能室不足', subject: '部分城镇中小学校', word: 'some', keys: ['学科专用教室、实验室和功能室不足'], fail: { who: 'county', counties: 10 } },
  { rule: 'development.rural-school-equipment', quote: '部分乡村学校办学条件存在短板弱项,教学设施设备配备不足或配置较低', subject: '部分乡村学校', word: 'some', keys: ['教学设施设备配备不足或配置较低'], fail: { who: 'county', counties: 10 } },
  { rule: 'development.school-size', quote: '大多数县存在大校额和超标准班额', subject: '大多数县', word: 'vast-majority', keys: ['大校额'], fail: { who: 'county', counties: 110 }, count: 2 },
  { rule: 'development.standard-class-size', quote: '大多数县存在大校额和超标准班额', subject: '大多数县', word: 'vast-majority', keys: ['超标准班额'], fail: { who: 'county', counties: 110 }, count: 5 },
  { rule: 'reform.private-compulsory-share', quote: '个别县民办义务教育学校占比偏高', subject: '个别县', word: 'few', keys: ['民办义务教育学校', '占比偏高'], fail: { who: 'county', counties: 2 } },
  { rule: 'development.senior-high-conditions', quote: '个别县普通高中和特教学校办学条件需进一步改善提升', subject: '个别县', word: 'few', keys: ['普通高中', '办学条件'], fail: { who: 'county', counties: 2 } },
  { rule: 'development.special-school-conditions', quote: '个别县普通高中和特教学校办学条件需进一步改善提升', subject: '个别县', word: 'few', keys: ['特教学校', '办学条件'], fail: { who: 'county', counties: 2 } },
  { rule: 'development.vocational-school-conditions', quote: '部分职业院校办学条件等方面仍存在薄弱环节', subject: '部分职业院校', word: 'some', keys: ['办学条件'], fail: { who: 'county', counties: 10 } },
  { rule: 'funding.two-only-increases', quote: '个别县未实现财政一般公共预算教育支出和生均财政一般公共预算教育支出的“两个只增不减”', subject: '个别县', word: 'few', keys: ['未实现', '“两个只增不减”'], fail: { who: 'county', counties: 2 }, indicator: 'gpb_edu_expenditure_per_student' },
  { rule: 'funding.public-funding-on-time', quote: '个别县生均公用经费拨付不及时或未按标准拨付', subject: '个别县', word: 'few', keys: ['生均公用经费拨付不及时或未按标准'], fail: { who: 'county', counties: 2 } },
  { rule: 'funding.public-funding-not-for-personnel', quote: '部分学校公用经费存在违规用于人员支出等问题', subject: '部分学校', word: 'some', keys: ['公用经费存在违规用于人员支出'], fail: { who: 'county', counties: 3 }, count: 1 },
  { rule: 'funding.surcharges-used-as-required', quote: '“两项教育附加”管理使用不规范,部分市、县存在违规支出问题', subject: '部分市、县', word: 'some', keys: ['“两项教育附加”', '违规支出问题'], fail: { who: 'both', cities: 4, counties: 10 } },
  { rule: 'funding.earmarked-funds-on-time', quote: '多数市、县上级下达的专项资金拨付不及时', subject: '多数市、县', word: 'majority', keys: ['上级下达的专项资金拨付不及时'], fail: { who: 'both', cities: 9, counties: 90 } },
  { rule: 'funding.fee-income-not-pooled', quote: '个别市、县存在统筹学校收费收入和以财政拨款方式返还的问题', subject: '个别市、县', word: 'few', keys: ['存在统筹学校收费收入和以财政拨款方式返还的问题'], fail: { who: 'both', cities: 1, counties: 1 } },
  { rule: 'teachers.kindergarten-staffed-share', quote: '多数县核定编制(人员控制总量)的公办幼儿园在编教师占比偏低', subject: '多数县', word: 'majority', keys: ['在编教师占比'], fail: { who: 'county', counties: 90 } },
  { rule: 'teachers.kindergarten-certified', quote: '多数县核定编制(人员控制总量)的公办幼儿园在编教师占比偏低,幼儿教师持证上岗率', subject: '多数县', word: 'majority', keys: ['持证上岗率'], fail: { who: 'county', counties: 90 } },
  { rule: 'teachers.kindergarten-teacher-degree', quote: '多数县核定编制(人员控制总量)的公办幼儿园在编教师占比偏低,幼儿教师持证上岗率和专科以上学历达标率偏低', subject: '多数县', word: 'majority', keys: ['专科以上学历'], fail: { who: 'county', counties: 90 } },
  { rule: 'teachers.establishment-reviewed', quote: '部分县未根据生源增长、解决大班额等变化情况及时核定、调配教师编制', subject: '部分县', word: 'some', keys: ['未根据生源', '及时核定、调配教师编制'], fail: { who: 'county', counties: 10 } },
  { rule: 'teachers.no-self-hired-substitutes', quote: '部分学校存在自聘临时代课教师问题', subject: '部分学校', word: 'some', keys: ['存在自聘临时代课教师问题'], fail: { who: 'county', counties: 10 } },
  { rule: 'teachers.urban-rural-qualification-gap', quote: '部分市城市与农村义务教育学校专任教师本科以上学历比例之比偏高', subject: '部分市', word: 'some', keys: ['城市与农村义务教育学校专任教师本科以上学历比例之比'], fail: { who: 'city', cities: 4 } },
  { rule: 'teachers.special-school-teachers', quote: '个别市、县未按照特殊教育学校教职工核定编制和实际需要配齐专任教师', subject: '个别市、县', word: 'few', keys: ['核定编制', '配齐', '专任教师'], fail: { who: 'both', cities: 1, counties: 1 } },
  { rule: 'teachers.county-managed-school-hired', quote: '部分县“县管校聘”管理尚未有效落实', subject: '部分县', word: 'some', keys: ['“县管校聘”管理', '尚未有效落实'], fail: { who: 'county', counties: 10 } },
  { rule: 'teachers.dual-qualified-share', quote: '个别职业院校专任教师数量不足或“双师型”教师占比不达标', subject: '个别职业院校', word: 'few', keys: ['“双师型”教师占比不达标'], fail: { who: 'county', counties: 2 } },
  { rule: 'teachers.vocational-staffing-policies', quote: '部分职业学校未落实20%编制员额用于自主聘用兼职教师和社会服务收入可提取50%以上用于教师劳动报酬', subject: '部分职业学校', word: 'some', keys: ['未落实20%编制员额用于自主聘用兼职教师'], fail: { who: 'county', counties: 10 } },
  { rule: 'safety.building-monitoring', quote: '校舍安全动态监测机制尚未健全', subject: null, word: null, keys: ['校舍安全动态监测机制尚未健全'], fail: { who: 'county', counties: 10 } },
  { rule: 'safety.old-buildings-appraised', quote: '部分学校在用的陈旧校舍,未按规定进行排查鉴定或未按排查鉴定结论要求及时处置', subject: '部分学校', word: 'some', keys: ['陈旧校舍', '排查鉴定', '及时处置'], fail: { who: 'county', counties: 10 }, count: 2 },
  { rule: 'quality.no-primary-schoolisation', quote: '部分幼儿园仍然存在“小学化”倾向', subject: '部分幼儿园', word: 'some', keys: ['仍然存在“小学化”倾向'], fail: { who: 'county', counties: 3 }, count: 1 },
  { rule: 'quality.physical-fitness-average-no-decline', quote: '学生体质健康平均水平下降', subject: '', word: null, keys: ['学生体质健康平均水平下降'], fail: { who: 'both', cities: 16, counties: 10 } },
  { rule: 'quality.myopia-no-rise', quote: '学生总体近视率上升', subject: '', word: null, keys: ['学生总体近视率上升'], fail: { who: 'both', cities: 16, counties: 10 } },
  { rule: 'quality.full-curriculum', quote: '部分学校因缺少学科专用教室和功能室,或缺少专业师资,音体美劳和实验等课程开设不全', subject: '部分学校', word: 'some', keys: ['音体美劳和实验等课程开设不全'], fail: { who: 'county', counties: 10 } },
  { rule: 'quality.private-school-admissions', quote: '民办学校招生行为、校外培训机构有待进一步规范和治理', subject: null, word: null, keys: ['民办学校', '招生'], fail: { who: 'county', counties: 2 }, count: 1 },
];

/** Compliant and failing values of indicators the shared province generator does not draw. */
const EXTRA: Record<string, { good: IndicatorValue; bad: IndicatorValue }> = {
  compulsory_place_shortfall_rate: { good: 0, bad: 4 },
  kindergarten_premises_compliance_rate: { good: 100, bad: 85 },
  township_public_central_kindergarten: { good: true, bad: false },
  kindergartens_with_oversized_classes: { good: 0, bad: 2 },
  classes_above_standard_size: { good: 0, bad: 5 },
  senior_high_conditions_compliance_rate: { good: 100, bad: 80 },
  special_school_conditions_compliance_rate: { good: 100, bad: 75 },
  schools_meeting_subject_room_standard_rate: { good: 100, bad: 88 },
  rural_schools_meeting_equipment_standard_rate: { good: 100, bad: 85 },
  boarding_school_facilities_compliance_rate: { good: 100, bad: 80 },
  schools_meeting_teaching_area_standard_rate: { good: 100, bad: 90 },
  schools_meeting_sports_area_standard_rate: { good: 100, bad: 90 },
  schools_with_noncompliant_sports_surfaces: { good: 0, bad: 1 },
  kindergarten_teacher_associate_degree_rate: { good: { current: 90, previous: 88 }, bad: { current: 85, previous: 88 } },
  kg_controlled_total_teacher_pay_ratio: { good: 1, bad: 0.8 },
  private_kg_teacher_pay_ratio: { good: { current: 0.7, previous: 0.68 }, bad: { current: 0.6, previous: 0.65 } },
  teacher_establishment_reviewed: { good: true, bad: false },
  teacher_vacancies_unfilled: { good: 0, bad: 12 },
  schools_with_subject_teacher_shortage: { good: 0, bad: 3 },
  urban_rural_bachelor_teacher_ratio: { good: { current: 1.1, previous: 1.12 }, bad: { current: 1.2, previous: 1.15 } },
  special_school_teacher_staffing_rate: { good: 100, bad: 85 },
  security_guard_certified_trained_rate: { good: 100, bad: 90 },
  school_building_safety_monitoring: { good: true, bad: false },
  fire_safety_compliance_rate: { good: 100, bad: 95 },
  physical_fitness_average_score: { good: { current: 78, previous: 77 }, bad: { current: 75, previous: 77 } },
  private_school_admission_violations: { good: 0, bad: 1 },
};

/** The real cities and counties, from the bundled sample province. */
function outline(): { region: RegionRef; counties: RegionRef[] }[] {
  const dir = join(FIXTURES, '..', '..', 'samples', '2023');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as IndicatorFile)
    .map((file) => ({ region: file.region, counties: (file.counties ?? []).map((c) => c.region) }));
}

const rulesOf2020 = () => scorerFor(profileNamed('shandong-2020')).rules;

/** The statements whose rule is in the 2020 profile and whose indicators the catalogue knows. */
function expressible(): Statement[] {
  const rules = new Map(rulesOf2020().map((r) => [r.id, r]));
  return STATEMENTS.filter((s) => rules.get(s.rule)?.indicators.every((id) => catalogue.get(id)));
}

/** Spending grows by more than the 2020 report's 10% aim, which it states as a requirement, not as a problem. */
const GROWING: Record<string, IndicatorValue> = { gpb_edu_expenditure: { current: 112, previous: 100 } };

function compliant(id: string, rng: () => number, level: 'city' | 'county'): IndicatorValue | undefined {
  return GROWING[id] ?? DRAWS[id]?.good(rng, level) ?? EXTRA[id]?.good;
}

function failing(id: string, rng: () => number, level: 'city' | 'county', count: number | undefined): IndicatorValue | undefined {
  const unit = catalogue.get(id)?.unit;
  if (count !== undefined && (unit === 'schools' || unit === 'kindergartens' || unit === 'buildings' || unit === 'classes' || unit === 'cases' || unit === 'teachers')) return count;
  return DRAWS[id]?.bad(rng, level) ?? EXTRA[id]?.bad;
}

/** A 2020 province where every region meets every rule except as the statements say. */
function province(statements: readonly Statement[]): IndicatorFile[] {
  const rng = seededRandom(2020);
  const cities = outline();
  const counties = cities.flatMap((c) => c.counties.map((county) => county.code));
  const rules = new Map(rulesOf2020().map((r) => [r.id, r]));
  const indicatorIds = [...new Set(rulesOf2020().flatMap((r) => r.indicators))].filter((id) => catalogue.get(id));
  const values = new Map<string, Record<string, IndicatorValue>>();
  for (const code of [...cities.map((c) => c.region.code), ...counties]) {
    const level = code.endsWith('00') ? 'city' : 'county';
    const own: Record<string, IndicatorValue> = {};
    for (const id of indicatorIds) {
      const value = compliant(id, rng, level);
      if (value !== undefined) own[id] = value;
    }
    values.set(code, own);
  }
  for (const statement of statements) {
    const targets = [...cities.slice(0, statement.fail.cities ?? 0).map((c) => c.region.code), ...counties.slice(0, statement.fail.counties ?? 0)];
    for (const code of targets) {
      const level = code.endsWith('00') ? 'city' : 'county';
      // one failing condition is enough; a rule of two indicators fails on its first unless told
      const id = statement.indicator ?? rules.get(statement.rule)!.indicators[0]!;
      const value = failing(id, rng, level, statement.count);
      if (value !== undefined) values.get(code)![id] = value;
    }
  }
  return cities.map((city) => ({
    schemaVersion: 1,
    year: 2020,
    region: city.region,
    indicators: values.get(city.region.code)!,
    counties: city.counties.map((county) => ({ region: county, indicators: values.get(county.code)! })),
    notes: 'Synthetic: built to match the situation of the 2020 report’s problems section.',
  }));
}

async function report2020(statements: readonly Statement[]): Promise<Report> {
  const profile = profileNamed('shandong-2020');
  const scorer = scorerFor(profile);
  const files = await Promise.all(province(statements).map((file, i) => scorer.scoreFile(file, `fixture-${i}.json`)));
  return buildReport(files, { version: 't', profile, rules: scorer.rules, catalogue, lang: 'zh' });
}

describe('the 2020 problems section, regenerated and compared with the report’s own sentences (seed 003)', () => {
  const statements = expressible();

  it('quotes the seed verbatim, and each quote carries the statement’s subject and key phrases', () => {
    for (const s of STATEMENTS) {
      const quote = s.quote.replace(/\s+/g, '');
      expect(SEED, s.rule).toContain(quote);
      const subject = s.seedSubject ?? s.subject;
      if (subject) expect(quote, s.rule).toContain(subject);
      for (const key of s.keys) expect(quote, `${s.rule}: ${key}`).toContain(key);
    }
  });

  it('says every statement it can express with the seed’s quantifier, noun and key phrase', async () => {
    const report = await report2020(statements);
    const problems = new Map(report.sections.flatMap((s) => s.problems).map((p) => [p.rule, p]));
    const compared: string[] = [];
    for (const s of statements) {
      const problem = problems.get(s.rule);
      expect(problem, `${s.rule} is not reported`).toBeDefined();
      if (s.subject !== null) expect(problem!.subject, s.rule).toBe(s.subject);
      if (s.word !== null || s.subject === '') expect(problem!.quantifier, s.rule).toBe(s.word);
      for (const key of s.keys) expect(problem!.sentence, `${s.rule}: ${key}`).toContain(key);
      compared.push(s.rule);
    }
    // every statement listed is expressible with the bundled rules: 36 of the section's 55
    expect(compared).toHaveLength(STATEMENTS.length);
    expect(compared).toHaveLength(36);
  });

  it('reports nothing the seed does not say, once each, and in the seed’s order within each section', async () => {
    const report = await report2020(statements);
    const expected = new Set(statements.map((s) => s.rule));
    const reported = report.sections.flatMap((s) => s.problems.map((p) => p.rule));
    expect(new Set(reported)).toEqual(expected);
    expect(reported.length).toBe(expected.size);
    const position = (p: Problem) => SEED.indexOf(statements.find((s) => s.rule === p.rule)!.quote.replace(/\s+/g, ''));
    for (const section of report.sections) {
      const positions = section.problems.map(position);
      expect(positions, section.title).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('writes the sections under the 2020 headings in its order, with 一是、二是… and no region name', async () => {
    const report = await report2020(statements);
    expect(report.sections.map((s) => s.title)).toEqual(['各类教育资源需进一步扩充优化', '教育投入政策尚未完全落实到位', '教师队伍管理有待进一步加强', '部分学校安全存在薄弱环节', '办学行为尚需持续规范']);
    const funding = report.sections[1]!.text;
    expect(funding).toMatch(/^一是个别县未实现一般公共预算教育支出和生均一般公共预算教育支出“两个只增不减”。二是个别县生均公用经费拨付不及时/);
    expect(funding).toContain('多数市、县上级下达的专项资金拨付不及时');
    const body = report.sections.map((s) => s.text).join('');
    for (const name of Object.values(report.regionNames)) expect(body).not.toContain(name);
  });
});
