import { relative, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { loadCatalogue } from '../../catalogue/catalogue.js';
import { runRuleExamples } from '../../engine/examples.js';
import { bundledRulesDir, inspectRuleSet } from '../../rules/load.js';
import { inProfile, type Rule } from '../../rules/model.js';
import { terminalText } from '../../format/escape.js';
import type { CliIO } from '../io.js';
import { wantsColor, type CommonOptions } from '../options.js';

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
export async function runRulesCheck(options: RulesDirOptions, io: CliIO): Promise<number> {
  const c = new Chalk({ level: wantsColor(options, io) ? 1 : 0 });
  const { ruleSet, rules, problems } = inspect(options);
  const lines: string[] = [];
  for (const problem of problems) lines.push(`${c.red('✖')} ${shown(problem.file)}: ${terminalText(problem.message)}`);
  let unused = 0;
  for (const rule of rules) {
    const profiles = ruleSet.profiles.filter((p) => inProfile(rule, p)).map((p) => p.name);
    if (profiles.length === 0 && rule.meta.examples.some((e) => e.thresholds)) {
      // kept for a profile of the user's own: its examples carry the thresholds they run with
      lines.push(`${c.green('✔')} ${shown(rule.file)}: ${rule.id} — ${c.dim('in no profile (give its thresholds in a profile or the config to use it)')}`);
    } else if (profiles.length === 0) {
      unused++;
      lines.push(`${c.red('✖')} ${shown(rule.file)}: ${rule.id} reads ${rule.thresholds.join(', ')} but no profile gives them (add them under profiles/<name>.json)`);
    } else {
      const missing = ruleSet.profiles.filter((p) => !inProfile(rule, p)).map((p) => p.name);
      lines.push(`${c.green('✔')} ${shown(rule.file)}: ${rule.id} — ${profiles.join(', ')}${missing.length ? c.dim(` (not in ${missing.join(', ')})`) : ''}`);
    }
  }
  const bad = problems.length + unused;
  lines.push('', bad > 0 ? c.red.bold(`✖ ${rules.length} rules checked, ${bad} problems`) : c.green.bold(`✔ ${rules.length} rules checked, no problems`));
  io.stdout.write(lines.join('\n') + '\n');
  return bad > 0 ? 1 : 0;
}

/** `eduduty rules test [dir]`: each rule's own examples, a line per rule, non-zero exit on any failure. */
export async function runRulesTest(options: RulesDirOptions, io: CliIO): Promise<number> {
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
      lines.push(`${c.red('✖')} ${rule.id}: no example ran (is the rule in any profile?)`);
    } else if (wrong.length === 0) {
      passed++;
      lines.push(`${c.green('✔')} ${rule.id} ${c.dim(`(${mine.length} examples, ${new Set(mine.map((o) => o.profile)).size} profiles)`)}`);
    } else {
      failed++;
      lines.push(`${c.red('✖')} ${rule.id}`);
      for (const o of wrong) lines.push(`    example ${o.index} [${o.profile}]: expected ${o.expected}, got ${o.actual}${o.problem ? ` — ${terminalText(o.problem)}` : ''}`);
    }
  }
  lines.push('', `${passed} passed, ${failed} failed`);
  io.stdout.write(lines.join('\n') + '\n');
  return failed > 0 ? 1 : 0;
}
