import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCli } from '../support/cli.js';
import { scorerFor } from '../support/context.js';
import { deflatedPart, repeatedPart, unzip, writeZip, type ZipPart } from '../support/zip.js';
import { SCORE_RESULT_SCHEMA } from '../../src/format/result-schema.js';
import { scorePaths } from '../../src/engine/batch.js';
import type { FileResult } from '../../src/engine/model.js';
import { BUDGETS } from '../../src/input/budget.js';
import { unpackWorkbook, WorkbookFailure } from '../../src/input/workbook.js';

const good = { schemaVersion: 1, year: 2023, region: { code: '370200', name: '青岛市' }, indicators: { preschool_gross_enrolment_rate: 95 } };
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

async function goodWorkbook(rows = 1): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('指标数据');
  sheet.addRow(['region_code', 'region_name', 'year', '学前三年毛入园率']);
  sheet.addRow([370100, '济南市', 2023, 95]);
  for (let i = 1; i < rows; i++) sheet.addRow([370100 + i, `区${i}`, 2023, 90 + (i % 10)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A real workbook with some of its entries replaced. */
function withParts(workbook: Buffer, replaced: ZipPart[]): Buffer {
  const byName = new Map(replaced.map((p) => [p.name, p]));
  return writeZip([...unzip(workbook)].map(([name, data]) => byName.get(name) ?? deflatedPart(name, data)));
}

const sheetPart = (chunk: string, times: number, tail = SHEET_TAIL, declaredSize?: number) => repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, chunk, times, tail, declaredSize);

async function hostileWorkbooks(): Promise<Record<string, Buffer>> {
  const base = await goodWorkbook();
  return {
    // sheets that inflate to 400 MiB from a few hundred kilobytes
    'zip-bomb.xlsx': withParts(base, [sheetPart(' '.repeat(1 << 20), 400)]),
    // the same, its directory claiming a few kilobytes: the inflating itself is capped
    'lying-bomb.xlsx': withParts(base, [sheetPart(' '.repeat(1 << 20), 400, SHEET_TAIL, 4096)]),
    // 1.2 million cells, well under the file-size limit
    'cell-bomb.xlsx': withParts(base, [sheetPart(`<row>${'<c><v>1</v></c>'.repeat(100)}</row>`, 12_000)]),
    'million-rows.xlsx': withParts(base, [sheetPart('<row><c><v>1</v></c></row>'.repeat(10), 100_000)]),
    'merged-everything.xlsx': withParts(base, [sheetPart('<row><c><v>1</v></c></row>', 1, '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')]),
    'shared-strings.xlsx': withParts(base, [repeatedPart('xl/sharedStrings.xml', '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>x</t></si>'.repeat(10), 50_001, '</sst>')]),
    'many-entries.xlsx': writeZip([...Array(BUDGETS.zipEntries + 1).keys()].map((i) => deflatedPart(`x/${i}.xml`, '<x/>'))),
  };
}

const validOutput = new Ajv({ allErrors: true, strict: false }).compile(SCORE_RESULT_SCHEMA);

describe('budgets of every reader', () => {
  it('refuses each workbook bomb by the budget it breaks, and still scores the good files beside it', async () => {
    const dir = tempDir('eduduty-bombs-');
    for (const [name, bytes] of Object.entries(await hostileWorkbooks())) writeFileSync(join(dir, name), bytes);
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
    writeFileSync(join(dir, 'good.xlsx'), await goodWorkbook());
    writeFileSync(join(dir, 'rows.csv'), `region_code,region_name,year\n${'370101,a,2023\n'.repeat(BUDGETS.rows)}`);
    const run = await runCli(['score', dir, '-f', 'json', '--lang', 'en']);
    expect(run.code).toBe(2);
    const output = JSON.parse(run.stdout);
    expect(validOutput(output), JSON.stringify(validOutput.errors)).toBe(true);
    const first = (name: string) => (output.files as FileResult[]).find((f) => f.file === join(dir, name))!.errors[0];
    expect(first('zip-bomb.xlsx')).toMatchObject({ code: 'over-budget', message: 'over the unpacked-size budget: a workbook inflates to at most 134,217,728 bytes' });
    expect(first('lying-bomb.xlsx')).toMatchObject({ code: 'over-budget', message: 'over the compression-ratio budget: an entry inflates to at most 200 times its compressed size' });
    expect(first('cell-bomb.xlsx')).toMatchObject({ code: 'over-budget', message: 'over the cell budget: at most 1,000,000 cells per file (empty cells within a row included)' });
    expect(first('million-rows.xlsx')).toMatchObject({ code: 'over-budget', message: 'over the row budget: at most 100,000 rows per sheet' });
    expect(first('merged-everything.xlsx')?.message).toMatch(/row budget/);
    expect(first('shared-strings.xlsx')?.message).toBe('over the shared-string budget: at most 500,000 shared strings');
    expect(first('many-entries.xlsx')?.message).toBe('over the zip-entry budget: at most 1,000 entries');
    expect(first('rows.csv')?.message).toBe('over the row budget: at most 100,000 rows per sheet');
    const valid = (output.files as FileResult[]).filter((f) => f.valid).map((f) => f.file);
    expect(valid).toEqual([join(dir, 'good.json'), join(dir, 'good.xlsx')]);
  });

  it('says the budget in Chinese too', async () => {
    const dir = tempDir('eduduty-bombs-zh-');
    writeFileSync(join(dir, 'rows.xlsx'), withParts(await goodWorkbook(), [sheetPart('<row><c><v>1</v></c></row>'.repeat(10), 10_001)]));
    const run = await runCli(['validate', dir, '-f', 'json', '--lang', 'zh']);
    expect(JSON.parse(run.stdout).files[0].errors[0].message).toBe('超过行数上限：每个工作表至多 100,000 行');
  });

  it('a workbook that exhausts the memory of the worker unpacking it costs that workbook only', async () => {
    const big = await goodWorkbook(8_000);
    await expect(unpackWorkbook(big, 8)).rejects.toSatisfy((error) => error instanceof WorkbookFailure && error.reason === 'memory');
    const sheets = await unpackWorkbook(await goodWorkbook());
    expect(sheets[0]!.rows[1]).toEqual([370100, '济南市', 2023, 95]);
  });

  it('refuses a JSON city of 100,000 counties by the region budget, before validating them', async () => {
    const dir = tempDir('eduduty-regions-');
    const counties = Array.from({ length: 100_000 }, (_, i) => ({ region: { code: String(370101 + (i % 98)), name: `县${i}` }, indicators: { preschool_gross_enrolment_rate: 90 } }));
    writeFileSync(join(dir, 'city.json'), JSON.stringify({ ...good, counties }));
    const [result] = await scorePaths(scorerFor(undefined, 'en'), [dir], { score: false });
    expect(result!.errors).toEqual([{ path: '/counties', code: 'over-budget', message: 'over the region budget: at most 1,000 regions (the city and its counties) per file' }]);
  });

  it('lists 100 of 80,000 unknown keys and counts the rest, in JSON and YAML alike', async () => {
    const dir = tempDir('eduduty-keys-');
    const keys = Array.from({ length: 80_000 }, (_, i) => `unknown_${i}`);
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ ...good, indicators: Object.fromEntries(keys.map((k) => [k, 1])) }));
    writeFileSync(join(dir, 'keys.yaml'), `schemaVersion: 1\nyear: 2023\nregion: {code: "370100", name: a}\nindicators:\n${keys.map((k) => `  ${k}: 1\n`).join('')}`);
    const results = await scorePaths(scorerFor(undefined, 'en'), [dir], { score: false });
    for (const result of results) {
      expect(result.errors).toHaveLength(101);
      expect(result.errors[0]).toMatchObject({ code: 'unknown-key', path: '/indicators/unknown_0', line: result.file.endsWith('.yaml') ? 5 : 1 });
      expect(result.errors[100]).toEqual({ path: '', code: 'more-problems', message: '… and 79,900 more problems' });
    }
  });

  it('counts YAML aliases as often as they expand: one list aliased 99 times goes over the key budget', async () => {
    const dir = tempDir('eduduty-aliases-');
    const list = `[${Array(3000).fill('1').join(', ')}]`;
    writeFileSync(join(dir, 'aliases.yaml'), `schemaVersion: 1\nyear: 2023\nregion: {code: "370100", name: a}\nindicators: {}\nx-list: &l ${list}\nx-copies: [${Array(99).fill('*l').join(', ')}]\n`);
    writeFileSync(join(dir, 'deep.json'), `${JSON.stringify(good).slice(0, -1)},"x-deep":${'['.repeat(100)}${']'.repeat(100)}}`);
    const results = await scorePaths(scorerFor(undefined, 'en'), [dir], { score: false });
    expect(results.map((r) => r.errors)).toEqual([
      [{ path: '', code: 'over-budget', message: 'over the key budget: at most 200,000 keys and list items (YAML aliases counted each time they expand)' }],
      [{ path: '', code: 'too-deep', message: 'over the nesting budget: at most 64 levels' }],
    ]);
  });

  it('reads regular files only: /dev/zero as input, roster or baseline, and an endless stdin are refused unread', async () => {
    const dir = tempDir('eduduty-devices-');
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
    const input = await runCli(['score', '/dev/zero', join(dir, 'good.json'), '-f', 'json', '--lang', 'en']);
    expect(input.code).toBe(2);
    const files = JSON.parse(input.stdout).files as FileResult[];
    expect(files[0]).toMatchObject({ file: '/dev/zero', valid: false, errors: [{ code: 'not-a-file', message: 'not a regular file (a device); not read' }] });
    expect(files[1]).toMatchObject({ valid: true });
    const roster = await runCli(['score', join(dir, 'good.json'), '--schools', '/dev/zero', '-f', 'json', '--lang', 'en']);
    expect(JSON.parse(roster.stdout).files[0]).toMatchObject({ file: '/dev/zero', errors: [{ code: 'not-a-file' }] });
    const baseline = await runCli(['score', join(dir, 'good.json'), '--baseline', '/dev/zero', '--lang', 'en']);
    expect([baseline.code, baseline.stderr.trim()]).toEqual([2, expect.stringContaining('--baseline /dev/zero: not a regular file (a device); not read')]);
    let served = 0;
    const endless = async (maxBytes?: number) => {
      served = (maxBytes ?? 0) + 1;
      return new Uint8Array(served);
    };
    const [stdin] = await scorePaths(scorerFor(undefined, 'en'), ['-'], { readStdin: endless });
    expect(served).toBe(BUDGETS.fileBytes + 1);
    expect(stdin).toMatchObject({ valid: false, errors: [{ code: 'too-large' }] });
  });

  it('refuses a FIFO, a link to /dev/zero and a link to /etc/passwd in a rule folder without opening them or quoting them', async () => {
    const dir = tempDir('eduduty-rules-special-');
    mkdirSync(join(dir, 'funding'));
    execFileSync('mkfifo', [join(dir, 'funding', 'fifo.json')]);
    symlinkSync('/dev/zero', join(dir, 'funding', 'zero.json'));
    symlinkSync('/etc/passwd', join(dir, 'funding', 'passwd.json'));
    const run = await runCli(['rules', 'check', dir, '--lang', 'en']);
    expect(run.code).not.toBe(0);
    const text = run.stdout + run.stderr;
    expect(text).toMatch(/fifo\.json: not a regular file \(a FIFO\); not read/);
    expect(text).toMatch(/zero\.json: a symbolic link leaving the rules folder; not read/);
    expect(text).toMatch(/passwd\.json: a symbolic link leaving the rules folder; not read/);
    expect(text).not.toMatch(/root:/);
  });

  it('lists a FIFO named like a data file in a scored folder as an invalid input, without opening it for reading', async () => {
    const dir = tempDir('eduduty-data-special-');
    writeFileSync(join(dir, '370100.json'), JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators: { super_large_classes: 0 } }));
    execFileSync('mkfifo', [join(dir, 'a.json')]);
    const run = await runCli(['score', dir, '--format', 'json', '--lang', 'en', '--fail-on', 'never', '--allow-missing']);
    expect(run.code).toBe(2);
    const result = JSON.parse(run.stdout) as { summary: { files: number; invalid: number }; files: { file: string; errors: { message: string }[] }[] };
    expect(result.summary).toMatchObject({ files: 2, invalid: 1 });
    expect(result.files.find((f) => f.file.endsWith('a.json'))!.errors[0]!.message).toMatch(/not a regular file \(a FIFO\)/);
  });

  it('the largest real workload, a province of 16 cities and all their counties in one workbook, fits every budget', async () => {
    const { templateColumns } = await import('../../src/template/template.js');
    const { catalogue } = await import('../support/context.js');
    const { readdirSync, readFileSync } = await import('node:fs');
    const columns = templateColumns(catalogue);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('指标数据');
    sheet.addRow(['region_code', 'region_name', 'year', ...columns.map((c) => c.header)]);
    let regions = 0;
    for (const name of readdirSync('samples/2023')) {
      const file = JSON.parse(readFileSync(join('samples/2023', name), 'utf8'));
      for (const region of [{ region: file.region, indicators: file.indicators }, ...file.counties]) {
        const cells = columns.map((c) => {
          const value = region.indicators[c.indicator!.id];
          const raw = c.field && value !== undefined ? value[c.field] : value;
          return typeof raw === 'boolean' ? (raw ? '是' : '否') : (raw ?? null);
        });
        sheet.addRow([region.region.code, region.region.name, file.year, ...cells]);
        regions++;
      }
    }
    const dir = tempDir('eduduty-province-');
    writeFileSync(join(dir, 'province.xlsx'), Buffer.from(await book.xlsx.writeBuffer()));
    const results = await scorePaths(scorerFor(undefined, 'en'), [dir], { score: false });
    expect(regions).toBeGreaterThan(160);
    expect(results.map((r) => [r.valid, r.errors])).toEqual(Array(16).fill([true, []]));
  });
});

describe('a key of megabytes', () => {
  it('is named by its first characters, in the message and in the path, in every output', async () => {
    const dir = tempDir('eduduty-bigkey-');
    const file = join(dir, '370100.json');
    const key = 'k'.repeat(5_000_000);
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators: { [key]: 1 } }));
    for (const format of ['pretty', 'json', 'sarif']) {
      const run = await runCli(['score', file, '--lang', 'en', '--format', format, '--allow-missing']);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('k'.repeat(60) + '…');
      expect(run.stdout + run.stderr).not.toContain('k'.repeat(61));
    }
  });
});
