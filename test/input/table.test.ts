import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import type { FileResult } from '../../src/engine/model.js';
import { templateColumns } from '../../src/template/template.js';
import { runCli } from '../support/cli.js';
import { catalogue, scorerFor } from '../support/context.js';
import { writeSheetPair } from '../support/sheets.js';

const SAMPLE = 'samples/2023/370100.json';
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
const tmp = () => tempDir('eduduty-table-');
const columns = templateColumns(catalogue);

/** What a person types into the template for one region's indicator. */
function cellFor(indicators: Record<string, unknown>, column: (typeof columns)[number]): string | number {
  const value = indicators[column.indicator!.id];
  if (value === undefined) return '';
  const raw = column.field ? (value as Record<string, number>)[column.field] : value;
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  return raw as number;
}

const regionsOf = (file: typeof sample) => [{ region: file.region, indicators: file.indicators }, ...file.counties];

/** Findings without what legitimately differs between a JSON file and a table: names, hashes, positions. */
function comparable(results: FileResult[]) {
  return results.flatMap((r) => r.findings.map(({ location: _l, ...f }) => f));
}

async function expectSameScores(path: string) {
  const scorer = scorerFor();
  const fromTable = await scorer.scoreSources({ name: path });
  expect(fromTable.map((r) => [r.valid, r.errors])).toEqual([[true, []]]);
  const fromJson = await scorer.scoreSources({ name: SAMPLE });
  expect(comparable(fromTable)).toEqual(comparable(fromJson));
}

