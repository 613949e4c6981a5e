import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildScoreResult } from '../../src/engine/score.js';
import { FORMATTERS, type FormatOptions } from '../../src/format/registry.js';
import { catalogue, newest, scorerFor } from '../support/context.js';
import { tempDir } from '../support/temp.js';

/** A workbook whose county fails inspector coverage at D3 and lacks the count at E3; its city has a bad cell in the next file. */
async function scoredWorkbook() {
  const dir = tempDir('eduduty-locations-');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('报表');
  sheet.addRow(['region_code', 'region_name', 'year', '责任督学挂牌督导覆盖率（%）', '超大班额（66人及以上）班级数']);
  sheet.addRow(['371500', '聊城市', 2023, 100, 0]);
  sheet.addRow(['371502', '东昌府区', 2023, 92, null]);
  const good = join(dir, 'good.xlsx');
  await book.xlsx.writeFile(good);
  sheet.getCell('E2').value = '约3';
  const bad = join(dir, 'bad.xlsx');
  await book.xlsx.writeFile(bad);
  const scorer = scorerFor(newest, 'en');
  const files = [...(await scorer.scoreSources({ name: good })), ...(await scorer.scoreSources({ name: bad }))];
  return { result: buildScoreResult('0.0.0', newest, files, scorer.rules), options: { lang: 'en', color: false, verbose: true, catalogue, rules: scorer.rules } satisfies FormatOptions };
}

describe('locations in every format', () => {
  it('names the sheet and cell of each failing, missing and invalid item', async () => {
    const { result, options } = await scoredWorkbook();
    const failing = result.files[0]!.findings.find((f) => f.rule === 'reform.inspector-coverage' && f.region.code === '371502')!;
    expect(failing.location).toMatchObject({ sheet: '报表', cell: 'D3' });
    const missing = result.files[0]!.findings.find((f) => f.status === 'missing' && f.missing?.includes('super_large_classes') && f.region.code === '371502')!;
    expect(missing.location).toMatchObject({ sheet: '报表', cell: 'E3' });

    const pretty = FORMATTERS.pretty(result, options) as string;
    expect(pretty).toMatch(/✖ error {2}D3 .*92% < 100%/);
    expect(pretty).toMatch(/\? E3 .*missing data/);
    expect(pretty).toContain('报表 › E2');

    const github = FORMATTERS.github(result, options) as string;
    expect(github).toMatch(/::error file=.*good\.xlsx,title=reform\.inspector-coverage.*::报表 › D3: /);
    expect(github).toMatch(/::error file=.*bad\.xlsx,title=eduduty%3A invalid input::报表 › E2: /);

    const sarif = JSON.parse(FORMATTERS.sarif(result, options) as string);
    const cells = sarif.runs[0].results.flatMap((r: { locations: { logicalLocations?: { fullyQualifiedName: string; kind: string }[] }[] }) => r.locations[0]!.logicalLocations ?? []).filter((l: { kind: string }) => l.kind === 'element').map((l: { fullyQualifiedName: string }) => l.fullyQualifiedName);
    expect(cells).toEqual(expect.arrayContaining(['报表!D3', '报表!E2']));

    const junit = FORMATTERS.junit(result, options) as string;
    expect(junit).toMatch(/<failure [^>]*>[^<]*报表 › D3/);
    expect(junit).toMatch(/<skipped>[^<]*@ 报表 › E3<\/skipped>/);
    expect(junit).toMatch(/<error [^>]*>报表 › E2 /);

    const rows = parseCsv((FORMATTERS.csv(result, options) as string).replace(/^\uFEFF/, '')) as string[][];
    const at = (rule: string, region: string) => rows.find((r) => r[7] === rule && r[4] === region)?.[17];
    expect(at('reform.inspector-coverage', '371502')).toBe('报表!D3');
    expect(rows.find((r) => r[10] === 'invalid')?.[17]).toBe('报表!E2');
  });

  it('gives line and column for JSON in the exports', async () => {
    const dir = tempDir('eduduty-locations-');
    const path = join(dir, 'city.json');
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '371500', name: '聊城市' }, indicators: { responsible_inspector_coverage: 90 } }, null, 2));
    const scorer = scorerFor(newest, 'en');
    const result = buildScoreResult('0.0.0', newest, await scorer.scoreSources({ name: path }), scorer.rules);
    const rows = parseCsv((FORMATTERS.csv(result, { lang: 'en', color: false, verbose: false, catalogue, rules: scorer.rules }) as string).replace(/^\uFEFF/, '')) as string[][];
    expect(rows.find((r) => r[7] === 'reform.inspector-coverage')?.[17]).toBe('9:39');
  });
});
