import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ruleSet } from '../support/context.js';

const SMALL = resolve('test/fixtures/cli/370100-small.json');
const PRIVATE_SHARE = 'reform.private-compulsory-share';

function project(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'eduduty-provisional-'));
  writeFileSync(join(dir, 'eduduty.config.json'), JSON.stringify(config));
  return dir;
}

type Json = { files: { findings: { rule: string; region: { code: string }; status: string; provisional?: boolean }[] }[] };
const finding = (json: Json, rule: string, code: string) => json.files[0]!.findings.find((f) => f.rule === rule && f.region.code === code)!;

describe('provisional thresholds', () => {
  it('rules --provisional lists exactly the rules whose threshold is provisional, each marked, in zh and en', async () => {
    const provisional = ruleSet.rules.filter((r) => r.meta.provisional).map((r) => r.id);
    const json = JSON.parse((await runCli(['rules', '--provisional', '--format', 'json'])).stdout);
    expect(json.rules.map((r: { id: string }) => r.id).sort()).toEqual([...provisional].sort());
    expect(json.rules.every((r: { provisional: boolean }) => r.provisional)).toBe(true);
    const zh = (await runCli(['rules', '--provisional', '--lang', 'zh'])).stdout;
    expect(zh.match(/（暂定）/g)).toHaveLength(provisional.length);
    expect(zh).not.toMatch(/provisional/);
    const en = (await runCli(['rules', '--provisional', '--lang', 'en'])).stdout;
    expect(en.match(/\(provisional\)/g)).toHaveLength(provisional.length);
    expect(en).not.toMatch(/two-only-increases/);
  });

  it('explain says plainly in zh and en when a threshold is provisional, and shows the source documents’ words', async () => {
    const zh = (await runCli(['explain', 'development.place-shortfall', '--lang', 'zh'])).stdout;
    expect(zh).toMatch(/阈值暂定：该数值未见于评价报告等依据文件/);
    expect(zh).toMatch(/原文：\n {2}2020年报告 二\(一\)二：多数市、县中小学建设与需求矛盾依然突出/);
    expect(zh).toMatch(/另有 1 条原文为英文机器翻译/);
    expect(zh.replace(/[a-z]+\.[a-z-]+|shandong-\d{4}|\bT\d?\b|confirm|thresholds|--lang en/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    const en = (await runCli(['explain', 'development.place-shortfall', '--lang', 'en'])).stdout;
    expect(en).toMatch(/Provisional threshold: the number is in no source document/);
    expect(en).toMatch(/2023 report 三\(四\): coordinate the degree guarantee/);
    const settled = (await runCli(['explain', 'funding.two-only-increases', '--lang', 'en'])).stdout;
    expect(settled).not.toMatch(/Provisional/);
  });

  it('marks a provisional rule’s findings provisional until the config confirms or replaces its threshold', async () => {
    const plain = JSON.parse((await runCli(['score', SMALL, '-f', 'json', '--no-config', '--fail-on', 'never'])).stdout);
    expect(finding(plain, PRIVATE_SHARE, '370112')).toMatchObject({ status: 'fail', provisional: true });

    const confirmed = project({ confirm: [PRIVATE_SHARE], failOn: 'never' });
    const kept = JSON.parse((await runCli(['score', SMALL, '-f', 'json'], { cwd: confirmed })).stdout);
    expect(finding(kept, PRIVATE_SHARE, '370112').status).toBe('fail');
    expect(finding(kept, PRIVATE_SHARE, '370112').provisional).toBeUndefined();
    expect((await runCli(['explain', PRIVATE_SHARE, '--lang', 'zh'], { cwd: confirmed })).stdout).toMatch(/阈值已由配置文件 eduduty\.config\.json 确认。|阈值已由配置文件 .*eduduty\.config\.json 确认。/);
    const listed = JSON.parse((await runCli(['rules', '--provisional', '--format', 'json'], { cwd: confirmed })).stdout);
    expect(listed.rules.map((r: { id: string }) => r.id)).not.toContain(PRIVATE_SHARE);

    const replaced = project({ thresholds: { [PRIVATE_SHARE]: { T: 7 } }, failOn: 'never' });
    const own = JSON.parse((await runCli(['score', SMALL, '-f', 'json'], { cwd: replaced })).stdout);
    expect(finding(own, PRIVATE_SHARE, '370112').status).toBe('pass');
    expect((await runCli(['explain', PRIVATE_SHARE, '--lang', 'en'], { cwd: replaced })).stdout).toMatch(/Threshold replaced by the config .*eduduty\.config\.json\./);
  });

  it('refuses to confirm a rule whose threshold is not provisional, naming the file and the rule', async () => {
    const dir = project({ confirm: ['funding.two-only-increases'] });
    const run = await runCli(['rules', '--lang', 'en'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/eduduty\.config\.json: confirm: rule "funding\.two-only-increases" has no provisional threshold to confirm/);
  });
});
