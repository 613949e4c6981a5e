import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadShandongRegions } from '../../src/catalogue/regions.js';
import { buildScoreResult, exitCodeFor } from '../../src/engine/score.js';
import type { FileResult, ScoreResult } from '../../src/engine/model.js';
import { SCORE_RESULT_SCHEMA } from '../../src/format/result-schema.js';
import { columnLetter } from '../../src/input/table.js';
import { templateColumns } from '../../src/template/template.js';
import { runCli } from '../support/cli.js';
import { catalogue, newest, scorerFor, SEED } from '../support/context.js';
import { generateProvince } from '../support/province.js';
import { writeSheetPair } from '../support/sheets.js';
import { tempDir } from '../support/temp.js';

const SAMPLE = 'samples/2023/371500.json';
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
const columns = templateColumns(catalogue);
const GUAN = '371525';
const validOutput = new Ajv({ allErrors: true, strict: false }).compile(SCORE_RESULT_SCHEMA);

type Region = { region: { code: string; name: string }; indicators: Record<string, unknown> };
const byCode = new Map<string, Record<string, unknown>>([{ region: sample.region, indicators: sample.indicators }, ...sample.counties].map((r: Region) => [r.region.code, r.indicators]));

/** What a clerk types into the template for one region's indicator. */
function cellFor(code: string, column: (typeof columns)[number]): string | number {
  const value = byCode.get(code)?.[column.indicator!.id];
  if (value === undefined) return '';
  const raw = column.field ? (value as Record<string, number>)[column.field] : value;
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  return raw as number;
}

const columnOf = (id: string, field?: string) => columns.findIndex((c) => c.indicator?.id === id && (field === undefined || c.field === field));

interface Fill {
  /** Leave the county rows blank: only the city's figures are typed in. */
  cityOnly?: boolean;
  /** Region codes whose rows are deleted. */
  drop?: string[];
  /** [region code, indicator id, text typed instead of the figure]. */
  typo?: [string, string, string];
}

/** The XLSX template of 聊城市, written by the CLI and filled by a program as a clerk would. */
async function filledWorkbook(dir: string, fill: Fill, name = 'liaocheng.xlsx'): Promise<string> {
  const template = join(dir, `template-${name}`);
  expect((await runCli(['template', '--region', '371500', '-o', template])).code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const sheet = book.getWorksheet('指标数据')!;
  const doomed: number[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const code = String(row.getCell(1).value);
    if (fill.drop?.includes(code)) doomed.push(n);
    if (fill.cityOnly && code !== '371500') return;
    columns.forEach((column, i) => {
      const value = cellFor(code, column);
      if (value !== '') row.getCell(i + 4).value = value;
    });
    if (fill.typo?.[0] === code) row.getCell(columnOf(fill.typo[1]) + 4).value = fill.typo[2];
  });
  for (const n of doomed.reverse()) sheet.spliceRows(n, 1);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

/** The CSV template of 聊城市 filled the same way, in UTF-8 or as Excel saves it on Chinese Windows (GBK). */
async function filledCsv(dir: string, fill: Fill, encoding: 'utf8' | 'gbk'): Promise<string> {
  const csv = (await runCli(['template', '--format', 'csv', '--region', '371500'])).stdout;
  const [header, note, ...rows] = parseCsv(csv.replace(/^\uFEFF/, '')) as string[][];
  const filled = rows
    .filter((row) => !fill.drop?.includes(row[0]!))
    .map((row) => {
      const code = row[0]!;
      const values = columns.map((c) => (fill.cityOnly && code !== '371500' ? '' : String(cellFor(code, c))));
      if (fill.typo?.[0] === code) values[columnOf(fill.typo[1])] = fill.typo[2];
      return [...row.slice(0, 3), ...values];
    });
  const text = stringifyCsv([header!, note!, ...filled]);
  const path = join(dir, `liaocheng-${encoding}.csv`);
  writeFileSync(path, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
  return path;
}

async function scoreJson(args: string[]): Promise<{ code: number; result: ScoreResult; stderr: string }> {
  const run = await runCli(['score', ...args, '--format', 'json', '--no-config']);
  const result = JSON.parse(run.stdout) as ScoreResult;
  expect(validOutput(result), JSON.stringify(validOutput.errors)).toBe(true);
  return { code: run.code, result, stderr: run.stderr };
}

/** A city file holding only figures that pass, so that whatever else happens comes from missing data alone. */
function passingCity(dir: string, counties: { code: string; name: string }[] = []): string {
  const path = join(dir, 'city.json');
  const indicators = { preschool_gross_enrolment_rate: 95 };
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators, counties: counties.map((region) => ({ region, indicators })) }));
  return path;
}

