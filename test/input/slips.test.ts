import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import type { FileResult } from '../../src/engine/model.js';
import { scorerFor } from '../support/context.js';
import { tempDir } from '../support/temp.js';

const slips = (result: FileResult) => result.warnings.filter((w) => w.code.startsWith('slip'));

async function scoreText(name: string, text: string, lang: 'zh' | 'en' = 'zh'): Promise<FileResult[]> {
  const path = join(tempDir('eduduty-slips-'), name);
  writeFileSync(path, text);
  return scorerFor(undefined, lang).scoreSources({ name: path });
}

const CSV = [
  'region_code,region_name,year,boarding_school_facilities_compliance_rate,gpb_edu_expenditure.current,gpb_edu_expenditure.previous,super_large_classes',
  '371500,聊城市,2023,98,120000,110000,0',
  '371502,东昌府区,2023,0.97,12000,11000,2.4',
  '371503,茌平区,2023,96,1.3,11500,1',
  '371521,阳谷县,2023,99,10500,10000,0',
].join('\n');

describe('slips caught at the value', () => {
  it('warns of a percent typed as a fraction at its own cell, with the likely value, and scores it as given', async () => {
    const [result] = await scoreText('book.csv', CSV);
    const percent = slips(result!).filter((w) => w.code === 'slip-percent');
    expect(percent).toHaveLength(1);
    expect(percent[0]).toMatchObject({ cell: 'D3', region: '东昌府区', path: '/counties/0/indicators/boarding_school_facilities_compliance_rate' });
    expect(percent[0]!.message).toContain('可能应为 97');
    const finding = result!.findings.find((f) => f.rule === 'development.boarding-facilities' && f.region.code === '371502')!;
    expect(finding.evidence[0]!.actual).toBe(0.97);
  });

  it('warns of a year-over-year pair a factor of 10,000 apart at the value that strays from the other regions', async () => {
    const [result] = await scoreText('book.csv', CSV, 'en');
    const unit = slips(result!).filter((w) => w.code === 'slip-unit');
    expect(unit).toHaveLength(1);
    expect(unit[0]).toMatchObject({ cell: 'E4', region: '茌平区' });
    expect(unit[0]!.message).toMatch(/about 10,000 times.*likely 13,000/);
  });

  it('warns of a count that is not whole, with the whole number it likely is, and scores it as given', async () => {
    const [result] = await scoreText('book.csv', CSV);
    expect(result!.valid).toBe(true);
    const count = slips(result!).filter((w) => w.code === 'slip-count');
    expect(count.map((w) => [w.cell, w.message])).toEqual([['G3', '数量 2.4 不是整数：可能应为 2；现按原值评分']]);
  });

  it('locates slips of JSON files by line and column: a fraction against the previous year and against the threshold', async () => {
    const file = {
      schemaVersion: 1,
      year: 2023,
      region: { code: '371500', name: '聊城市' },
      indicators: {
        edu_share_of_gpb_expenditure: { current: 0.16, previous: 15.5 },
        boarding_school_facilities_compliance_rate: 0.95,
      },
    };
    const [result] = await scoreText('city.json', JSON.stringify(file, null, 2));
    const found = slips(result!).map((w) => [w.path, w.line, w.column, /可能应为 (\S+?)；/.exec(w.message)?.[1]]);
    expect(found).toEqual([
      ['/indicators/edu_share_of_gpb_expenditure/current', 10, 18, '16'],
      ['/indicators/boarding_school_facilities_compliance_rate', 13, 51, '95'],
    ]);
  });

  it('leaves real small rates and steady pairs alone', async () => {
    const file = {
      schemaVersion: 1,
      year: 2023,
      region: { code: '371500', name: '聊城市' },
      indicators: { large_class_share: 0.4, gpb_edu_expenditure: { current: 120000, previous: 110000 }, super_large_classes: 0 },
      counties: [{ region: { code: '371502', name: '东昌府区' }, indicators: { large_class_share: 2.5 } }],
    };
    const [result] = await scoreText('city.json', JSON.stringify(file, null, 2));
    expect(slips(result!)).toEqual([]);
  });
});

describe('values the template itself offers', () => {
  it('reads 是/否 from its dropdowns and the units of its headers without a single warning', async () => {
    const dir = tempDir('eduduty-slips-');
    const template = join(dir, 't.xlsx');
    expect((await runCli(['template', '--region', '371500', '-f', 'xlsx', '-o', template])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.getWorksheet('指标数据')!;
    const headers = sheet.getRow(1).values as unknown[];
    let offered = 0;
    sheet.eachRow((row, n) => {
      if (n === 1 || !/^\d{6}$/.test(String(row.getCell(1).value))) return;
      headers.forEach((header, c) => {
        if (c < 4 || typeof header !== 'string') return;
        const cell = row.getCell(c);
        const list = cell.dataValidation?.type === 'list';
        if (list) offered++;
        cell.value = list ? (n % 2 ? '是' : '否') : header.includes('%') ? 97 : 5;
      });
    });
    expect(offered).toBeGreaterThan(0);
    const filled = join(dir, 'filled.xlsx');
    await book.xlsx.writeFile(filled);
    const results = await scorerFor().scoreSources({ name: filled });
    expect(results.map((r) => [r.valid, r.warnings])).toEqual([[true, []]]);
  });
});
