import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook } from '../../src/format/annotate.js';
import { runCli } from '../support/cli.js';
import { catalogue, scorerFor } from '../support/context.js';
import { tempDir } from '../support/temp.js';

const RED = 'FFFF9999';
const YELLOW = 'FFFFEB84';
const ORANGE = 'FFF4B183';

/** A clerk's own workbook: a cover sheet, then the data sheet with one failing, one missing and one hostile value. */
async function clerkBook(dir: string, bad?: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('封面').getCell('A1').value = '聊城市 2023 年报表';
  const sheet = book.addWorksheet('报表');
  sheet.addRow(['region_code', 'region_name', 'year', '责任督学挂牌督导覆盖率（%）', '超大班额（66人及以上）班级数', '县级学生心理健康指导中心']);
  sheet.addRow(['371500', '聊城市', 2023, 100, 0, '是']);
  sheet.addRow(['371502', '=HYPERLINK("http://x")', 2023, 92, 0, '否']);
  sheet.addRow(['371503', '茌平区', 2023, bad ?? 100, null, '是']);
  sheet.getCell('D3').numFmt = '0.0';
  const path = join(dir, 'book.xlsx');
  await book.xlsx.writeFile(path);
  return path;
}

async function readBook(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const noteOf = (cell: ExcelJS.Cell) => (typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join(''));

describe('the annotated workbook', () => {
  it('hands nothing back for an input that is not a regular file, and never blocks reading it again', async () => {
    const dir = tempDir('eduduty-annotate-fifo-');
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const run = await runCli(['score', fifo, '-o', `annotated=${join(dir, 'out')}/`, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/not a regular file/);
    expect(existsSync(join(dir, 'out', 'pipe.checked.xlsx'))).toBe(false);
  });

  it('hands back the workbook with failing cells red and commented, missing cells yellow, a linked summary first, the input untouched', async () => {
    const dir = tempDir('eduduty-annotate-');
    const input = await clerkBook(dir);
    const before = createHash('sha256').update(readFileSync(input)).digest('hex');
    const out = join(dir, 'book.checked.xlsx');
    const run = await runCli(['score', input, '-o', `annotated=${out}`]);
    expect(run.code).toBe(1);
    expect(createHash('sha256').update(readFileSync(input)).digest('hex')).toBe(before);
    const book = await readBook(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['评价结果', '封面', '报表']);
    expect(book.getWorksheet('封面')!.getCell('A1').value).toBe('聊城市 2023 年报表');
    const data = book.getWorksheet('报表')!;
    expect(data.getCell('D3').value).toBe(92);
    expect(data.getCell('D3').numFmt).toBe('0.0');
    expect(fillOf(data.getCell('D3'))).toBe(RED);
    expect(noteOf(data.getCell('D3'))).toMatch(/^\[reform\.inspector-coverage\] .+\n.*92% < 100%\n依据：教育督导条例/);
    expect(fillOf(data.getCell('F3'))).toBe(RED);
    expect(fillOf(data.getCell('E4'))).toBe(YELLOW);
    expect(noteOf(data.getCell('E4'))).toContain('缺少数据');
    expect(fillOf(data.getCell('D2'))).toBeUndefined();
    const summary = book.getWorksheet('评价结果')!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    const links = rows.flatMap((r) => r.filter((v): v is { text: string; hyperlink: string } => typeof v === 'object' && v !== null && 'hyperlink' in v));
    expect(links).toContainEqual({ text: '报表!D3', hyperlink: "#'报表'!D3" });
    expect(links).toContainEqual({ text: '报表!E4', hyperlink: "#'报表'!E4" });
    expect(rows.some((r) => r.includes('教育综合改革需进一步推进'))).toBe(true);
    // the region name a user typed stays inert in the summary
    expect(rows.some((r) => r.some((v) => typeof v === 'string' && v.startsWith('=')))).toBe(false);
  });

  it('marks an invalid cell with its error', async () => {
    const dir = tempDir('eduduty-annotate-');
    const input = await clerkBook(dir, '约3');
    const out = join(dir, 'out.xlsx');
    expect((await runCli(['score', input, '-o', `annotated=${out}`])).code).toBe(2);
    const cell = (await readBook(out)).getWorksheet('报表')!.getCell('D4');
    expect(fillOf(cell)).toBe(ORANGE);
    expect(noteOf(cell)).toContain('约3');
  });

  it('builds a workbook from a JSON file, in English with --lang en, one row per region and one column per indicator', async () => {
    const dir = tempDir('eduduty-annotate-');
    const file = { schemaVersion: 1, year: 2023, region: { code: '371500', name: '聊城市' }, indicators: { responsible_inspector_coverage: 100 }, counties: [{ region: { code: '371502', name: '东昌府区' }, indicators: { responsible_inspector_coverage: 90 } }] };
    const input = join(dir, 'city.json');
    writeFileSync(input, JSON.stringify(file));
    const id = 'responsible_inspector_coverage';
    const run = await runCli(['score', input, '--lang', 'en', '-o', `annotated=${dir}/`]);
    expect(run.code).toBe(1);
    const book = await readBook(join(dir, 'city.checked.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Results', 'Data']);
    const data = book.getWorksheet('Data')!;
    const column = (data.getRow(1).values as unknown[]).findIndex((v) => typeof v === 'string' && v.startsWith(catalogue.get(id)!.name.zh));
    const failing = data.getRow(3).getCell(column);
    expect(failing.value).toBe(90);
    expect(fillOf(failing)).toBe(RED);
    expect(noteOf(failing)).toMatch(/90% < 100%\nBasis: /);
    expect(fillOf(data.getRow(2).getCell(column))).toBeUndefined();
  });

  it('builds a workbook from a CSV in its own layout, with the likely value of a slip in the comment of its cell', async () => {
    const dir = tempDir('eduduty-annotate-');
    const input = join(dir, 'county.csv');
    writeFileSync(input, 'region_code,region_name,year,责任督学挂牌督导覆盖率（%）\n371500,聊城市,2023,100\n371502,东昌府区,2023,0.96\n371503,茌平区,2023,100\n');
    expect((await runCli(['score', input, '-o', `annotated=${join(dir, 'out', '{name}.xlsx')}`])).code).toBe(1);
    const data = (await readBook(join(dir, 'out', 'county.xlsx'))).getWorksheet('数据')!;
    expect(data.getCell('D3').value).toBe(0.96);
    expect(fillOf(data.getCell('D3'))).toBe(RED);
    expect(noteOf(data.getCell('D3'))).toContain('0.96% < 100%');
    expect(noteOf(data.getCell('D3'))).toContain('可能应为 96');
    expect(fillOf(data.getCell('D2'))).toBeUndefined();
  });

  it('names one workbook per input from {name}, and refuses one plain name for several inputs (exit 2)', async () => {
    const dir = tempDir('eduduty-annotate-');
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const file = (code: string) => JSON.stringify({ schemaVersion: 1, year: 2023, region: { code, name: 'x' }, indicators: { responsible_inspector_coverage: 90 } });
    writeFileSync(a, file('371500'));
    writeFileSync(b, file('371600'));
    const refused = await runCli(['score', a, b, '-o', `annotated=${join(dir, 'out.xlsx')}`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('{name}');
    expect(existsSync(join(dir, 'out.xlsx'))).toBe(false);
    expect((await runCli(['score', a, b, '-o', `annotated=${join(dir, '{name}.checked.xlsx')}`])).code).toBe(1);
    expect(existsSync(join(dir, 'a.checked.xlsx')) && existsSync(join(dir, 'b.checked.xlsx'))).toBe(true);
  });

  it('works on bytes alone, as the browser page calls it', async () => {
    const dir = tempDir('eduduty-annotate-');
    const bytes = readFileSync(await clerkBook(dir));
    const copy = Buffer.from(bytes);
    const [result] = await scorerFor().scoreSources({ name: 'book.xlsx', bytes });
    const out = await annotateWorkbook({ name: 'book.xlsx', bytes }, [result!], { lang: 'zh', catalogue });
    expect(Buffer.compare(bytes, copy)).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out) as never);
    expect(fillOf(book.getWorksheet('报表')!.getCell('D3'))).toBe(RED);
  });
});
