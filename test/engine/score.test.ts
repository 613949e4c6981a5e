import { describe, expect, it } from 'vitest';
import { createRegionEvaluator } from '../../src/engine/evaluate.js';
import { factsOf, yoyFact } from '../../src/engine/facts.js';
import type { Finding } from '../../src/engine/model.js';
import { buildScoreResult, exitCodeFor } from '../../src/engine/score.js';
import { checkRuleFile } from '../../src/rules/load.js';
import { CATEGORIES, rulesOfProfile } from '../../src/rules/model.js';
import { catalogue, cityFile, newest, profileNamed, ruleSet, scorerFor } from '../support/context.js';

async function findingsFor(indicators: Record<string, unknown>, profile = newest): Promise<Map<string, Finding>> {
  const result = await scorerFor(profile).scoreFile(cityFile(indicators as never));
  // the city's own findings: the counties the division list names under it are missing from this file
  return new Map(result.findings.filter((f) => f.region.level === 'city').map((f) => [f.rule, f]));
}

describe('scoring', () => {
  it('yields one finding per rule of the profile per region, in report order: category, rule id, region code', async () => {
    const file = cityFile({}, [
      { code: '370112', name: '历城区', indicators: {} },
      { code: '370102', name: '历下区', indicators: {} },
    ]);
    const { findings: all } = await scorerFor().scoreFile(file);
    const findings = all.filter((f) => !f.absent);
    const rules = rulesOfProfile(ruleSet, newest);
    expect(findings).toHaveLength(rules.length * 3);
    const keys = findings.map((f) => [CATEGORIES.indexOf(f.category), f.rule, f.region.code] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(findings.slice(0, 3).map((f) => f.region.code)).toEqual(['370100', '370102', '370112']);
  });

  it('reports missing, never pass, when an indicator is absent', async () => {
    const findings = await findingsFor({});
    for (const finding of findings.values()) expect(finding.status).toBe('missing');
    expect(findings.get('development.preschool-gross-enrolment')!.missing).toEqual(['preschool_gross_enrolment_rate']);
  });

  it('reports missing when one of a rule’s two indicators is absent, naming only that one', async () => {
    const finding = (await findingsFor({ gpb_edu_expenditure: { current: 2, previous: 1 } })).get('funding.two-only-increases')!;
    expect(finding.status).toBe('missing');
    expect(finding.missing).toEqual(['gpb_edu_expenditure_per_student']);
    expect(finding.evidence.map((e) => [e.indicator, e.evaluated, e.passed])).toEqual([
      ['gpb_edu_expenditure', false, null],
      ['gpb_edu_expenditure_per_student', false, null],
    ]);
  });

  it('reports missing for growth from a previous value of zero, which has no percentage', async () => {
    expect((await findingsFor({ gpb_edu_expenditure: { current: 5, previous: 0 } }, profileNamed('shandong-2020'))).get('funding.edu-expenditure-growth-target')!.status).toBe('missing');
  });

  it('derives change and changePct without binary noise', () => {
    expect(yoyFact({ current: 110, previous: 100 })).toEqual({ current: 110, previous: 100, change: 10, changePct: 10 });
    expect(yoyFact({ current: 0.3, previous: 0.1 }).change).toBe(0.2);
    expect(yoyFact({ current: 2138084, previous: 1862375 }).changePct).toBeCloseTo(14.8039, 3);
  });

  it('passes exactly on a >= threshold and on a 10% growth target met exactly', async () => {
    const findings = await findingsFor({ preschool_gross_enrolment_rate: 85, gpb_edu_expenditure: { current: 110, previous: 100 } }, profileNamed('shandong-2020'));
    expect(findings.get('development.preschool-gross-enrolment')!.status).toBe('pass');
    expect(findings.get('funding.edu-expenditure-growth-target')!.status).toBe('pass');
  });

  it('gives evidence for every condition: indicator, field, actual, operator, expected, where it came from, passed', async () => {
    const finding = (await findingsFor({ gpb_edu_expenditure: { current: 100, previous: 99 }, gpb_edu_expenditure_per_student: { current: 100, previous: 101 } })).get('funding.two-only-increases')!;
    expect(finding.status).toBe('fail');
    expect(finding.evidence).toEqual([
      { indicator: 'gpb_edu_expenditure', field: 'current', actual: 100, operator: '>=', expected: 99, expectedFrom: 'previous', passed: true, evaluated: true },
      { indicator: 'gpb_edu_expenditure_per_student', field: 'current', actual: 100, operator: '>=', expected: 101, expectedFrom: 'previous', passed: false, evaluated: true },
    ]);
    expect(finding.message).toBe('未实现“两个只增不减”：按在校学生人数平均的一般公共预算教育支出 100 元/生 < 上年 101 元/生');
    expect(finding.source).toMatch(/国办发〔2018〕82号/);
  });

  it('shows the threshold a condition was compared with and the profile’s number', async () => {
    const finding = (await findingsFor({ preschool_gross_enrolment_rate: 87.5 })).get('development.preschool-gross-enrolment')!;
    expect(finding.evidence).toEqual([
      { indicator: 'preschool_gross_enrolment_rate', actual: 87.5, operator: '>=', expected: 90, expectedFrom: 'threshold', threshold: 'T', passed: false, evaluated: true },
    ]);
    expect(finding.message).toContain('学前三年毛入园率 87.5% < 90%');
  });

  it('applies each profile’s thresholds: 88% passes the 2020 line of 85 and fails the 2023 line of 90', async () => {
    const rule = 'development.preschool-gross-enrolment';
    expect((await findingsFor({ preschool_gross_enrolment_rate: 88 }, profileNamed('shandong-2020'))).get(rule)!.status).toBe('pass');
    expect((await findingsFor({ preschool_gross_enrolment_rate: 88 }, profileNamed('shandong-2023'))).get(rule)!.status).toBe('fail');
  });

  it('does not evaluate a rule outside the profile: the 10% growth target is a 2020 requirement only', async () => {
    const growth = { gpb_edu_expenditure: { current: 105, previous: 100 } };
    expect((await findingsFor(growth, profileNamed('shandong-2020'))).get('funding.edu-expenditure-growth-target')!.status).toBe('fail');
    expect((await findingsFor(growth, profileNamed('shandong-2023'))).has('funding.edu-expenditure-growth-target')).toBe(false);
  });

  it('keeps the 85% inclusive-coverage target out of every bundled profile: a county at 82 fails nothing about coverage', async () => {
    for (const profile of ruleSet.profiles) {
      const findings = await findingsFor({ inclusive_kindergarten_coverage: 82 }, profile);
      expect(findings.has('development.inclusive-kindergarten-target'), profile.name).toBe(false);
      expect(findings.get('development.inclusive-kindergarten-coverage')!.status, profile.name).toBe('pass');
    }
  });

  it('marks conditions skipped by short-circuiting as not evaluated instead of dropping them', async () => {
    const definition = {
      name: 'teachers.short-circuit',
      conditions: {
        all: [
          { fact: 'teacher_rotation_rate', operator: 'greaterThanInclusive', value: 10, priority: 2 },
          { fact: 'backbone_share_of_rotated_teachers', operator: 'greaterThanInclusive', value: 20, priority: 1 },
        ],
      },
      event: { type: 'finding' },
      meta: { category: 'teachers', severity: 'error', title: { zh: 't', en: 't' }, message: { zh: '{detail}', en: '{detail}' }, problem: { zh: 'p', en: 'p' }, source: 's', examples: [{ expect: 'pass', indicators: {} }] },
    };
    const { rule, problems } = checkRuleFile(definition, 'rules/teachers/short-circuit.json', catalogue);
    expect(problems).toEqual([]);
    const evaluator = createRegionEvaluator([rule!], newest);
    const verdicts = await evaluator.evaluate(factsOf({ teacher_rotation_rate: 5, backbone_share_of_rotated_teachers: 30 }, catalogue));
    expect(verdicts.get('teachers.short-circuit')!.evidence.map((e) => [e.indicator, e.evaluated, e.passed, e.actual])).toEqual([
      ['teacher_rotation_rate', true, false, 5],
      ['backbone_share_of_rotated_teachers', false, null, 30],
    ]);
  });

  it('keeps every region’s results when regions are scored concurrently on the one engine', async () => {
    const scorer = scorerFor();
    const regions = Array.from({ length: 40 }, (_, i) => ({
      code: `3701${String(i + 10).padStart(2, '0')}`,
      name: `r${i}`,
      level: 'county' as const,
      indicators: { preschool_gross_enrolment_rate: 80 + i / 2 },
      pointer: '',
    }));
    const all = await Promise.all(regions.map((r) => scorer.scoreRegion(r)));
    all.forEach((findings, i) => {
      const finding = findings.find((f) => f.rule === 'development.preschool-gross-enrolment')!;
      expect(finding.region.code).toBe(regions[i]!.code);
      expect(finding.status).toBe(80 + i / 2 >= 90 ? 'pass' : 'fail');
    });
  });

  it('renders messages in English with --lang en', async () => {
    const { findings } = await (await import('../../src/engine/score.js')).createScorer({ catalogue, ruleSet, profile: newest, lang: 'en' }).scoreFile(cityFile({ student_mental_health_centre: false }));
    expect(findings.find((f) => f.rule === 'safety.mental-health-centre')!.message).toBe(
      'No county student mental-health guidance centre: County student mental-health guidance centre: no (expected yes)',
    );
  });
});

describe('published figures (BACKGROUND-figures.md)', () => {
  const statusOf = async (rule: string, indicators: Record<string, unknown>, profile = newest) => (await findingsFor(indicators, profile)).get(rule)!.status;

  it('T1 Jinan 2020: +14.80% meets the 10% growth target and the two only-increases (total)', async () => {
    const jinan = { gpb_edu_expenditure: { current: 2138084, previous: 1862375 }, gpb_edu_expenditure_per_student: { current: 1, previous: 1 } };
    expect(await statusOf('funding.edu-expenditure-growth-target', jinan, profileNamed('shandong-2020'))).toBe('pass');
    expect(await statusOf('funding.two-only-increases', jinan, profileNamed('shandong-2020'))).toBe('pass');
  });
  it('T3 Weihai 2020: a gross enrolment of 126% is accepted and passes', async () => {
    expect(await statusOf('development.preschool-gross-enrolment', { preschool_gross_enrolment_rate: 126 }, profileNamed('shandong-2020'))).toBe('pass');
  });
  it('T6 Dezhou 2020: inclusive coverage 85.83% passes the statutory 80% and, given in a profile, the 85% target', async () => {
    const withTarget = { ...newest, name: 'with-target', thresholds: { ...newest.thresholds, 'development.inclusive-kindergarten-target': { T: 85 } } };
    expect(await statusOf('development.inclusive-kindergarten-coverage', { inclusive_kindergarten_coverage: 85.83 })).toBe('pass');
    expect(await statusOf('development.inclusive-kindergarten-target', { inclusive_kindergarten_coverage: 85.83 }, withTarget)).toBe('pass');
  });
  it('T11 Liaocheng 2023: vocational conditions at 85.72% fail the 100% standard', async () => {
    expect(await statusOf('development.vocational-school-conditions', { vocational_conditions_compliance_rate: 85.72 })).toBe('fail');
  });
  it('T13 Liaocheng 2023: quality kindergartens 13.43% → 33.66% pass the no-decrease rule', async () => {
    expect(await statusOf('quality.quality-kindergartens-growing', { quality_kindergarten_share: { current: 33.66, previous: 13.43 } })).toBe('pass');
  });
  it('T15 Dezhou 2020: all 5 autonomy powers and 100% training bases pass', async () => {
    expect(await statusOf('development.vocational-autonomy', { vocational_autonomy_powers: 5 }, profileNamed('shandong-2020'))).toBe('pass');
    expect(await statusOf('development.shared-training-bases', { shared_training_base_completion: 100 }, profileNamed('shandong-2020'))).toBe('pass');
  });
});

describe('exit codes', () => {
  const result = (statuses: [string, 'error' | 'warning'][], invalid = false) =>
    buildScoreResult('0', newest, [
      { file: 'a', valid: !invalid, errors: [], warnings: [], findings: statuses.map(([status, severity]) => ({ status, severity, region: { code: '370100', name: 'a', level: 'city' } }) as Finding) },
    ]);
  it('is 0 when nothing fails at or above --fail-on, 1 when something does, 2 for invalid input', () => {
    expect(exitCodeFor(result([['pass', 'error']]), 'error')).toBe(0);
    expect(exitCodeFor(result([['fail', 'warning']]), 'error')).toBe(0);
    expect(exitCodeFor(result([['fail', 'warning']]), 'warning')).toBe(1);
    expect(exitCodeFor(result([['fail', 'error']]), 'error')).toBe(1);
    expect(exitCodeFor(result([['fail', 'error']]), 'never')).toBe(0);
    // missing data of an error rule is never a pass, unless allowed (exploratory scoring) or nothing fails a run
    expect(exitCodeFor(result([['missing', 'error']]), 'warning')).toBe(1);
    expect(exitCodeFor(result([['missing', 'error']]), 'error')).toBe(1);
    expect(exitCodeFor(result([['missing', 'error']]), 'error', { allowMissing: true })).toBe(0);
    expect(exitCodeFor(result([['missing', 'error']]), 'never')).toBe(0);
    expect(exitCodeFor(result([['missing', 'warning']]), 'warning')).toBe(0);
    expect(exitCodeFor(result([], true), 'never')).toBe(2);
  });
});

describe('validation only', () => {
  it('reads and validates every input without evaluating a rule, with the same problems and receipts as scoring', async () => {
    const { scorePaths } = await import('../../src/engine/batch.js');
    const real = scorerFor();
    const paths = ['test/fixtures/cli/370100-small.json', 'test/fixtures/cli/broken.json', 'test/fixtures/cli/syntax.json'];
    const evaluating = () => {
      throw new Error('a rule was evaluated');
    };
    const guarded = { ...real, scoreSources: evaluating, scoreBytes: evaluating, scoreFile: evaluating, scoreRegion: evaluating };
    const validated = await scorePaths(guarded, paths, { score: false });
    const scored = await scorePaths(real, paths);
    // a validated file names no profile: none judged it
    expect(validated).toEqual(scored.map(({ profile: _, ...f }) => ({ ...f, findings: [] })));
    expect(validated.map((f) => f.valid)).toEqual([true, false, false]);
  });
});
