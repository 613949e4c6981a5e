import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageHome } from '../../src/home.js';
import { expectGolden, runCli } from '../support/cli.js';

const SMALL = 'test/fixtures/cli/370100-small.json';
const BROKEN = 'test/fixtures/cli/broken.json';
const SYNTAX = 'test/fixtures/cli/syntax.json';
const YAML = 'test/fixtures/cli/370300.yaml';

describe('eduduty score', () => {
  it('prints findings like a linter (golden, zh)', async () => {
    const run = await runCli(['score', SMALL]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expectGolden('score-small.zh.txt', run.stdout);
  });

  it('prints findings in English with --lang en, and missing data line by line with --verbose (golden)', async () => {
    const run = await runCli(['score', SMALL, '--lang', 'en', '--verbose']);
    expectGolden('score-small.en.verbose.txt', run.stdout);
  });

  it('writes the JSON of FORMAT.md §3 (golden, indented), the same bytes every time, compact by default', async () => {
    const first = await runCli(['score', SMALL, YAML, '--format', 'json', '--indent']);
    const second = await runCli(['score', SMALL, YAML, '--format', 'json', '--indent']);
    expect(first.stdout).toBe(second.stdout);
    expectGolden('score-small.json', first.stdout);
    const result = JSON.parse(first.stdout);
    const compact = await runCli(['score', SMALL, YAML, '--format', 'json']);
    expect(compact.stdout).toBe(JSON.stringify(result) + '\n');
    expect(Object.keys(result)).toEqual(['tool', 'profile', 'profileByYear', 'rules', 'files', 'summary']);
    expect(result.profile).toBe('shandong-2023');
    expect(Object.keys(result.files[0])).toEqual(['file', 'sha256', 'valid', 'errors', 'warnings', 'year', 'profile', 'region', 'findings']);
    const finding = result.files[0].findings.find((f: { rule: string; region: { code: string } }) => f.rule === 'funding.two-only-increases' && f.region.code === '370112');
    expect(finding).toMatchObject({
      category: 'funding',
      severity: 'error',
      status: 'fail',
      region: { code: '370112', name: '历城区', level: 'county' },
      evidence: [
        { indicator: 'gpb_edu_expenditure', actual: 98.1, operator: '>=', expected: 101.2, passed: false },
        { indicator: 'gpb_edu_expenditure_per_student', actual: 18000, operator: '>=', expected: 17500, passed: true },
      ],
    });
  });

  it('writes passing findings thin by default and whole with --detail full; everything else whole either way', async () => {
    const thin = JSON.parse((await runCli(['score', SMALL, '--format', 'json'])).stdout);
    const full = JSON.parse((await runCli(['score', SMALL, '--format', 'json', '--detail', 'full'])).stdout);
    type F = { rule: string; status: string; region: { code: string }; evidence?: unknown[] };
    const thinFindings: F[] = thin.files[0].findings;
    const fullFindings: F[] = full.files[0].findings;
    expect(thinFindings.map((f) => [f.rule, f.region.code, f.status])).toEqual(fullFindings.map((f) => [f.rule, f.region.code, f.status]));
    expect(new Set(thinFindings.map((f) => f.status))).toEqual(new Set(['pass', 'fail', 'missing']));
    thinFindings.forEach((finding, i) => {
      const whole = fullFindings[i]!;
      if (finding.status === 'pass') {
        expect(Object.keys(finding)).toEqual(['rule', 'category', 'severity', 'status', 'region']);
        expect(finding).toEqual({ rule: whole.rule, category: (whole as never as { category: string }).category, severity: (whole as never as { severity: string }).severity, status: 'pass', region: whole.region });
        expect(whole.evidence!.length).toBeGreaterThan(0);
      } else {
        expect(finding).toEqual(whole);
      }
    });
    expect(thin.summary).toEqual(full.summary);
    expect(thin.rules).toEqual(full.rules);
    const lines = (await runCli(['score', SMALL, '--format', 'ndjson'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1].findings).toEqual(thinFindings);
    const fullLines = (await runCli(['score', SMALL, '--format', 'ndjson', '--detail', 'full'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(fullLines[1].findings).toEqual(fullFindings);
  });

  it('scores the valid files of a batch and reports the invalid ones with exit 2 (golden)', async () => {
    const run = await runCli(['score', BROKEN, SMALL, SYNTAX, 'test/fixtures/cli/none.json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expectGolden('score-batch-invalid.en.txt', run.stdout);
    const json = JSON.parse((await runCli(['score', BROKEN, SMALL, SYNTAX, '--format', 'json', '--lang', 'en'])).stdout);
    expect(json.files.map((f: { file: string; valid: boolean }) => [f.file, f.valid])).toEqual([
      [BROKEN, false],
      [SMALL, true],
      [SYNTAX, false],
    ]);
    expect(json.files[0].findings).toEqual([]);
    expect(json.files[0].errors[0]).toEqual({
      path: '/indicators/preschool_gross_enrolment_rate',
      code: 'type',
      message: 'expected a number 0–200 (percent), got the string "90%"; write 90 without the % sign',
      line: 6,
      column: 39,
    });
    expect(json.files[2].errors[0]).toMatchObject({ code: 'syntax', line: 4, column: 32 });
    expect(json.summary).toMatchObject({ files: 3, invalid: 2 });
  });

  it('walks folders recursively in sorted order', async () => {
    const json = JSON.parse((await runCli(['score', 'test/fixtures/cli', '--format', 'json'])).stdout);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual([
      'test/fixtures/cli/370100-small.json',
      'test/fixtures/cli/370300.yaml',
      'test/fixtures/cli/broken.json',
      'test/fixtures/cli/syntax.json',
    ]);
  });

  it('reads standard input for -', async () => {
    const run = await runCli(['score', '-', '--format', 'json'], { stdin: '{"schemaVersion":1,"year":2023,"region":{"code":"370100","name":"济南市"},"indicators":{"super_large_classes":3}}' });
    const json = JSON.parse(run.stdout);
    expect(json.files[0].file).toBe('<stdin>');
    expect(json.files[0].findings.find((f: { rule: string }) => f.rule === 'development.no-super-large-classes').status).toBe('fail');
  });

  it('sets the exit code from --fail-on', async () => {
    expect((await runCli(['score', YAML])).code).toBe(1);
    expect((await runCli(['score', YAML, '--fail-on', 'never'])).code).toBe(0);
    const warningsOnly = '{"schemaVersion":1,"year":2023,"region":{"code":"370100","name":"a"},"indicators":{"private_compulsory_enrolment_share":9}}';
    // every other indicator is missing: that alone fails the run, unless missing data is allowed
    expect((await runCli(['score', '-'], { stdin: warningsOnly })).code).toBe(1);
    expect((await runCli(['score', '-', '--allow-missing'], { stdin: warningsOnly })).code).toBe(0);
    expect((await runCli(['score', '-', '--fail-on', 'warning', '--allow-missing'], { stdin: warningsOnly })).code).toBe(1);
  });

  it('uses the chosen profile', async () => {
    const run = await runCli(['score', SMALL, '--profile', 'shandong-2020', '--format', 'json', '--detail', 'full']);
    const json = JSON.parse(run.stdout);
    expect(json.profile).toBe('shandong-2020');
    const lichengPreschool = json.files[0].findings.find((f: { rule: string; region: { code: string } }) => f.rule === 'development.preschool-gross-enrolment' && f.region.code === '370112');
    expect(lichengPreschool.evidence[0]).toMatchObject({ actual: 87.5, expected: 85, passed: true });
  });

  it('colours only when asked or on a terminal, and never with NO_COLOR', async () => {
    expect((await runCli(['score', SMALL])).stdout).not.toMatch(/\u001b\[/);
    expect((await runCli(['score', SMALL, '--color'])).stdout).toMatch(/\u001b\[/);
    expect((await runCli(['score', SMALL], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('usage errors exit 2 with one clear line on stderr', () => {
  it.each([
    [['score', SMALL, '--profile', 'shandong-2022'], /unknown profile "shandong-2022" \(did you mean "shandong-2020" or "shandong-2023"\?\); available: shandong-2020, shandong-2023/],
    [['score', SMALL, '--format', 'xml'], /Invalid values:[\s\S]*format/],
    [['scor', SMALL], /unknown command "scor" \(did you mean "score"\?\)/],
    [[], /name a command/],
    [['score', SMALL, '--rules', '/no/such/dir'], /rule folder not found/],
    [['explain', 'funding.two-only-increase'], /unknown rule "funding.two-only-increase" \(did you mean "funding.two-only-increases"\?\)/],
    [['score', 'test/support'], /no indicator files/],
  ])('%j', async (args, message) => {
    const run = await runCli([...(args as string[]), '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('eduduty validate', () => {
  it('validates without scoring (golden)', async () => {
    const run = await runCli(['validate', SMALL, BROKEN, YAML, '--lang', 'en']);
    expect(run.code).toBe(2);
    expectGolden('validate.en.txt', run.stdout);
    expect((await runCli(['validate', SMALL])).code).toBe(0);
  });
});

describe('eduduty explain', () => {
  it('shows the rule, its conditions and its thresholds in every profile (golden)', async () => {
    const run = await runCli(['explain', 'development.preschool-gross-enrolment']);
    expect(run.code).toBe(0);
    expectGolden('explain-preschool.zh.txt', run.stdout);
  });

  it('traces the rule on a region of a file (golden)', async () => {
    const run = await runCli(['explain', 'funding.two-only-increases', '--file', SMALL, '--region', '370112', '--lang', 'en']);
    expect(run.code).toBe(0);
    expectGolden('explain-trace.en.txt', run.stdout);
  });

  it('gives JSON with thresholds per profile (null where the rule is not part of it)', async () => {
    const json = JSON.parse((await runCli(['explain', 'funding.edu-expenditure-growth-target', '--format', 'json'])).stdout);
    expect(json.thresholds).toEqual({ 'shandong-2020': { T: 10 }, 'shandong-2023': null });
  });

  it('says when the region is not in the file', async () => {
    const run = await runCli(['explain', 'funding.two-only-increases', '--file', SMALL, '--region', '370999', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/region 370999 is not in/);
  });
});

describe('eduduty rules and indicators', () => {
  it('lists every rule with its category, severity and thresholds', async () => {
    const json = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout);
    expect(json.rules).toHaveLength(105);
    expect(json.rules.find((r: { id: string }) => r.id === 'teachers.rotation')).toMatchObject({ category: 'teachers', severity: 'error', thresholds: { T1: 10, T2: 20 } });
    expectGolden('rules.en.txt', (await runCli(['rules', '--lang', 'en'])).stdout);
  });

  it('lists the catalogue', async () => {
    const json = JSON.parse((await runCli(['indicators', '--format', 'json'])).stdout);
    expect(json.indicators).toHaveLength(109);
    const text = (await runCli(['indicators'])).stdout;
    expect(text.trim().split('\n')).toHaveLength(109);
    expect(text).toMatch(/^preschool_gross_enrolment_rate\s+百分比\s+%\s+学前三年毛入园率$/m);
    const en = (await runCli(['indicators', '--lang', 'en'])).stdout;
    expect(en).toMatch(/^gpb_edu_expenditure\s+this\/last year\s+× 10,000 yuan\s+General-public-budget education expenditure$/m);
  });
});

describe('a file named twice', () => {
  it('is read once, whether named twice or named and reached through its folder', async () => {
    const file = 'samples/2023/370100.json';
    for (const args of [[file, file], ['samples/2023', file]]) {
      const run = await runCli(['score', ...args, '--format', 'json', '--fail-on', 'never', '--allow-missing']);
      const result = JSON.parse(run.stdout) as { summary: { invalid: number }; files: { file: string }[] };
      expect(result.summary.invalid).toBe(0);
      expect(result.files.filter((f) => f.file.endsWith('370100.json'))).toHaveLength(1);
    }
  });
});

describe('explain --region or --schools without --file', () => {
  it('is a usage error naming --file, not a region passed over', async () => {
    const run = await runCli(['explain', 'funding.two-only-increases', '--region', '370112', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--region needs --file');
  });

  it('is a usage error for rosters too, in either language, and with --file the rosters are used', async () => {
    const roster = join(packageHome(), 'samples', 'rosters', '370100-schools.json');
    const en = await runCli(['explain', 'development.school-resource-standards', '--schools', roster, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--schools needs --file');
    const zh = await runCli(['explain', 'development.school-resource-standards', '--schools', roster, '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--schools 需要与 --file 一起使用');
    const withFile = await runCli(['explain', 'development.school-resource-standards', '--schools', roster, '--file', join(packageHome(), 'samples', '2023', '370100.json'), '--region', '370102', '--lang', 'en']);
    expect(withFile.code).toBe(0);
  });
});