describe('missing data never passes a run', () => {
  it('an unfilled XLSX template is invalid input (exit 2), not a pass', async () => {
    const dir = tempDir();
    const template = join(dir, 't.xlsx');
    await runCli(['template', '--region', '371500', '-o', template]);
    const zh = await runCli(['score', template, '--lang', 'zh', '--no-config']);
    expect(zh.code).toBe(2);
    expect(zh.stdout).toContain('没有任何指标数据');
    expect(zh.stdout).not.toContain('全部通过');
    const en = await scoreJson([template, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.result.files[0]!.errors).toEqual([expect.objectContaining({ code: 'no-values', message: expect.stringContaining('no indicator values') })]);
    expect((await runCli(['validate', template, '--no-config'])).code).toBe(2);
  });

  it('a template filled for the city only exits 1, in XLSX, UTF-8 CSV and GBK CSV, and never says all passed', async () => {
    const dir = tempDir();
    for (const path of [await filledWorkbook(dir, { cityOnly: true }), await filledCsv(dir, { cityOnly: true }, 'utf8'), await filledCsv(dir, { cityOnly: true }, 'gbk')]) {
      const { code, result } = await scoreJson([path, '--fail-on', 'never', '--allow-missing']);
      expect(code).toBe(0);
      expect(result.summary.missingErrors).toBeGreaterThan(0);
      // failures aside (--fail-on warning would count them), missing data alone fails the run
      const strict = await runCli(['score', path, '--lang', 'zh', '--no-config']);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain('不能判定为通过');
    }
  });

  it('missing data of an error rule exits 1 by default; --allow-missing, allowMissing and --fail-on never restore 0', async () => {
    const dir = tempDir();
    const city = passingCity(dir);
    const strict = await scoreJson([city]);
    expect(strict.result.summary.fail).toBe(0);
    expect(strict.result.summary.missingErrors).toBeGreaterThan(0);
    expect(strict.result.summary.missing).toBeGreaterThanOrEqual(strict.result.summary.missingErrors);
    expect(strict.code).toBe(1);
    expect((await runCli(['score', city, '--allow-missing', '--no-config'])).code).toBe(0);
    expect((await runCli(['score', city, '--fail-on', 'never', '--no-config'])).code).toBe(0);
    writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify({ allowMissing: true }));
    expect((await runCli(['score', city], { cwd: dir })).code).toBe(0);
    const pretty = await runCli(['score', city, '--lang', 'en', '--no-config']);
    expect(pretty.stdout).toMatch(/missing data: cannot be judged as passing/);
    expect(pretty.stdout).not.toMatch(/all \d+ regions pass/);
    const zh = await runCli(['score', city, '--lang', 'zh', '--no-config']);
    expect(zh.stdout).toContain('缺少数据，不能判定为通过');
    expect(zh.stdout).not.toContain('全部通过');
  });
});

