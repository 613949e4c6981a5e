import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/**
 * One language at a time: every command's output, error paths included, rendered in zh holds no English word
 * outside ids, file names, codes and the names on the allow-list; rendered in en it holds no Chinese outside
 * names (regions, sheets, policy documents, the reports' quoted words).
 */
const SAMPLE = 'samples/2023/370100.json';
const RULE = 'development.preschool-gross-enrolment';

/** Words that are names in either language: formats, standards, products, the tool. */
const NAMES = new Set(['eduduty', 'JSON', 'YAML', 'CSV', 'XLSX', 'SARIF', 'JUnit', 'HTML', 'Markdown', 'GitHub', 'GB', 'GBK', 'UTF', 'BOM', 'Excel', 'WPS', 'ID', 'id', 'T', 'pp']);
/** Format and option values the user types, shown as they are typed. */
const TYPED = new Set([
  // formats and option values
  ...['pretty', 'json', 'ndjson', 'yaml', 'csv', 'xlsx', 'sarif', 'junit', 'html', 'markdown', 'github', 'zh', 'en', 'error', 'warning', 'never', 'thin', 'full', 'annotated', 'true', 'false', 'null'],
  // commands, their placeholders, option names as yargs prints them, environment variables, config keys and file columns
  ...['score', 'validate', 'report', 'explain', 'rules', 'template', 'indicators', 'serve', 'check', 'test', 'paths', 'ruleId', 'dir', 'FILE', 'DIR', 'FORMAT', 'name', 'format', 'LANG'],
  ...['allowMissing', 'absentDivisions', 'confirm', 'thresholds', 'profile', 'current', 'previous', 'year'],
  // the misspelt key the broken config below gives: the user's own text, quoted back
  'profle',
  // the keys of a rule file, named where it is wrong
  'event',
  'meta',
]);

/** English words of a text, leaving out code spans, ids, paths, options and names. */
export function englishWords(text: string): string[] {
  const plain = text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/“[^”\n]*”/g, (quoted) => (/^“[\x20-\x7e]*”$/.test(quoted) ? ' ' : quoted)); // a quoted value the user gave
  const found: string[] = [];
  for (const token of plain.split(/[\s，。；：、（）()「」《》【】\[\]{}<>|,;:"'!?]+/)) {
    if (!/[A-Za-z]{2,}/.test(token)) continue;
    if (/[._/\\0-9=@#$+*-]/.test(token)) continue; // ids, file names, codes, options, units like m²
    for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) if (!NAMES.has(word) && !TYPED.has(word)) found.push(word);
  }
  return found;
}

async function zh(args: string[], options: { cwd?: string; stdin?: string } = {}): Promise<string> {
  const run = await runCli([...args, '--lang', 'zh', '--no-color'], options);
  return run.stdout + run.stderr;
}

function cellsOf(book: ExcelJS.Workbook): string {
  const texts: string[] = [];
  for (const sheet of book.worksheets) {
    texts.push(sheet.name);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        texts.push(String(cell.text ?? ''));
        if (cell.note) texts.push(typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note));
      }),
    );
  }
  return texts.join('\n');
}

