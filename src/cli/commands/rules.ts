import { relative, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { loadCatalogue, type Lang } from '../../catalogue/catalogue.js';
import { runRuleExamples } from '../../engine/examples.js';
import { bundledRulesDir, inspectRuleSet } from '../../rules/load.js';
import { inProfile, type Rule } from '../../rules/model.js';
import { terminalText } from '../../format/escape.js';
import type { CliIO } from '../io.js';
import { listOf, msg, statusWord } from '../../text/messages.js';
import { usageLang, wantsColor, type CommonOptions } from '../options.js';

export interface RulesDirOptions extends CommonOptions {
  dir?: string;
}

/** The rules of the folder under test (all bundled rules without one), and every load problem. */
function inspect(options: RulesDirOptions) {
  const catalogue = loadCatalogue();
  const dir = options.dir;
  const { ruleSet, problems } = inspectRuleSet(catalogue, [...options.rules, ...(dir ? [dir] : [])], options.lang ? { lang: options.lang } : {});
  const root = resolve(dir ?? bundledRulesDir());
  const inFolder = (file: string) => !relative(root, resolve(file)).startsWith('..');
  return { catalogue, ruleSet, rules: ruleSet.rules.filter((r) => inFolder(r.file)), problems: problems.filter((p) => !dir || inFolder(p.file) || p.file === dir) };
}

function shown(file: string): string {
  return terminalText(relative(process.cwd(), file) || file);
}

/** `eduduty rules check [dir]`: every rule file loads, names known facts, and belongs to some profile. */
export async function runRulesCheck(raw: RulesDirOptions, io: CliIO): Promise<number> {
  const options = { ...raw, lang: usageLang(raw.lang, io.env) };
  const c = new Chalk({ level: wantsColor(options, io) ? 1 : 0 });
  const { ruleSet, rules, problems } = inspect(options);
  const lines: string[] = [];
  for (const problem of problems) lines.push(`${c.red('✖')} ${shown(problem.file)}: ${terminalText(problem.message)}`);
  let unused = 0;
  for (const rule of rules) {
    const profiles = ruleSet.profiles.filter((p) => inProfile(rule, p)).map((p) => p.name);
    if (profiles.length === 0 && rule.meta.examples.some((e) => e.thresholds)) {
      // kept for a profile of the user's own: its examples carry the thresholds they run with
      lines.push(`${c.green('✔')} ${shown(rule.file)}: ${rule.id} — ${c.dim(msg(options.lang, 'rules.check-no-profile'))}`);
    } else if (profiles.length === 0) {
      unused++;
      lines.push(`${c.red('✖')} ${shown(rule.file)}: ${msg(options.lang, 'rules.check-unused', { rule: rule.id, thresholds: listOf(options.lang, rule.thresholds) })}`);
    } else {
      const missing = ruleSet.profiles.filter((p) => !inProfile(rule, p)).map((p) => p.name);
      lines.push(`${c.green('✔')} ${shown(rule.file)}: ${rule.id} — ${listOf(options.lang, profiles)}${missing.length ? c.dim(`${options.lang === 'zh' ? '' : ' '}${msg(options.lang, 'rules.check-not-in', { profiles: listOf(options.lang, missing) })}`) : ''}`);
    }
  }
  const bad = problems.length + unused;
  lines.push('', bad > 0 ? c.red.bold(`✖ ${msg(options.lang, 'rules.check-problems', { count: rules.length, problems: bad })}`) : c.green.bold(`✔ ${msg(options.lang, 'rules.check-clean', { count: rules.length })}`));
  io.stdout.write(lines.join('\n') + '\n');
  return bad > 0 ? 1 : 0;
}

function ranText(lang: Lang, examples: number, profiles: number): string {
  return msg(lang, 'rules.test-ran', {
    examples: msg(lang, examples === 1 ? 'rules.example' : 'rules.examples', { count: examples }),
    profiles: msg(lang, profiles === 1 ? 'rules.profile' : 'rules.profiles', { count: profiles }),
  });
}

/** `eduduty rules test [dir]`: each rule's own examples, a line per rule, non-zero exit on any failure. */
export async function runRulesTest(raw: RulesDirOptions, io: CliIO): Promise<number> {
  const options = { ...raw, lang: usageLang(raw.lang, io.env) };
  const c = new Chalk({ level: wantsColor(options, io) ? 1 : 0 });
  const { catalogue, ruleSet, rules, problems } = inspect(options);
  const outcomes = await runRuleExamples(ruleSet, catalogue, rules);
  const lines: string[] = [];
  for (const problem of problems) lines.push(`${c.red('✖')} ${shown(problem.file)}: ${terminalText(problem.message)}`);
  let passed = 0;
  let failed = problems.length;
  const byRule = new Map<string, typeof outcomes>();
  for (const outcome of outcomes) byRule.set(outcome.rule, [...(byRule.get(outcome.rule) ?? []), outcome]);
  for (const rule of rules as Rule[]) {
    const mine = byRule.get(rule.id) ?? [];
    const wrong = mine.filter((o) => o.actual !== o.expected);
    if (mine.length === 0) {
      failed++;
      lines.push(`${c.red('✖')} ${msg(options.lang, 'rules.test-none-ran', { rule: rule.id })}`);
    } else if (wrong.length === 0) {
      passed++;
      lines.push(`${c.green('✔')} ${rule.id} ${c.dim(ranText(options.lang, mine.length, new Set(mine.map((o) => o.profile)).size))}`);
    } else {
      failed++;
      lines.push(`${c.red('✖')} ${rule.id}`);
      for (const o of wrong) lines.push(`    ${msg(options.lang, 'rules.test-wrong', { index: o.index, profile: o.profile, expected: statusWord(options.lang, o.expected), actual: statusWord(options.lang, o.actual) })}${o.problem ? ` — ${terminalText(o.problem)}` : ''}`);
    }
  }
  lines.push('', msg(options.lang, 'rules.test-summary', { passed, failed }));
  io.stdout.write(lines.join('\n') + '\n');
  return failed > 0 ? 1 : 0;
}
