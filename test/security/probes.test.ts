import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const LATIN = /[A-Za-z]{4,}/;

async function scoreOne(dir: string, name: string, text: string, lang: 'zh' | 'en' = 'zh') {
  const path = join(dir, name);
  writeFileSync(path, text);
  return runCli(['score', path, '--lang', lang, '--no-config', '--no-color']);
}

describe('hostile text inputs are refused by their budget, in the chosen language', () => {
  it('a region name of 20 million characters is refused by the length check, not a stack overflow', async () => {
    const dir = tempDir('eduduty-probe-');
    const run = await scoreOne(dir, 'long.json', JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: 'a'.repeat(20_000_000) }, indicators: {} }));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('/region/name');
    expect(run.stdout).not.toMatch(/call stack|内部错误/);
  });

  it('YAML nested 100,000 deep, in flow or block style, is over the nesting budget', async () => {
    const dir = tempDir('eduduty-probe-');
    const block = 'x-a:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}a${i}:\n`).join('');
    for (const [name, text] of [['flow.yaml', `x-a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`], ['block.yaml', block]] as const) {
      const run = await scoreOne(dir, name, text);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('超过嵌套上限');
      expect(run.stdout).not.toMatch(/call stack/);
    }
  });

  it('YAML syntax errors, tags and alias problems are told in Chinese under --lang zh', async () => {
    const dir = tempDir('eduduty-probe-');
    const cases = {
      'indent.yaml': 'schemaVersion: 1\nyear: 2023\n  region: x\n',
      'flow.yaml': 'a: [1, 2\n',
      'tag.yaml': 'a: !!js/function "x"\n',
      'alias.yaml': 'a: *nope\n',
      'tab.yaml': 'a:\n\t- 1\n',
      'aliases.yaml': 'a: &a [1]\n' + Array.from({ length: 150 }, (_, i) => `b${i}: *a\n`).join(''),
    };
    for (const [name, text] of Object.entries(cases)) {
      const zh = await scoreOne(dir, name, text);
      expect(zh.code, name).toBe(2);
      const problems = zh.stdout.split('\n').filter((line) => line.includes('YAML'));
      expect(problems.length, name).toBeGreaterThan(0);
      for (const line of problems) expect(line.replace(/YAML/g, '').replace(name, ''), name).not.toMatch(LATIN);
      const en = await scoreOne(dir, name, text, 'en');
      expect(en.stdout, name).toMatch(/YAML (syntax )?error: [a-z]/);
    }
  });
});