describe('zh output holds no English beyond ids, names and codes', () => {
  const commands: [string, string[]][] = [
    ['help', ['--help']],
    ['score help', ['score', '--help']],
    ['report help', ['report', '--help']],
    ['rules help', ['rules', '--help']],
    ['template help', ['template', '--help']],
    ['score pretty', ['score', SAMPLE, '--verbose']],
    ['score markdown', ['score', SAMPLE, '-f', 'markdown']],
    ['score csv', ['score', SAMPLE, '-f', 'csv']],
    ['validate', ['validate', SAMPLE]],
    ['validate broken', ['validate', 'test/fixtures/cli/broken.json', 'test/fixtures/cli/syntax.json']],
    ['report', ['report', 'samples/']],
    ['explain', ['explain', RULE]],
    ['explain trace', ['explain', 'funding.two-only-increases', '--file', SAMPLE, '--region', '370112']],
    ['rules', ['rules']],
    ['rules provisional', ['rules', '--provisional']],
    ['rules check', ['rules', 'check', 'samples/config/province-rules/']],
    ['rules test', ['rules', 'test', 'samples/config/province-rules/']],
    ['indicators', ['indicators']],
    ['template csv', ['template', '-f', 'csv', '--region', '371500']],
    ['unknown command', ['scor', SAMPLE]],
    ['unknown option', ['score', SAMPLE, '--formt', 'json']],
    ['missing file', ['score', 'nowhere.json']],
    ['unknown rule', ['explain', 'funding.two-increases']],
    ['unsupported format', ['validate', SAMPLE, '-f', 'sarif']],
    ['bad size', ['score', SAMPLE, '--max-file-size', '0']],
    ['unknown city', ['template', '--region', '379900']],
  ];
  it.each(commands)('%s', async (_name, args) => {
    expect(englishWords(await zh(args))).toEqual([]);
  });

  it('a template in YAML: its comments and instructions', async () => {
    const yaml = await zh(['template', '-f', 'yaml', '--region', '371500']);
    const comments = yaml.split('\n').flatMap((line) => line.match(/#.*$/) ?? []);
    expect(englishWords(comments.join('\n') + '\n' + (yaml.match(/x-template: .*/)?.[0].slice(12) ?? ''))).toEqual([]);
  });

  it('a broken config and a broken rule folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify({ profle: 'shandong-2023', thresholds: { 'development.preschool-gross-enrolment': { T: 'x' } } }));
    expect(englishWords(await zh(['score', join(process.cwd(), SAMPLE)], { cwd: dir }))).toEqual([]);
    const rules = join(dir, 'rules', 'quality');
    mkdirSync(rules, { recursive: true });
    writeFileSync(join(rules, 'broken.json'), '{ "name": "quality.broken", "conditions": { "all": [ { "fact": "nothing", "operator": "matches", "value": 1 } ] } }');
    expect(englishWords(await zh(['rules', 'check', join(dir, 'rules')]))).toEqual([]);
  });

  it('spreadsheets: the findings export and the template', async () => {
    const dir = tempDir();
    await runCli(['score', SAMPLE, '-o', `xlsx=${join(dir, 'f.xlsx')}`, '--lang', 'zh']);
    await runCli(['template', '--region', '371500', '-o', join(dir, 't.xlsx'), '--lang', 'zh']);
    for (const name of ['f.xlsx', 't.xlsx']) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(dir, name));
      expect(englishWords(cellsOf(book)), name).toEqual([]);
    }
  });
});

describe('en output holds no Chinese beyond names', () => {
  const chinese = (text: string) => text.match(/[\u4e00-\u9fff]+/g) ?? [];
  it.each([
    ['help', ['--help']],
    ['rules check', ['rules', 'check', 'samples/config/province-rules/']],
    ['rules test', ['rules', 'test', 'samples/config/province-rules/']],
    ['unknown option', ['score', SAMPLE, '--formt', 'json']],
    ['missing file', ['score', 'nowhere.json']],
    ['unsupported format', ['validate', SAMPLE, '-f', 'sarif']],
  ])('%s', async (_name, args) => {
    const run = await runCli([...args as string[], '--lang', 'en', '--no-color']);
    expect(chinese(run.stdout + run.stderr)).toEqual([]);
  });

  it('the findings of a file speak English but for the names of regions and policy documents', async () => {
    const run = await runCli(['score', SAMPLE, '--lang', 'en', '--no-color', '--verbose']);
    const names = new Set<string>();
    const json = JSON.parse((await runCli(['score', SAMPLE, '--lang', 'en', '-f', 'json', '--detail', 'full'])).stdout);
    for (const f of json.files[0].findings) {
      names.add(f.region.name);
      for (const part of chinese(f.source)) names.add(part);
    }
    for (const part of chinese(json.files[0].region.name)) names.add(part);
    // the Chinese names of programmes and levies the English indicator names give beside their translation
    const catalogue = JSON.parse((await runCli(['indicators', '--format', 'json'])).stdout).indicators as { name: { en: string } }[];
    for (const indicator of catalogue) for (const part of chinese(indicator.name.en)) names.add(part);
    const left = chinese(run.stdout).filter((word) => ![...names].some((name) => name.includes(word)));
    expect(left).toEqual([]);
  });
});
