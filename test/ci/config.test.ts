import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCli } from '../support/cli.js';

const require = createRequire(import.meta.url);
const SMALL = resolve('test/fixtures/cli/370100-small.json');
const statusOf = (json: { files: { findings: { rule: string; region: { code: string }; status: string; severity: string }[] }[] }, rule: string, code: string) =>
  json.files[0]!.findings.find((f) => f.rule === rule && f.region.code === code)!;

function project(config: unknown, name = 'eduduty.config.json'): string {
  const dir = tempDir('eduduty-config-');
  writeFileSync(join(dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  return dir;
}

describe('config file', () => {
  it('is found upward from the working directory and applies profile, thresholds, severities, rules off and failOn', async () => {
    const dir = project({
      profile: 'shandong-2020',
      thresholds: { 'development.preschool-gross-enrolment': { T: 88 } },
      severity: { 'reform.private-compulsory-share': 'error' },
      off: ['safety.mental-health-centre'],
      failOn: 'never',
    });
    const run = await runCli(['score', SMALL, '-f', 'json'], { cwd: join(dir, 'sub', 'deeper') });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.profile).toBe('shandong-2020');
    expect(statusOf(json, 'development.preschool-gross-enrolment', '370112')).toMatchObject({ status: 'fail' });
    expect(statusOf(json, 'reform.private-compulsory-share', '370112')).toMatchObject({ severity: 'error' });
    expect(json.files[0].findings.some((f: { rule: string }) => f.rule === 'safety.mental-health-centre')).toBe(false);
  });

  it('reads YAML, and command-line flags win over it', async () => {
    const dir = project('profile: shandong-2020\nfailOn: never\n', 'eduduty.config.yaml');
    const run = await runCli(['score', SMALL, '-f', 'json', '--profile', 'shandong-2023', '--fail-on', 'error'], { cwd: dir });
    expect(JSON.parse(run.stdout).profile).toBe('shandong-2023');
    expect(run.code).toBe(1);
  });

  it('can be named with --config or ignored with --no-config', async () => {
    const dir = project({ failOn: 'never' });
    expect((await runCli(['score', SMALL, '--config', join(dir, 'eduduty.config.json')])).code).toBe(0);
    expect((await runCli(['score', SMALL, '--no-config'], { cwd: dir })).code).toBe(1);
  });

  it.each([
    [{ profle: 'x' }, /eduduty\.config\.json: profle: unknown key \(did you mean "profile"\?\)/],
    [{ failOn: 'sometimes' }, /eduduty\.config\.json: failOn: Invalid option/],
    [{ severity: { 'funding.two-only-increase': 'warning' } }, /severity\.funding\.two-only-increase: unknown rule "funding\.two-only-increase" \(did you mean "funding\.two-only-increases"\?\)/],
    [{ thresholds: { 'development.preschool-gross-enrolment': { T2: 80 } } }, /thresholds\.development\.preschool-gross-enrolment\.T2: the rule reads T/],
    [{ waivers: [{ rule: 'funding.two-only-increases', regions: ['370112'], reason: 'r', owner: 'o', expiry: '2030-01-01' }] }, /waivers\.0\.expiry: unknown key \(did you mean "expires"\?\)/],
    ['{ "profile": ', /eduduty\.config\.json: cannot be read/],
  ])('refuses a wrong config with the file and key named: %j', async (config, message) => {
    const run = await runCli(['score', SMALL, '--lang', 'en'], { cwd: project(config) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('waivers', () => {
  const waiver = (expires: string, regions: string[] | '*' = ['370112']) => ({
    waivers: [{ rule: 'development.preschool-gross-enrolment', regions, reason: 'new kindergartens open in September', owner: 'bureau@example.org', expires }],
  });

  it('turns covered failures into waived, tallied apart, and they no longer fail the run', async () => {
    // the small file lacks most data: allowed here, so the exit code speaks of failures and waivers only
    const dir = project({ ...waiver('2030-12-31'), off: ['funding.two-only-increases', 'quality.myopia-no-rise', 'teachers.certified-teachers', 'safety.mental-health-centre'], allowMissing: true });
    const run = await runCli(['score', SMALL, '-f', 'json'], { cwd: dir, env: { EDUDUTY_TODAY: '2026-11-23' } });
    const json = JSON.parse(run.stdout);
    expect(statusOf(json, 'development.preschool-gross-enrolment', '370112')).toMatchObject({ status: 'waived', waiver: { owner: 'bureau@example.org', expires: '2030-12-31' } });
    expect(json.summary.waived).toBe(1);
    expect(json.waivers).toEqual([expect.objectContaining({ used: 1, expired: false })]);
    expect(run.code).toBe(0);
    const pretty = await runCli(['score', SMALL, '--lang', 'en'], { cwd: dir, env: { EDUDUTY_TODAY: '2026-11-23' } });
    expect(pretty.stdout).toMatch(/, 1 waived — 1 file/);
    const sarif = JSON.parse((await runCli(['score', SMALL, '-f', 'sarif'], { cwd: dir, env: { EDUDUTY_TODAY: '2026-11-23' } })).stdout);
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const Ajv04 = (require('ajv-draft-04') as { default: new (o: Record<string, unknown>) => { validate(s: unknown, d: unknown): boolean; errors?: unknown } }).default;
    const ajv = new Ajv04({ strict: false, validateFormats: false, unicodeRegExp: false });
    expect(ajv.validate(schema, sarif), JSON.stringify(ajv.errors)).toBe(true);
    expect(suppressed).toEqual([expect.objectContaining({ ruleId: 'development.preschool-gross-enrolment', suppressions: [{ kind: 'external', status: 'accepted', justification: 'new kindergartens open in September (bureau@example.org, until 2030-12-31)' }] })]);
  });

  it('fails the run when a waiver has expired, says so, and leaves its failures failing', async () => {
    const dir = project(waiver('2026-11-22', '*'));
    const run = await runCli(['score', SMALL, '-f', 'json', '--fail-on', 'never', '--lang', 'en'], { cwd: dir, env: { EDUDUTY_TODAY: '2026-11-23' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the waiver of development\.preschool-gross-enrolment for every region \(owner bureau@example\.org\) expired on 2026-11-22/);
    expect(statusOf(JSON.parse(run.stdout), 'development.preschool-gross-enrolment', '370112').status).toBe('fail');
  });
});

describe('baseline', () => {
  it('marks failures new or existing, and --fail-on-new-only passes a run with only existing failures', async () => {
    const dir = tempDir('eduduty-baseline-');
    const baseline = join(dir, 'baseline.json');
    await runCli(['score', SMALL, '-f', 'json', '-o', baseline]);
    const same = await runCli(['score', SMALL, '-f', 'json', '--baseline', baseline, '--fail-on-new-only', '--allow-missing']);
    expect(same.code).toBe(0);
    // missing data is no failure of the baseline's: it still fails the run unless allowed
    expect((await runCli(['score', SMALL, '-f', 'json', '--baseline', baseline, '--fail-on-new-only'])).code).toBe(1);
    expect(JSON.parse(same.stdout).baseline).toMatchObject({ new: 0, existing: 6 });

    const changed = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(SMALL, 'utf8')));
    changed.counties[1].indicators.preschool_gross_enrolment_rate = 80;
    const file = join(dir, '370100.json');
    writeFileSync(file, JSON.stringify(changed));
    const run = await runCli(['score', file, '-f', 'json', '--baseline', baseline, '--fail-on-new-only', '--allow-missing']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(statusOf(json, 'development.preschool-gross-enrolment', '370102')).toMatchObject({ baseline: 'new' });
    expect(statusOf(json, 'development.preschool-gross-enrolment', '370112')).toMatchObject({ baseline: 'existing' });
  });

  it('refuses a baseline that is not eduduty JSON output', async () => {
    const run = await runCli(['score', SMALL, '--baseline', 'package.json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--baseline package\.json: not the JSON output of eduduty score/);
  });
});
