import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { expectGolden, runCli } from '../support/cli.js';

const NOW = 'test/fixtures/report/2023';
const BEFORE = 'test/fixtures/report/2022';

describe('eduduty report', () => {
  it('writes the Markdown report in Chinese by default (golden)', async () => {
    const run = await runCli(['report', NOW, '--previous', BEFORE]);
    expect(run.code).toBe(0);
    expectGolden('report.zh.md', run.stdout);
  });

  it('writes it in English (golden)', async () => {
    expectGolden('report.en.md', (await runCli(['report', NOW, '--previous', BEFORE, '--lang', 'en'])).stdout);
  });

  it('writes the aggregate model as JSON: categories → problems → rule, level, quantifier, regions, counts', async () => {
    const report = JSON.parse((await runCli(['report', NOW, '--format', 'json'])).stdout);
    expect(report.categories.map((c: { category: string }) => c.category)).toEqual(['reform', 'funding', 'development', 'teachers', 'safety', 'quality']);
    const problem = report.categories[2].problems[0];
    expect(problem).toMatchObject({ rule: 'development.preschool-gross-enrolment', level: 'county', quantifier: 'some', failing: ['370112', '370113'], assessed: 6, missing: 1 });
    expect(report.praise.find((p: { rule: string }) => p.rule === 'funding.two-only-increases')).toMatchObject({ quantifier: { city: 'all', county: 'majority' } });
    expect(report.praise.map((p: { category: string }) => p.category)).toEqual(['funding', 'development']);
    expect(report.rectification).toBeUndefined();
  });

  it('writes a self-contained HTML file with -o: inline SVG charts, no script, nothing fetched', async () => {
    const dir = tempDir('eduduty-report-');
    const out = join(dir, 'report.html');
    const run = await runCli(['report', 'samples/', '--format', 'html', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('中职学校办学条件需进一步改善');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('escapes region names in HTML and Markdown', async () => {
    const file = '{"schemaVersion":1,"year":2023,"region":{"code":"370100","name":"<b>济南</b>*市*"},"indicators":{"super_large_classes":2}}';
    const html = (await runCli(['report', '-', '-f', 'html'], { stdin: file })).stdout;
    expect(html).toContain('&lt;b&gt;济南&lt;/b&gt;*市*');
    expect(html).not.toContain('<b>济南</b>');
    const md = (await runCli(['report', '-'], { stdin: file })).stdout;
    expect(md).toContain('\\<b\\>济南\\</b\\>\\*市\\*');
  });

  it('leaves invalid files out, says so on stderr and in the report, and exits 2', async () => {
    const run = await runCli(['report', NOW, 'test/fixtures/cli/broken.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json:6:39：\/indicators\/preschool_gross_enrolment_rate: 应为.*数值.*（未纳入报告）/);
    expect(run.stdout).toMatch(/另有 1 个文件未通过校验，未纳入评价/);
  });

  it('refuses a bad quantifier scale with the file and key named', async () => {
    const run = await runCli(['report', NOW, '--quantifiers', 'test/fixtures/report/bad-scale.json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-scale\.json: not a quantifier scale .*majorty/);
  });
});
