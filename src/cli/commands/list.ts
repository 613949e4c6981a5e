import { Chalk } from 'chalk';
import { inProfile } from '../../rules/model.js';
import { msg } from '../../text/messages.js';
import { CATEGORY_TITLES } from '../../text/words.js';
import { displayWidth, padDisplay, unitName } from '../../text/values.js';
import { terminalText } from '../../format/escape.js';
import { prepareRun } from '../context.js';
import type { CliIO } from '../io.js';
import { wantsColor, type CommonOptions } from '../options.js';

export interface RulesListOptions extends CommonOptions {
  /** Only the rules whose threshold is provisional (not confirmed or replaced by the config). */
  provisional?: boolean;
}

export async function runRules(raw: RulesListOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const { ruleSet, profile } = context;
  const listed = options.provisional ? ruleSet.rules.filter((rule) => rule.meta.provisional) : ruleSet.rules;
  const rows = listed.map((rule) => ({
    id: rule.id,
    category: rule.meta.category,
    severity: rule.meta.severity,
    title: rule.meta.title[options.lang],
    source: rule.meta.source,
    inProfile: inProfile(rule, profile),
    thresholds: inProfile(rule, profile) ? (profile.thresholds[rule.id] ?? {}) : null,
    provisional: rule.meta.provisional === true,
    ...(rule.settled ? { settled: rule.settled.how } : {}),
  }));
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify({ profile: profile.name, rules: rows }, null, 2) + '\n');
    return 0;
  }
  const c = new Chalk({ level: wantsColor(options, io) ? 1 : 0 });
  const width = Math.max(...rows.map((r) => r.id.length));
  const severityWidth = Math.max(displayWidth(msg(options.lang, 'term.severity.error')), displayWidth(msg(options.lang, 'term.severity.warning')));
  const lines: string[] = [c.dim(`${msg(options.lang, 'term.profile')} ${profile.name}`)];
  let category = '';
  for (const row of rows.sort((a, b) => Object.keys(CATEGORY_TITLES).indexOf(a.category) - Object.keys(CATEGORY_TITLES).indexOf(b.category) || (a.id < b.id ? -1 : 1))) {
    if (row.category !== category) {
      category = row.category;
      lines.push('', c.cyan(CATEGORY_TITLES[row.category][options.lang]));
    }
    const thresholds = row.thresholds ? Object.entries(row.thresholds).map(([k, v]) => `${k}=${v}`).join(' ') : c.dim('—');
    const word = msg(options.lang, row.severity === 'error' ? 'term.severity.error' : 'term.severity.warning');
    const severity = (row.severity === 'error' ? c.red : c.yellow)(padDisplay(word, severityWidth));
    const id = row.inProfile ? row.id.padEnd(width) : c.dim(row.id.padEnd(width));
    const mark = row.provisional ? c.yellow(msg(options.lang, 'rules.provisional-mark')) : '';
    lines.push(`  ${id}  ${severity}  ${thresholds.padEnd(12)} ${terminalText(row.title)}${mark}`);
  }
  if (rows.length === 0) lines.push('', msg(options.lang, 'rules.none-provisional'));
  if (rows.some((row) => !row.inProfile)) lines.push('', c.dim(msg(options.lang, 'rules.not-in-profile-legend')));
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export async function runIndicators(raw: CommonOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const { catalogue } = context;
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify({ indicators: catalogue.indicators }, null, 2) + '\n');
    return 0;
  }
  const c = new Chalk({ level: wantsColor(options, io) ? 1 : 0 });
  const width = Math.max(...catalogue.indicators.map((i) => i.id.length));
  const kindOf = (i: (typeof catalogue.indicators)[number]) => msg(options.lang, `term.kind.${i.kind}`);
  const unitOf = (i: (typeof catalogue.indicators)[number]) => unitName(i.unit, catalogue, options.lang);
  const kindWidth = Math.max(...catalogue.indicators.map((i) => displayWidth(kindOf(i))));
  const unitWidth = Math.max(...catalogue.indicators.map((i) => displayWidth(unitOf(i))));
  const lines = catalogue.indicators.map(
    (i) => `${i.id.padEnd(width)}  ${c.dim(padDisplay(kindOf(i), kindWidth))}  ${c.dim(padDisplay(unitOf(i), unitWidth))}  ${i.name[options.lang]}`,
  );
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