describe('spreadsheet input', () => {
  it('a filled XLSX template scores the same as the equivalent JSON file', async () => {
    const dir = tmp();
    const template = join(dir, 'template.xlsx');
    expect((await runCli(['template', '--format', 'xlsx', '--region', '370100', '-o', template])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.getWorksheet('指标数据')!;
    const byCode = new Map(regionsOf(sample).map((r: { region: { code: string }; indicators: Record<string, unknown> }) => [r.region.code, r.indicators]));
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const indicators = byCode.get(String(row.getCell(1).value))!;
      columns.forEach((column, i) => {
        const value = cellFor(indicators, column);
        if (value !== '') row.getCell(i + 4).value = value;
      });
    });
    const filled = join(dir, 'filled.xlsx');
    await book.xlsx.writeFile(filled);
    await expectSameScores(filled);
  });

  it('the XLSX template has a frozen header, validation, notes and a sheet explaining every indicator', async () => {
    const dir = tmp();
    const template = join(dir, 't.xlsx');
    await runCli(['template', '--region', '371500', '-o', template]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.getWorksheet('指标数据')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const { loadShandongRegions } = await import('../../src/catalogue/regions.js');
    expect(sheet.rowCount).toBe(1 + loadShandongRegions().regions.filter((r) => r.city === '371500').length);
    expect(sheet.getRow(2).getCell(2).value).toBe('聊城市');
    const preschool = columns.findIndex((c) => c.indicator?.id === 'preschool_gross_enrolment_rate') + 4;
    expect(sheet.getRow(1).getCell(preschool).value).toBe('学前三年毛入园率（%）');
    expect(sheet.getRow(2).getCell(preschool).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 200] });
    expect(String(sheet.getRow(1).getCell(preschool).note)).toMatch(/shandong-2020 T=85；shandong-2023 T=90/);
    const centre = columns.findIndex((c) => c.indicator?.id === 'student_mental_health_centre') + 4;
    expect(sheet.getRow(3).getCell(centre).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    const explain = book.getWorksheet('指标说明')!;
    expect(explain.rowCount).toBe(1 + catalogue.indicators.length);
  });

  it('a filled CSV template scores the same as the JSON file, in UTF-8 and in GBK', async () => {
    const dir = tmp();
    const csv = (await runCli(['template', '--format', 'csv', '--region', '370100'])).stdout;
    const [header, note, ...rows] = parseCsv(csv.replace(/^\uFEFF/, '')) as string[][];
    const byCode = new Map(regionsOf(sample).map((r: { region: { code: string }; indicators: Record<string, unknown> }) => [r.region.code, r.indicators]));
    const filled = rows.map((row) => [...row.slice(0, 3), ...columns.map((c) => String(cellFor(byCode.get(row[0]!)!, c)))]);
    const text = stringifyCsv([header!, note!, ...filled]);
    writeFileSync(join(dir, 'utf8.csv'), text);
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(text, 'gbk'));
    await expectSameScores(join(dir, 'utf8.csv'));
    await expectSameScores(join(dir, 'gbk.csv'));
    const gbk = await scorerFor().scoreSources({ name: join(dir, 'gbk.csv') });
    expect(gbk[0]!.warnings).toContainEqual(expect.objectContaining({ code: 'encoding' }));
  });

  it('normalises separators, full-width digits, % and 是/否, converts units in headers, and says so', async () => {
    const csv = [
      'region_code,region_name,year,学前三年毛入园率（%）,一般公共预算教育支出（亿元）,一般公共预算教育支出（上年，亿元）,县级学生心理健康指导中心,公用经费违规用于人员支出的学校数',
      '370100,济南市,2023,96.7%,213.8084,186.2375,是,0',
      '370102,历下区,2023,８８．５,"1,234",1200,否,1',
    ].join('\n');
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), csv);
    const [result] = await scorerFor(undefined, 'en').scoreSources({ name: join(dir, 'a.csv') });
    expect(result!.valid).toBe(true);
    const find = (rule: string, code: string) => result!.findings.find((f) => f.rule === rule && f.region.code === code)!;
    expect(find('development.preschool-gross-enrolment', '370100').evidence[0]!.actual).toBe(96.7);
    expect(find('development.preschool-gross-enrolment', '370102').evidence[0]!.actual).toBe(88.5);
    expect(find('funding.two-only-increases', '370100').evidence[0]).toMatchObject({ actual: 2138084, expected: 1862375 });
    expect(find('funding.two-only-increases', '370102').evidence[0]).toMatchObject({ actual: 12340000, expected: 12000000 });
    expect(find('safety.mental-health-centre', '370102').status).toBe('fail');
    // each note at the first data cell it concerns, never the header; the template's own 是/否 need none
    // (the counties the sheet lacks are placed at the row after its data)
    expect(result!.warnings.filter((w) => w.cell !== undefined && w.code !== 'absent-region').map((w) => [w.cell, w.message])).toEqual([
      ['D2', 'trailing % removed (1 cell)'],
      ['E2', 'values in 亿元 converted to × 10,000 yuan (2 cells)'],
      ['F2', 'values in 亿元 converted to × 10,000 yuan (2 cells)'],
      ['D3', 'full-width characters normalised (1 cell)'],
      ['E3', 'thousands separators removed (1 cell)'],
    ]);
  });

  it('flags a percent column given as fractions rather than scoring it silently', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), 'region_code,region_name,year,preschool_gross_enrolment_rate\n370100,济南市,2023,0.92\n370102,历下区,2023,0.88\n');
    const [result] = await scorerFor().scoreSources({ name: join(dir, 'a.csv') });
    expect(result!.warnings).toContainEqual(expect.objectContaining({ code: 'fractions', cell: 'D1' }));
  });

  it('points a bad value at its cell, column and region, and still scores the other cities of the sheet', async () => {
    const dir = tmp();
    const csv = 'region_code,region_name,year,学前三年毛入园率（%）,super_large_classes\n370100,济南市,2023,95,0\n370102,历下区,2023,abc,0\n370200,青岛市,2023,91,0\n370202,市南区,2023,250,0\n370300,淄博市,2023,92,0\n';
    writeFileSync(join(dir, 'province.csv'), csv);
    const run = await runCli(['score', join(dir, 'province.csv'), '-f', 'json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.files.map((f: FileResult) => [f.region?.code, f.valid])).toEqual([
      ['370100', false],
      ['370200', false],
      ['370300', true],
    ]);
    expect(json.files[0].errors[0]).toMatchObject({ cell: 'D3', header: '学前三年毛入园率（%）', region: '历下区', message: '应为数值，实际为“abc”', line: 3 });
    expect(json.files[1].errors[0]).toMatchObject({ cell: 'D5', region: '市南区', code: 'range' });
    const pretty = await runCli(['score', join(dir, 'province.csv')]);
    expect(pretty.stdout).toMatch(/D3 +错误 +学前三年毛入园率（%） · 历下区: 应为数值，实际为“abc”/);
  });

  it('refuses an unknown column, a yoy indicator without its previous column, a county without its city row and mixed years', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.csv'), 'region_code,region_name,year,学前三年毛入园率x,gpb_edu_expenditure\n370102,历下区,2023,1,5\n370112,历城区,2022,1,5\n');
    const [result] = await scorerFor().scoreSources({ name: join(dir, 'a.csv') });
    expect(result!.errors.map((e) => [e.cell, e.code])).toEqual([
      ['D1', 'unknown-column'],
      ['E1', 'yoy-columns'],
      ['A2', 'missing-city-row'],
      ['C3', 'mixed-years'],
    ]);
  });

  it('names a county given twice by the cells of its two codes, in a CSV and in a workbook', async () => {
    const dir = tmp();
    const rows = [
      ['region_code', 'region_name', 'year', 'preschool_gross_enrolment_rate'],
      [370100, '济南市', 2023, 95],
      [370102, '历下区', 2023, 90],
      [370103, '市中区', 2023, 90],
      [370102, '历下区', 2023, 91],
    ];
    await writeSheetPair(dir, rows);
    for (const [name, sheet] of [['a.csv', 'csv'], ['a.xlsx', 'Sheet1']] as const) {
      for (const [lang, first] of [['en', 'first at A3'], ['zh', '第一次在 A3']] as const) {
        const [result] = await scorerFor(undefined, lang).scoreSources({ name: join(dir, name) });
        expect(result!.valid).toBe(false);
        expect(result!.errors).toEqual([expect.objectContaining({ code: 'duplicate-region', sheet, cell: 'A5', header: 'region_code', region: '历下区' })]);
        expect(result!.errors[0]!.message).toContain(first);
        expect(result!.errors[0]!.message).not.toMatch(/\/counties/);
      }
      const pretty = await runCli(['score', join(dir, name), '--lang', 'en']);
      expect(pretty.stdout).toMatch(new RegExp(`${sheet === 'csv' ? '' : 'Sheet1 › '}A5 +error +region_code · 历下区: county 370102 appears twice \\(first at A3\\)`));
    }
  });

  it('reads sheets of a workbook, skips sheets without a region_code column, and reads percent-formatted cells', async () => {
    const dir = tmp();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('说明').addRow(['这是说明页']);
    const data = book.addWorksheet('数据');
    data.addRow(['region_code', 'region_name', 'year', '学前三年毛入园率']);
    data.addRow([370100, '济南市', 2023, 0.967]);
    data.getRow(2).getCell(4).numFmt = '0.0%';
    await book.xlsx.writeFile(join(dir, 'a.xlsx'));
    const results = await scorerFor().scoreSources({ name: join(dir, 'a.xlsx') });
    expect(results).toHaveLength(1);
    expect(results[0]!.sheet).toBe('数据');
    expect(results[0]!.findings.find((f) => f.rule === 'development.preschool-gross-enrolment')!.evidence[0]!.actual).toBe(96.7);
  });

  it('reports a file that is not a workbook at all', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.xlsx'), 'not a zip');
    const [result] = await scorerFor().scoreSources({ name: join(dir, 'a.xlsx') });
    expect(result!.errors[0]!.message).toMatch(/^不是可读取的 XLSX 工作簿/);
  });
});

describe('spreadsheet output', () => {
  it('writes findings as CSV and XLSX, a row per finding', async () => {
    const dir = tmp();
    const csv = await runCli(['score', 'test/fixtures/cli/370100-small.json', '-f', 'csv', '--lang', 'en']);
    const rows = parseCsv(csv.stdout.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]!.slice(0, 6)).toEqual(['file', 'sheet', 'city_code', 'city', 'region_code', 'region']);
    expect(rows).toHaveLength(1 + 103 * 3);
    const two = rows.find((r) => r[7] === 'funding.two-only-increases' && r[4] === '370112')!;
    expect(two.slice(10, 16)).toEqual(['fail', two[11]!, 'gpb_edu_expenditure.current', '98.1', '>=', '101.2']);
    await runCli(['score', 'test/fixtures/cli/370100-small.json', '-o', `xlsx=${join(dir, 'r.xlsx')}`]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'r.xlsx'));
    expect(book.getWorksheet('评价结果')!.rowCount).toBe(1 + 103 * 3);
  });
});
