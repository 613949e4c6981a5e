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

  it('writes the aggregate model as JSON: sections → problems → rule, level, quantifier, noun, regions, counts', async () => {
    const report = JSON.parse((await runCli(['report', NOW, '--format', 'json'])).stdout);
    expect(report.sections.map((c: { category: string }) => c.category)).toEqual(['reform', 'funding', 'development', 'teachers', 'safety', 'quality']);
    const problem = report.sections[2].problems[0];
    expect(problem).toMatchObject({ rule: 'development.preschool-gross-enrolment', level: 'county', quantifier: 'some', noun: 'region', failing: ['370112', '370113'], assessed: 6, missing: 1 });
    expect(report.praise.find((p: { rule: string }) => p.rule === 'funding.two-only-increases')).toMatchObject({ quantifier: { city: 'all', county: 'majority' } });
    expect(report.feedback.map((c: { code: string }) => c.code)).toEqual(['370100', '370200']);
    expect(report.rectification).toBeUndefined();
  });

  it('follows the 2020 report with --profile shandong-2020: its headings, its five sections in its order, 有关要求', async () => {
    const md = (await runCli(['report', NOW, '--profile', 'shandong-2020'])).stdout;
    expect(md).toContain('## 一、主要成绩和成效');
    expect(md).toContain('## 三、有关要求');
    expect(md).not.toContain('整改意见');
    const sections = [...md.matchAll(/^### （.）(.+)$/gm)].map((m) => m[1]);
    expect(sections.slice(0, 5)).toEqual(['各类教育资源需进一步扩充优化', '教育投入政策尚未完全落实到位', '教师队伍管理有待进一步加强', '部分学校安全存在薄弱环节', '办学行为尚需持续规范']);
    expect(md).toMatch(/一是个别县未实现一般公共预算教育支出/);
  });

  it('writes 逐市反馈 to its own file with --feedback, and names regions in the body only with --names', async () => {
    const dir = tempDir('eduduty-feedback-');
    const out = join(dir, 'feedback.md');
    const run = await runCli(['report', NOW, '--feedback', out]);
    expect(run.stdout).not.toContain('逐市反馈');
    const feedback = readFileSync(out, 'utf8');
    expect(feedback).toContain('## 附件 逐市反馈');
    expect(feedback).toMatch(/\| 青岛市市南区 \| 未实现“两个只增不减”：.*\| `funding\.two-only-increases` \|/);
    const body = (await runCli(['report', NOW])).stdout.split('\n---\n')[0]!;
    expect(body).not.toContain('历城区');
    expect((await runCli(['report', NOW, '--names'])).stdout.split('\n---\n')[0]).toContain('部分县学前三年毛入园率低于90%（济南市历城区、济南市长清区）');
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
    expect(html).toContain('职业院校办学条件未达到标准');
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
    expect(run.stdout).toMatch(/另有1个文件未通过校验，未纳入评价/);
  });

  it('writes no report when no file is valid, and says why', async () => {
    const dir = tempDir('eduduty-report-');
    const out = join(dir, 'report.html');
    const run = await runCli(['report', 'test/fixtures/cli/broken.json', '-f', 'html', '-o', out, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.json:6:39: .*\(left out of the report\)/);
    expect(run.stderr).toContain('no valid file to report on: no report was written');
    expect(run.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a bad quantifier scale with the file and key named', async () => {
    const run = await runCli(['report', NOW, '--quantifiers', 'test/fixtures/report/bad-scale.json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad-scale\.json: not a quantifier scale .*majorty/);
  });
});