describe('completeness against the division list', () => {
  it('names a deleted county row (冠县 371525) as missing for every rule, in XLSX, UTF-8 CSV and GBK CSV', async () => {
    const dir = tempDir();
    const paths = [await filledWorkbook(dir, { drop: [GUAN] }), await filledCsv(dir, { drop: [GUAN] }, 'utf8'), await filledCsv(dir, { drop: [GUAN] }, 'gbk')];
    for (const path of paths) {
      const { result } = await scoreJson([path, '--lang', 'zh']);
      const file = result.files[0]!;
      expect(file.valid).toBe(true);
      expect(file.warnings).toContainEqual(expect.objectContaining({ code: 'absent-region', message: expect.stringMatching(/冠县 371525/) }));
      const guan = file.findings.filter((f) => f.region.code === GUAN);
      expect(guan.length).toBe(new Set(file.findings.map((f) => f.rule)).size);
      expect(guan.every((f) => f.status === 'missing' && (f as { absent?: boolean }).absent === true && f.region.name === '冠县')).toBe(true);
      expect(guan[0]!.message).toContain('冠县 371525');
      const pretty = await runCli(['score', path, '--lang', 'zh', '--no-config']);
      expect(pretty.code).toBe(1);
      expect(pretty.stdout).toContain('冠县 371525');
    }
  });

  it('places an absent county of a spreadsheet at the empty cell after its data, not at /counties, in every output; a JSON file keeps /counties', async () => {
    const dir = tempDir();
    const rows = [
      ['region_code', 'region_name', 'year', 'preschool_gross_enrolment_rate'],
      [370100, '济南市', 2023, 95],
      [370102, '历下区', 2023, 90],
      [370103, '市中区', 2023, 90],
    ];
    // a formatted row below the data, as a template leaves them, holds no data
    await writeSheetPair(dir, rows, (sheet) => void (sheet.getCell('A9').numFmt = '@'));
    const absent = (message: string) => /槐荫区 370104/.test(message);
    for (const [name, sheet, place] of [['a.csv', 'csv', 'A5'], ['a.xlsx', 'Sheet1', 'Sheet1!A5']] as const) {
      const path = join(dir, name);
      const json = JSON.parse((await runCli(['score', path, '-f', 'json', '--lang', 'en', '--no-config'])).stdout) as ScoreResult;
      const file = json.files[0]!;
      expect(file.warnings.find((w) => w.code === 'absent-region' && absent(w.message))).toMatchObject({ path: '', sheet, cell: 'A5', header: 'region_code' });
      const findings = file.findings.filter((f) => f.region.code === '370104');
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(f.location).toMatchObject({ path: '', sheet, cell: 'A5' });
      expect(validOutput(json)).toBe(true);
      const pretty = (await runCli(['score', path, '--lang', 'en', '--no-config'])).stdout;
      expect(pretty).toMatch(new RegExp(`${sheet === 'csv' ? '' : 'Sheet1 › '}A5 +warning +region_code: the division list places 槐荫区 370104 under 济南市`));
      const validate = (await runCli(['validate', path, '--lang', 'en', '--no-config'])).stdout;
      expect(validate).toMatch(/A5 +warning +region_code: the division list places 槐荫区 370104/);
      const sarif = JSON.parse((await runCli(['score', path, '-f', 'sarif', '--lang', 'en', '--no-config'])).stdout);
      // SARIF carries failures and invalid input only: an absent county is in none of its results
      expect(sarif.runs[0].results.some((r: { message: { text: string } }) => absent(r.message.text))).toBe(false);
      const csv = parseCsv((await runCli(['score', path, '-f', 'csv', '--lang', 'en', '--no-config'])).stdout.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
      const absentRows = csv.filter((r) => r.region_code === '370104');
      expect(absentRows.length).toBeGreaterThan(0);
      expect(absentRows.every((r) => r.location === place)).toBe(true);
      // a county's own rows keep their pointers (/counties/0/…); nothing is placed at /counties itself
      for (const out of [pretty, validate, JSON.stringify(json), JSON.stringify(sarif), JSON.stringify(csv)]) expect(/\/counties(?!\/\d)/.exec(out)?.[0]).toBeUndefined();
    }
    // a JSON file has a /counties to point at, with its line
    const source = JSON.parse(readFileSync('samples/2023/370100.json', 'utf8'));
    source.counties = source.counties.filter((c: Region) => c.region.code !== '370104');
    writeFileSync(join(dir, 'a.json'), JSON.stringify(source, null, 2));
    const file = (JSON.parse((await runCli(['score', join(dir, 'a.json'), '-f', 'json', '--lang', 'en', '--no-config'])).stdout) as ScoreResult).files[0]!;
    expect(file.warnings.find((w) => w.code === 'absent-region')).toMatchObject({ path: '/counties', line: expect.any(Number) });
  });

  it('a county declared absent for the year in the config is not blamed', async () => {
    const dir = tempDir();
    const path = await filledWorkbook(dir, { drop: [GUAN] });
    writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify({ absentDivisions: { '2023': [GUAN] } }));
    const run = await runCli(['score', path, '--format', 'json'], { cwd: dir });
    const file = (JSON.parse(run.stdout) as ScoreResult).files[0]!;
    expect(file.findings.some((f) => f.region.code === GUAN)).toBe(false);
    expect(file.warnings.some((w) => w.code === 'absent-region')).toBe(false);
    writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify({ absentDivisions: { '2023': ['3715'] } }));
    const refused = await runCli(['score', path], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/absentDivisions/);
  });

  it('a county code the list does not know is still accepted with a warning', async () => {
    const dir = tempDir();
    const path = passingCity(dir, [{ code: '370199', name: '新区' }]);
    const { result } = await scoreJson([path]);
    expect(result.files[0]!.valid).toBe(true);
    expect(result.files[0]!.warnings).toContainEqual(expect.objectContaining({ code: 'unknown-region' }));
    expect(result.files[0]!.findings.some((f) => f.region.code === '370199')).toBe(true);
  });
});

