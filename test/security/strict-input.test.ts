import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCli } from '../support/cli.js';
import { scorerFor } from '../support/context.js';
import { scorePaths } from '../../src/engine/batch.js';
import { bundledRulesDir } from '../../src/rules/load.js';
import { isCalendarDate } from '../../src/config/config.js';

const SMALL = resolve('test/fixtures/cli/370100-small.json');
const HEADER = ['region_code', 'region_name', 'year', '学前三年毛入园率'];

async function workbook(dir: string, name: string, build: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('指标数据'));
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

const read = async (path: string) => (await scorePaths(scorerFor(undefined, 'en'), [path], { score: false }))[0]!;

describe('spreadsheets strict where ambiguity changes a verdict', () => {
  it('refuses two columns for one indicator, naming both cells', async () => {
    const dir = tempDir('eduduty-strict-');
    const path = await workbook(dir, 'twice.xlsx', (sheet) => {
      sheet.addRow([...HEADER, 'preschool_gross_enrolment_rate']);
      sheet.addRow([370100, '济南市', 2023, 95, 80]);
    });
    const result = await read(path);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'duplicate-column', cell: 'E1', message: expect.stringContaining('the same column as D1') }));
  });

  it('refuses a merged header cell, naming the range', async () => {
    const dir = tempDir('eduduty-strict-');
    const path = await workbook(dir, 'merged.xlsx', (sheet) => {
      sheet.addRow([...HEADER, '']);
      sheet.addRow([370100, '济南市', 2023, 95, 80]);
      sheet.mergeCells('D1:E1');
    });
    const result = await read(path);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'merged-header', cell: 'D1', message: 'header cells D1:E1 are merged: each column needs a header of its own' }));
  });

  it('reads a formula cell by its saved value with a warning, and refuses one without a saved value', async () => {
    const dir = tempDir('eduduty-strict-');
    const cached = await workbook(dir, 'cached.xlsx', (sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow([370100, '济南市', 2023, { formula: '90+5', result: 95 }]);
    });
    const withValue = await read(cached);
    expect(withValue.valid).toBe(true);
    expect(withValue.warnings).toContainEqual(expect.objectContaining({ cell: 'D2', message: 'formula cells read by the value the workbook saved (formulas are not recalculated) (1 cell)' }));
    const bare = await workbook(dir, 'bare.xlsx', (sheet) => {
      sheet.addRow(HEADER);
      sheet.addRow([370100, '济南市', 2023, { formula: '90+5' }]);
    });
    const without = await read(bare);
    expect(without.valid).toBe(false);
    expect(without.errors).toEqual([expect.objectContaining({ code: 'formula', cell: 'D2', message: 'the formula =90+5 has no saved value: open and save the workbook in Excel, or type the value' })]);
    expect(JSON.stringify(without)).not.toContain('[object Object]');
  });
});

describe('config and rule folders refuse prototype keys, impossible dates and over-deep rules', () => {
  it.each([
    ['eduduty.config.json', '{"thresholds":{"__proto__":{"T":1}}}'],
    ['eduduty.config.yaml', 'thresholds:\n  __proto__:\n    T: 1\n'],
    ['eduduty.config.json', '{"waivers":[{"rule":"funding.two-only-increases","regions":"*","reason":"r","owner":"o","expires":"2030-01-01","constructor":1}]}'],
  ])('refuses a prototype key in %s, naming the file', async (name, text) => {
    const dir = tempDir('eduduty-config-proto-');
    writeFileSync(join(dir, name), text);
    const run = await runCli(['score', SMALL, '--lang', 'en'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}: the key "(__proto__|constructor)" is not allowed`));
  });

  it.each(['2099-99-99', '2023-02-30', '2023-13-01', '2023-00-10'])('refuses a waiver expiring on %s, which is no calendar day', async (expires) => {
    const dir = tempDir('eduduty-config-date-');
    writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify({ waivers: [{ rule: 'funding.two-only-increases', regions: '*', reason: 'r', owner: 'o', expires }] }));
    const run = await runCli(['score', SMALL, '--lang', 'en'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/waivers\.0\.expires: expected a date YYYY-MM-DD/);
  });

  it('knows calendar days, leap years included', () => {
    expect(['2024-02-29', '2023-12-31', '2000-02-29'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['1900-02-29', '2023-02-29', '2023-04-31', '20230101'].map(isCalendarDate)).toEqual([false, false, false, false]);
  });

  it('refuses a profile whose thresholds hide a prototype key, and rules check says so', async () => {
    const dir = tempDir('eduduty-rules-proto-');
    mkdirSync(join(dir, 'profiles'));
    const profile = JSON.parse(readFileSync(join(bundledRulesDir(), 'profiles', 'shandong-2023.json'), 'utf8'));
    writeFileSync(join(dir, 'profiles', 'shandong-2023.json'), JSON.stringify({ ...profile, thresholds: {} }).replace('"thresholds":{}', '"thresholds":{"__proto__":{"T":1}}'));
    const check = await runCli(['rules', 'check', dir, '--lang', 'en']);
    expect(check.code).not.toBe(0);
    expect(check.stdout + check.stderr).toMatch(/shandong-2023\.json: the key "__proto__" is not allowed \(at thresholds\.__proto__\)/);
    const score = await runCli(['score', SMALL, '--rules', dir, '--lang', 'zh']);
    expect(score.code).toBe(2);
    expect(score.stderr).toMatch(/shandong-2023\.json：?.*不允许使用键“__proto__”/);
  });

  it('refuses a rule of 30,000 nested "not" before any schema recursion, without a stack overflow', async () => {
    const dir = tempDir('eduduty-rules-deep-');
    mkdirSync(join(dir, 'funding'));
    const depth = 30_000;
    const conditions = '{"not":'.repeat(depth) + '{"fact":"gpb_edu_expenditure","path":"$.change","operator":"greaterThan","value":0}' + '}'.repeat(depth);
    writeFileSync(join(dir, 'funding', 'deep.json'), `{"name":"funding.deep","conditions":${conditions}}`);
    writeFileSync(join(dir, 'funding', 'shallow.json'), `{"name":"funding.shallow","conditions":${'{"not":'.repeat(60)}{}${'}'.repeat(60)}}`);
    const run = await runCli(['rules', 'check', dir, '--lang', 'en']);
    expect(run.code).not.toBe(0);
    const text = run.stdout + run.stderr;
    expect(text).toMatch(/deep\.json: .*nested deeper than/);
    expect(text).toMatch(/shallow\.json: nested deeper than 48 levels; not checked/);
    expect(text).not.toMatch(/Maximum call stack/);
  });
});