describe('a file the user did not mean to give is not quoted', () => {
  it('a YAML link to /etc/passwd is refused without showing its text', async () => {
    const dir = tempDir('eduduty-probe-');
    const run = await scoreOne(dir, 'secret.yaml', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('纯文本');
    expect(run.stdout).not.toMatch(/root:x|daemon/);
  });
});

describe('bidirectional marks never reach a rendered output', () => {
  it('a county named with U+202E is shown without it in Markdown, GitHub annotations and the HTML report', async () => {
    const dir = tempDir('eduduty-probe-');
    const path = join(dir, 'bidi.json');
    const indicators = { preschool_gross_enrolment_rate: 50 };
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators, counties: [{ region: { code: '370102', name: '\u202E\u2066区下历' }, indicators }] }));
    for (const format of ['markdown', 'github', 'pretty']) {
      const run = await runCli(['score', path, '-f', format, '--no-config']);
      expect(run.stdout, format).toContain('区下历');
      expect(run.stdout, format).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
    const report = await runCli(['report', path, '-f', 'html', '--no-config']);
    expect(report.stdout).toContain('区下历');
    expect(report.stdout).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('config errors speak the run language, once each', () => {
  it('a bad record key is named as a rule id or a year, and a bad date is said once', async () => {
    const dir = tempDir('eduduty-probe-');
    const data = join(dir, 'city.json');
    writeFileSync(data, JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators: { preschool_gross_enrolment_rate: 95 } }));
    const waiver = { rule: 'development.vocational-school-conditions', regions: ['371500'], reason: 'x', owner: 'y', expires: '2024-1-5' };
    const cases: [object, RegExp][] = [
      [{ thresholds: { '<<': { T: 1 } } }, /thresholds\.<<：应为规则 id/],
      [{ absentDivisions: { x23: ['371525'] } }, /absentDivisions\.x23：应为四位年份/],
      [{ waivers: [waiver] }, /^[^;]*应为日期 YYYY-MM-DD\s*$/],
    ];
    for (const [config, expected] of cases) {
      const path = join(dir, 'eduduty.config.json');
      writeFileSync(path, JSON.stringify(config));
      const run = await runCli(['score', data, '-c', path, '--lang', 'zh']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
      expect(run.stderr).not.toMatch(/record|key\)/);
    }
  });
});

describe('rule folders are refused in the run language, by the rule budget', () => {
  const base = JSON.parse(readFileSync('rules/teachers/certified-teachers.json', 'utf8'));

  it('30,000 nested `not` is over the rule nesting budget, not "not an indicator file"', async () => {
    const dir = tempDir('eduduty-probe-');
    let condition = JSON.stringify({ fact: 'compulsory_teacher_certification_rate', operator: 'equal', value: 100 });
    for (let i = 0; i < 30_000; i++) condition = `{"not":${condition}}`;
    writeFileSync(join(dir, 'deep.json'), JSON.stringify({ ...base, name: 'teachers.deep', conditions: 'HERE' }).replace('"HERE"', `{"all":[${condition}]}`));
    const run = await runCli(['rules', 'check', dir, '--lang', 'zh']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('嵌套超过 48 层');
    expect(run.stdout).not.toContain('指标文件');
  });

  it('a rule with a foreign operator, a wrong name and a JSONPath is described in Chinese', async () => {
    const dir = tempDir('eduduty-probe-');
    const rule = structuredClone(base);
    rule.conditions.all[0].operator = 'regex';
    rule.conditions.all[0].path = '$..constructor';
    writeFileSync(join(dir, 'op.json'), JSON.stringify(rule));
    const zh = await runCli(['rules', 'check', dir, '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('不允许的运算符“regex”');
    expect(zh.stdout).toContain('与其类别和文件名不符');
    expect(zh.stdout).toContain('不能带 path');
    expect(zh.stdout).not.toMatch(/is not allowed|does not match|takes no path/);
    const en = await runCli(['rules', 'check', dir, '--lang', 'en']);
    expect(en.stdout).toContain('operator "regex" is not allowed');
  });
});

describe('unreadable tables are described in the run language', () => {
  it('a broken CSV quote names its line, a damaged workbook says so, without the parsers\' English', async () => {
    const dir = tempDir('eduduty-probe-');
    const csv = await scoreOne(dir, 'quote.csv', 'region_code,region_name,year\n370100,"济南,2023\n');
    expect(csv.code).toBe(2);
    expect(csv.stdout).toContain('第 2 行有未闭合的引号');
    const damaged = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]);
    writeFileSync(join(dir, 'cut.xlsx'), damaged);
    const xlsx = await runCli(['score', join(dir, 'cut.xlsx'), '--lang', 'zh', '--no-config']);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stdout).toContain('文件已损坏');
    for (const run of [csv, xlsx]) expect(run.stdout.replace(/\S*\.(csv|xlsx)/g, '').replace(/CSV|XLSX|Excel|WPS|XML/g, '')).not.toMatch(LATIN);
  });
});

describe('the annotated workbook summary', () => {
  it('counts one bad cell once and names the region of its row', async () => {
    const dir = tempDir('eduduty-probe-');
    const template = join(dir, 't.xlsx');
    expect((await runCli(['template', '--region', '371500', '-o', template])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.getWorksheet('指标数据')!;
    const header = sheet.getRow(1).values as unknown[];
    const column = header.findIndex((h) => typeof h === 'string' && h.startsWith('学前三年毛入园率'));
    sheet.eachRow((row, n) => {
      if (n > 1 && /^\d{6}$/.test(String(row.getCell(1).value))) row.getCell(column).value = 95;
    });
    const bad = sheet.getRow(3);
    bad.getCell(column).value = '约3';
    const region = String(bad.getCell(2).value);
    const path = join(dir, 'book.xlsx');
    await book.xlsx.writeFile(path);
    const out = join(dir, 'book.checked.xlsx');
    expect((await runCli(['score', path, '-o', `annotated=${out}`, '--lang', 'zh', '--no-config'])).code).toBe(2);
    const checked = new ExcelJS.Workbook();
    await checked.xlsx.readFile(out);
    const summary = checked.worksheets[0]!;
    expect(String(summary.getCell('A2').value)).toContain('无效单元格 1 个');
    const rows: unknown[][] = [];
    summary.eachRow((row) => rows.push(row.values as unknown[]));
    const invalidInput = rows.find((r) => r[2] === 'eduduty.invalid-input')!;
    expect(String(invalidInput[4])).toContain(region);
  });
});

describe('messages on stderr cannot be given forged lines', () => {
  it('a file name or key with line breaks stays on its message line, while lists keep their lines', async () => {
    const dir = tempDir('eduduty-probe-');
    const data = join(dir, 'city.json');
    writeFileSync(data, JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators: { 'bad\n# All checks passed': 1 } }));
    const forged = /^# /m;
    const runs = [
      await runCli(['score', data, '-o', `json=${join(dir, 'none\n# forged', 'x.json')}`, '--no-config']),
      await runCli(['score', data, '-c', join(dir, 'none\n# forged.json')]),
      await runCli(['explain', 'teachers.rotation', '--file', data, '--region', '370100', '--no-config']),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(forged);
    }
    const usage = await runCli(['score', data, '--bogus', '--nope', '--no-config']);
    expect(usage.stderr.trim().split('\n')).toHaveLength(3);
  });
});

describe('a huge cell is quoted by its start', () => {
  it('a CSV region name or code of millions of characters costs a few hundred bytes of output', async () => {
    const dir = tempDir('eduduty-probe-');
    const name = await scoreOne(dir, 'name.csv', `region_code,region_name,year,学前三年毛入园率\n370100,"${'a'.repeat(3_000_000)}",2023,95\n`);
    const code = await scoreOne(dir, 'code.csv', `region_code,region_name,year\n"${'""'.repeat(1_000_000)}",济南市,2023\n`);
    for (const run of [name, code]) {
      expect(run.code).toBe(2);
      expect(run.stdout.length).toBeLessThan(2_000);
      expect(run.stdout).toContain('…');
    }
    const json = await runCli(['score', join(dir, 'name.csv'), '-f', 'json', '--no-config']);
    expect(json.stdout.length).toBeLessThan(4_000);
  });
});

describe('school rosters', () => {
  const roster = JSON.parse(readFileSync('samples/rosters/370100-schools.json', 'utf8'));
  const city = 'samples/2023/370100.json';

  it('refuse a prototype key even under an x- extension, and say a name holds control characters in words', async () => {
    const dir = tempDir('eduduty-probe-');
    const proto = join(dir, 'proto.json');
    writeFileSync(proto, JSON.stringify(roster).slice(0, -1) + ',"x-y":{"__proto__":{"a":1}}}');
    const refused = await runCli(['score', city, '--schools', proto, '--lang', 'zh', '--no-config']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('__proto__');
    const broken = structuredClone(roster);
    broken.schools[1].name = 'a\n# Forged';
    const named = join(dir, 'named.json');
    writeFileSync(named, JSON.stringify(broken));
    const run = await runCli(['score', city, '--schools', named, '--lang', 'zh', '--no-config']);
    expect(run.stdout).toContain('含有控制字符');
    expect(run.stdout).not.toContain('\\u0000');
  });

  it('a county figure the roster contradicts is warned about in Chinese', async () => {
    const run = await runCli(['score', city, '--schools', 'samples/rosters/370100-schools.json', '--lang', 'zh', '--no-config']);
    expect(run.stdout).toContain('而学校名册计算得');
    expect(run.stdout).not.toMatch(/roster computes|gives /);
  });
});

describe('nesting past the JSON pre-check in settings and rosters', () => {
  it('is named as the nesting budget, never as "not an indicator file"', async () => {
    const dir = tempDir('eduduty-probe-');
    const deep = `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const name of ['eduduty.config.json', 'roster.json']) writeFileSync(join(dir, name), deep);
    const city = 'samples/2023/370100.json';
    const config = await runCli(['score', city, '-c', join(dir, 'eduduty.config.json'), '--lang', 'zh']);
    const roster = await runCli(['score', city, '--schools', join(dir, 'roster.json'), '--lang', 'zh', '--no-config']);
    for (const run of [config, roster]) {
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).toContain('超过嵌套上限');
      expect(run.stdout + run.stderr).not.toContain('不是指标文件');
    }
  });
});

describe('standard input', () => {
  it('a workbook or CSV table piped in is read as one, not as broken YAML', async () => {
    const dir = tempDir('eduduty-probe-');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('指标数据');
    sheet.addRow(['region_code', 'region_name', 'year', '学前三年毛入园率']);
    sheet.addRow([370100, '济南市', 2023, 95]);
    const path = join(dir, 'city.xlsx');
    await book.xlsx.writeFile(path);
    const workbook = await runCli(['score', '-', '--lang', 'zh', '--no-config', '-f', 'json'], { stdinBytes: readFileSync(path) });
    const csv = await runCli(['score', '-', '--lang', 'zh', '--no-config', '-f', 'json'], { stdin: '\uFEFFregion_code,region_name,year,学前三年毛入园率\n370100,济南市,2023,95\n' });
    for (const run of [workbook, csv]) {
      const file = JSON.parse(run.stdout).files[0];
      expect(file.errors).toEqual([]);
      expect(file.region).toEqual({ code: '370100', name: '济南市' });
      expect(file.findings.length).toBeGreaterThan(0);
    }
  });
});