describe('partial scoring', () => {
  const typo: [string, string, string] = ['371502', 'super_large_classes', '约3'];
  const inRegion = (file: FileResult, code: string) => file.findings.filter((f) => f.region.code === code);

  it('one bad cell invalidates only the rules reading it: the rest of the city is scored, exit 2 with the cell', async () => {
    const dir = tempDir();
    const good = (await scoreJson([await filledWorkbook(dir, {}, 'good.xlsx')])).result.files[0]!;
    for (const path of [await filledWorkbook(dir, { typo }), await filledCsv(dir, { typo }, 'gbk')]) {
      const { code, result } = await scoreJson([path, '--lang', 'zh']);
      expect(code).toBe(2);
      const file = result.files[0]!;
      expect(file.valid).toBe(false);
      const column = columnLetter(columnOf('super_large_classes') + 3);
      expect(file.errors).toEqual([expect.objectContaining({ path: expect.stringMatching(/\/indicators\/super_large_classes$/), cell: expect.stringMatching(new RegExp(`^${column}\\d+$`)) })]);
      expect(file.findings.length).toBe(good.findings.length);
      const invalid = file.findings.filter((f) => f.status === 'invalid');
      expect(invalid.length).toBeGreaterThan(0);
      for (const finding of invalid) {
        expect(finding.region.code).toBe('371502');
        expect((finding as { invalid?: string[] }).invalid).toEqual(['super_large_classes']);
        expect(finding.evidence.some((e) => e.indicator === 'super_large_classes')).toBe(true);
        expect(finding.location).toMatchObject({ cell: file.errors[0]!.cell });
        expect(finding.message).toContain('数据无效');
      }
      expect(result.summary.invalidFindings).toBe(invalid.length);
      // every other finding is what the correct workbook gives
      const strip = (f: FileResult['findings'][number]) => `${f.rule}|${f.region.code}|${f.status}`;
      const others = file.findings.filter((f) => f.status !== 'invalid').map(strip);
      const expected = good.findings.filter((f) => !invalid.some((i) => i.rule === f.rule && i.region.code === f.region.code)).map(strip);
      expect(others).toEqual(expected);
      expect(inRegion(file, '371500').every((f) => f.status !== 'invalid')).toBe(true);
    }
  });

  it('every format accepts the invalid status and shows where the bad value is', async () => {
    const dir = tempDir();
    const path = await filledWorkbook(dir, { typo });
    const pretty = await runCli(['score', path, '--lang', 'zh', '--no-config']);
    expect(pretty.stdout).toMatch(/数据无效.*@ 指标数据 › [A-Z]+3/);
    expect(pretty.stdout).toMatch(/东昌府区|371502/);
    for (const format of ['ndjson', 'github', 'sarif', 'junit', 'csv', 'markdown']) {
      const run = await runCli(['score', path, '--format', format, '--lang', 'en', '--no-config']);
      expect(run.code, format).toBe(2);
      expect(run.stdout.length, format).toBeGreaterThan(0);
    }
    expect((await runCli(['score', path, '--format', 'junit', '--no-config'])).stdout).toContain('type="invalid-data"');
    const csv = (await runCli(['score', path, '--format', 'csv', '--lang', 'en', '--no-config'])).stdout;
    expect(csv).toMatch(/,371502,[^,\n]*,county,development\.no-super-large-classes,[^\n]*,invalid,[^\n]*,[^,\n]*![A-Z]+3\r?\n/);
    expect(csv).toMatch(/,371502,[^,\n]*,county,[a-z.-]+,[^\n]*,pass,/);
    expect(JSON.parse((await runCli(['score', path, '--format', 'sarif', '--no-config'])).stdout).runs[0].results.some((r: { message: { text: string } }) => /数据无效/.test(r.message.text))).toBe(true);
  });

  it('a bad value in a JSON file is partial too, located by line and column', async () => {
    const dir = tempDir();
    const file = structuredClone(sample);
    file.counties[0].indicators.preschool_gross_enrolment_rate = '约90';
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(file, null, 2));
    const { code, result } = await scoreJson([path]);
    expect(code).toBe(2);
    const invalid = result.files[0]!.findings.filter((f) => f.status === 'invalid');
    expect(invalid.map((f) => f.rule)).toContain('development.preschool-gross-enrolment');
    expect(invalid[0]!.location).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(result.files[0]!.findings.filter((f) => f.status === 'fail').length).toBeGreaterThan(0);
  });
});

