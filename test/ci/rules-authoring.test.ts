import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { bundledRulesDir } from '../../src/rules/load.js';
import { runCli } from '../support/cli.js';

/** A province's own rule folder: one good rule, one whose example is wrong, one that names an unknown fact. */
function folder(): string {
  const dir = tempDir('eduduty-own-rules-');
  cpSync(join(bundledRulesDir(), 'development', 'preschool-gross-enrolment.json'), join(dir, 'development', 'preschool-gross-enrolment.json'), { recursive: true });
  const wrong = JSON.parse(readFileSync(join(bundledRulesDir(), 'development', 'junior-retention.json'), 'utf8'));
  wrong.meta.examples[0].indicators.junior_secondary_retention_rate = 90;
  writeFileSync(join(dir, 'development', 'junior-retention.json'), JSON.stringify(wrong));
  return dir;
}

describe('rule authoring', () => {
  it('rules check passes the shipped rules', async () => {
    const run = await runCli(['rules', 'check', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ 105 rules checked, no problems/);
    const zh = await runCli(['rules', 'check', '--lang', 'zh']);
    expect(zh.stdout).toMatch(/✔ 检查了 105 条规则，没有问题/);
    expect(zh.stdout).toMatch(/shandong-2023（不在 shandong-2020 中）/);
  });

  it('rules test runs every shipped rule’s examples with a line per rule', async () => {
    const run = await runCli(['rules', 'test', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ funding\.two-only-increases \(6 examples, 2 profiles\)$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('105 passed, 0 failed');
  });

  it('rules test reports the rule whose example fails, and exits 1', async () => {
    const run = await runCli(['rules', 'test', folder(), '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✔ development\.preschool-gross-enrolment/);
    expect(run.stdout).toMatch(/✖ development\.junior-retention\n {4}example 0 \[shandong-2020\]: expected pass, got fail/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('rules check names a broken rule file and why, and exits 1', async () => {
    const dir = folder();
    const broken = JSON.parse(readFileSync(join(dir, 'development', 'junior-retention.json'), 'utf8'));
    broken.conditions.all[0].fact = 'junior_retention';
    writeFileSync(join(dir, 'development', 'junior-retention.json'), JSON.stringify(broken));
    const run = await runCli(['rules', 'check', dir, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ .*junior-retention\.json: unknown fact "junior_retention"/);
    expect(run.stdout).toMatch(/✔ .*preschool-gross-enrolment\.json: development\.preschool-gross-enrolment — shandong-2020, shandong-2023/);
    const test = await runCli(['rules', 'test', dir, '--lang', 'en']);
    expect(test.code).toBe(1);
  });

  it('rules check flags a rule that no profile gives thresholds to', async () => {
    const dir = tempDir('eduduty-own-rules-');
    const rule = JSON.parse(readFileSync(join(bundledRulesDir(), 'development', 'junior-retention.json'), 'utf8'));
    rule.name = 'development.junior-retention-target';
    for (const c of rule.conditions.all) c.value.params.rule = rule.name;
    cpSync(join(bundledRulesDir(), 'development', 'junior-retention.json'), join(dir, 'development', 'x.json'), { recursive: true });
    writeFileSync(join(dir, 'development', 'junior-retention-target.json'), JSON.stringify(rule));
    const run = await runCli(['rules', 'check', dir, '--lang', 'en']);
    expect(run.stdout).toMatch(/development\.junior-retention-target reads T but no profile gives them/);
  });
});
