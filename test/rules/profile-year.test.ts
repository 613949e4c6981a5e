import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileForYear, type Profile, type RuleSet } from '../../src/rules/model.js';
import { runCli } from '../support/cli.js';
import { ruleSet, SEED } from '../support/context.js';

const SMALL = resolve('test/fixtures/cli/370100-small.json');

/** The small fixture as a file of `year`, with Licheng's preschool enrolment at 88: above 2020's 85, below 2023's 90. */
function fileOf(dir: string, year: number): string {
  const file = JSON.parse(readFileSync(SMALL, 'utf8'));
  file.year = year;
  file.counties[0].indicators.preschool_gross_enrolment_rate = 88;
  const path = join(dir, `370100-${year}.json`);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

type Json = { profile: string; profileByYear?: boolean; files: { year: number; profile: string; findings: { rule: string; region: { code: string }; status: string }[] }[] };
const preschool = (json: Json, year: number) => json.files.find((f) => f.year === year)!.findings.find((f) => f.rule === 'development.preschool-gross-enrolment' && f.region.code === '370112')!.status;

describe('the profile of a file’s year', () => {
  it('is that year’s profile, else the newest before it, else the oldest', () => {
    expect(profileForYear(ruleSet, 2020).name).toBe('shandong-2020');
    expect(profileForYear(ruleSet, 2022).name).toBe('shandong-2020');
    expect(profileForYear(ruleSet, 2023).name).toBe('shandong-2023');
    expect(profileForYear(ruleSet, 2031).name).toBe('shandong-2023');
    expect(profileForYear(ruleSet, 2012).name).toBe('shandong-2020');
  });

  it('never takes a profile newer than the year when an older one exists, nor skips a newer one that fits', () => {
    const profile = (name: string, year: number): Profile => ({ name, year, title: { zh: name, en: name }, thresholds: {}, file: name });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 2000, max: 2040 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1990, max: 2050 }), (years, year) => {
        const set: RuleSet = { rules: [], profiles: years.map((y) => profile(`p-${y}`, y)) };
        const chosen = profileForYear(set, year);
        const before = years.filter((y) => y <= year);
        expect(chosen.year).toBe(before.length > 0 ? Math.max(...before) : Math.min(...years));
      }),
      { seed: SEED },
    );
  });

  it('judges a batch of several years year by year, and the JSON and the pretty output name each file’s profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eduduty-years-'));
    const [old, recent] = [fileOf(dir, 2020), fileOf(dir, 2023)];
    const json: Json = JSON.parse((await runCli(['score', old, recent, '-f', 'json', '--no-config', '--fail-on', 'never'])).stdout);
    expect(json.profileByYear).toBe(true);
    expect(json.files.map((f) => [f.year, f.profile])).toEqual([
      [2020, 'shandong-2020'],
      [2023, 'shandong-2023'],
    ]);
    expect(preschool(json, 2020)).toBe('pass');
    expect(preschool(json, 2023)).toBe('fail');
    expect(json.files[0]!.findings.some((f) => f.rule === 'funding.edu-expenditure-growth-target')).toBe(true);
    expect(json.files[1]!.findings.some((f) => f.rule === 'funding.edu-expenditure-growth-target')).toBe(false);
    const pretty = (await runCli(['score', old, recent, '--no-config', '--fail-on', 'never', '--lang', 'en'])).stdout;
    expect(pretty).toMatch(/370100-2020\.json {2}济南市 370100 · 2020 · shandong-2020/);
    expect(pretty).toMatch(/370100-2023\.json {2}济南市 370100 · 2023 · shandong-2023/);
  });

  it('gives way to --profile and to the config’s profile: every file is judged by the one named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eduduty-years-'));
    const old = fileOf(dir, 2020);
    const flag: Json = JSON.parse((await runCli(['score', old, '-f', 'json', '--no-config', '--profile', 'shandong-2023', '--fail-on', 'never'])).stdout);
    expect(flag.profileByYear).toBeUndefined();
    expect(flag.files[0]!.profile).toBe('shandong-2023');
    expect(preschool(flag, 2020)).toBe('fail');
    writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify({ profile: 'shandong-2023', failOn: 'never' }));
    const config: Json = JSON.parse((await runCli(['score', old, '-f', 'json'], { cwd: dir })).stdout);
    expect(config.files[0]!.profile).toBe('shandong-2023');
    expect(preschool(config, 2020)).toBe('fail');
  });
});