describe('one region, one result', () => {
  it('a second submission for the same region is invalid, names both files and is not counted again', async () => {
    const dir = tempDir();
    const first = join(dir, 'a.json');
    const second = join(dir, 'b.json');
    writeFileSync(first, readFileSync(SAMPLE));
    writeFileSync(second, readFileSync(SAMPLE));
    const xlsx = await filledWorkbook(dir, {}, 'c.xlsx');
    const once = (await scoreJson([first])).result.summary;
    const { code, result } = await scoreJson([first, second, xlsx]);
    expect(code).toBe(2);
    expect(result.summary.regions).toBe(once.regions);
    expect(result.summary.findings).toBe(once.findings);
    expect(result.summary.fail).toBe(once.fail);
    for (const file of result.files.slice(1)) {
      expect(file.valid).toBe(false);
      expect(file.findings).toEqual([]);
      expect(file.errors[0]).toMatchObject({ code: 'duplicate-region', message: expect.stringContaining(first) });
    }
    const pretty = await runCli(['score', first, second, '--lang', 'zh', '--no-config']);
    expect(pretty.stdout).toContain(first);
    expect(pretty.stdout).toContain(second);
    expect(pretty.stdout).toContain('已由');
  });

  it('a city block pasted twice into one sheet is an error at the repeated rows, never merged silently', async () => {
    const dir = tempDir();
    const path = await filledCsv(dir, {}, 'gbk');
    const text = iconv.decode(readFileSync(path), 'gbk');
    const [header, note, ...rows] = text.trimEnd().split('\n');
    writeFileSync(path, iconv.encode([header, note, ...rows, ...rows].join('\n') + '\n', 'gbk'));
    const { code, result } = await scoreJson([path, '--lang', 'en']);
    expect(code).toBe(2);
    const file = result.files[0]!;
    expect(file.valid).toBe(false);
    expect(file.errors).toContainEqual(expect.objectContaining({ code: 'duplicate-region', cell: `A${rows.length + 3}`, message: expect.stringContaining('371500') }));
    expect(file.findings).toEqual([]);
  });

  it('the report ranks and tabulates the region once', async () => {
    const dir = tempDir();
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.json`), readFileSync(SAMPLE));
    const run = await runCli(['report', dir, '--format', 'json', '--no-config']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { cities: { code: string }[]; feedback: { code: string }[]; scope: unknown };
    expect(report.cities.filter((c) => c.code === '371500')).toHaveLength(1);
    expect(report.feedback.filter((f) => f.code === '371500')).toHaveLength(1);
    expect(report.scope).toMatchObject({ files: 3, cities: 1 });
    expect(run.stderr).toContain('b.json');
  });
});

describe('property: a gap never turns a failing run into a passing one', () => {
  const divisions = loadShandongRegions().regions;
  const cities = divisions.filter((r) => r.level === 'city').map((city) => ({ region: { code: city.code, name: city.name }, counties: divisions.filter((r) => r.level === 'county' && r.city === city.code).map((r) => ({ code: r.code, name: r.name })) }));
  const scorer = scorerFor();
  const exitOf = async (file: unknown) => {
    const result = await scorer.scoreBytes('city.json', Buffer.from(JSON.stringify(file)));
    return exitCodeFor(buildScoreResult('0', newest, [result]), 'error');
  };
  const gap = fc.oneof(
    fc.record({ kind: fc.constant('delete-county' as const), at: fc.nat() }),
    fc.record({ kind: fc.constantFrom('blank' as const, 'null' as const), at: fc.nat(), indicator: fc.nat() }),
  );

  it('deleting a county or blanking a value never turns a non-zero exit code into 0', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: cities.length - 1 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(0, 0.02, 0.1),
        fc.constantFrom(0, 0.05),
        fc.array(gap, { minLength: 1, maxLength: 4 }),
        async (cityIndex, seed, failRate, missingRate, gaps) => {
          const [file] = generateProvince([cities[cityIndex]!], { seed, year: 2023, failRate, missingRate });
          const before = await exitOf(file);
          const changed = structuredClone(file!) as unknown as { indicators: Record<string, unknown>; counties: Region[] };
          let deleted = false;
          for (const step of gaps) {
            const regions = [{ indicators: changed.indicators }, ...changed.counties];
            if (step.kind === 'delete-county') {
              if (changed.counties.length === 0) continue;
              changed.counties.splice(step.at % changed.counties.length, 1);
              deleted = true;
              continue;
            }
            const target = regions[step.at % regions.length]!.indicators;
            const ids = Object.keys(target);
            if (ids.length === 0) continue;
            const id = ids[step.indicator % ids.length]!;
            if (step.kind === 'blank') delete target[id];
            else target[id] = null;
          }
          const after = await exitOf(changed);
          if (before !== 0) expect(after).not.toBe(0);
          // a county the division list names is never silently dropped
          if (deleted) expect(after).not.toBe(0);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});
