import { Chalk, type ChalkInstance } from 'chalk';
import type { Catalogue, Lang } from '../../catalogue/catalogue.js';
import type { Finding } from '../../engine/model.js';
import { createScorer } from '../../engine/score.js';
import { regionsOf } from '../../input/model.js';
import { RESOURCE_INDICATORS, type CountyBalance, type School } from '../../schools/compute.js';
import { balanceLines, byShortfall } from '../../schools/explain.js';
import { balancesByCounty, feedRoster } from '../../schools/feed.js';
import { loadRosters } from '../rosters.js';
import { readIndicatorFile } from '../../input/read.js';
import { inProfile, type Condition, type Rule } from '../../rules/model.js';
import { evidenceText } from '../../text/evidence.js';
import { CATEGORY_TITLES, WORDS } from '../../text/words.js';
import { didYouMean } from '../../text/suggest.js';
import { escapedView, terminalText } from '../../format/escape.js';
import { listOf, msg, statusWord } from '../../text/messages.js';
import { quotesFor } from '../../text/basis.js';
import type { CommandFormats } from '../formats.js';
import { conditionLines, EXPLAIN_WORDS as UI } from '../../text/conditions.js';
import { prepareRun, type RunContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions } from '../options.js';

export interface ExplainOptions extends CommonOptions<CommandFormats['explain'][number]> {
  ruleId: string;
  file?: string;
  region?: string;
}


/** The rule's footing: the source documents' own words, and whether its threshold is provisional. */
function basisLines(rule: Rule, lang: Lang, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const { shown, translated } = quotesFor(rule.meta.quotes ?? [], lang);
  if (shown.length > 0 || translated > 0) lines.push('', `${msg(lang, 'rules.quotes')}${WORDS[lang].colon}`.trimEnd(), ...shown.map((q) => `  ${q}`));
  if (translated > 0) lines.push(c.dim(`  ${msg(lang, 'rules.quotes-translated', { count: translated })}`));
  if (rule.meta.provisional) lines.push('', c.yellow(msg(lang, 'rules.provisional')));
  if (rule.settled) lines.push('', msg(lang, rule.settled.how === 'confirmed' ? 'rules.provisional-confirmed' : 'rules.provisional-replaced', { file: rule.settled.file }));
  return lines;
}

function describeRule(rule: Rule, context: RunContext, lang: Lang, c: ChalkInstance): string[] {
  const ui = UI[lang];
  const meta = escapedView(rule.meta, terminalText);
  const colon = WORDS[lang].colon;
  const lines = [
    `${c.bold(rule.id)} — ${meta.title[lang]}`,
    `${ui.category}${colon}${CATEGORY_TITLES[meta.category][lang]} · ${ui.severity}${colon}${ui[meta.severity]} · ${ui.source}${colon}${meta.source}`,
    '',
    ...conditionLines(rule.definition.conditions as Condition, context.catalogue, lang, ''),
    '',
    ui.thresholds,
  ];
  for (const profile of context.ruleSet.profiles) {
    const mark = profile.name === context.profile.name ? (lang === 'zh' ? `（${ui.selected}）` : ` (${ui.selected})`) : '';
    let value: string;
    if (!inProfile(rule, profile)) value = c.dim(ui.notIn);
    else if (rule.thresholds.length === 0) value = ui.noThreshold;
    else value = rule.thresholds.map((name) => `${name} = ${profile.thresholds[rule.id]![name]}`).join(', ');
    lines.push(`  ${profile.name.padEnd(16)} ${value}${mark}`);
  }
  lines.push(...basisLines(rule, lang, c));
  // notes are the rule authors' English working notes
  if (meta.note && lang === 'en') lines.push('', `${ui.note}${colon}${meta.note}`);
  return lines;
}

function traceLines(raw: Finding, catalogue: Catalogue, lang: Lang, c: ChalkInstance): string[] {
  const finding = escapedView(raw, terminalText);
  const colour = finding.status === 'pass' ? c.green : finding.status === 'fail' ? c.red : c.yellow;
  const status = colour(statusWord(lang, finding.status));
  const lines = ['', `${UI[lang].trace}${WORDS[lang].colon}${finding.region.name} ${finding.region.code} → ${status}`];
  for (const evidence of finding.evidence) {
    const mark = !evidence.evaluated ? c.dim('·') : evidence.passed ? c.green('✔') : c.red('✖');
    const suffix = !evidence.evaluated && finding.status !== 'missing' ? c.dim(` (${UI[lang].notEvaluated})`) : '';
    const from = evidence.threshold ? c.dim(` [${evidence.threshold}]`) : '';
    lines.push(`  ${mark} ${evidenceText(evidence, catalogue, lang)}${from}${suffix}`);
  }
  lines.push(`  ${finding.message}`);
  return lines;
}

const BALANCE_INDICATORS = ['schools_meeting_resource_standards_rate', 'resource_cv_primary_max', 'resource_cv_junior_max'];

function balanceJson(balance: CountyBalance) {
  return {
    county: balance.county,
    schools: balance.schools,
    meeting: balance.meeting,
    meetingRate: balance.meetingRate,
    cv: Object.fromEntries(Object.entries(balance.stages).map(([stage, s]) => [stage, Object.fromEntries(RESOURCE_INDICATORS.map((ind, i) => [ind.id, s.cv[i]]))])),
    belowStandard: balance.parts
      .filter((p) => p.met < 7)
      .sort(byShortfall)
      .map((p) => ({ school: p.school.code, name: p.school.name, stage: p.stage, met: p.met, missed: RESOURCE_INDICATORS.filter((_, i) => p.ratios[i]! < 1).map((ind) => ind.id) })),
    excluded: balance.excluded.map((e) => ({ school: e.school.code, reason: e.reason })),
  };
}

async function traceFinding(rule: Rule, options: ExplainOptions & { lang: Lang; maxBytes?: number }, context: RunContext, schools: readonly School[]): Promise<Finding> {
  const lang = options.lang;
  // the trace comes from stock json-rules-engine, the reference the compiled evaluator is tested against
  const given = createScorer({ ...context, lang: options.lang, only: [rule.id], engine: 'json-rules-engine', schools });
  const read = await readIndicatorFile({ name: options.file! }, given.validator, options.maxBytes);
  if (!read.file) {
    const first = read.errors[0];
    const at = first?.line !== undefined ? `:${first.line}:${first.column}` : '';
    // one line: a file name or key with line breaks could otherwise forge lines on stderr
    throw new UsageError(terminalText(`${options.file}${at}${msg(lang, 'config.colon')}${first?.path ? first.path + ' ' : ''}${first?.message ?? msg(lang, 'cli.invalid-file')}`));
  }
  const profile = given.profileFor(read.file.year);
  if (!inProfile(rule, profile)) throw new UsageError(msg(lang, 'cli.rule-not-in-profile', { rule: rule.id, profile: profile.name }));
  const scorer = profile === context.profile ? given : createScorer({ ...context, profile, byYear: false, lang: options.lang, only: [rule.id], engine: 'json-rules-engine', schools });
  const regions = regionsOf(read.file);
  const region = options.region ? regions.find((r) => r.code === options.region) : regions[0];
  if (!region) throw new UsageError(msg(lang, 'cli.region-not-in-file', { region: options.region!, file: options.file!, regions: listOf(lang, regions.map((r) => r.code)), hint: didYouMean(options.region!, regions.map((r) => r.code), lang) }));
  const fed = feedRoster(read.file, balancesByCounty(schools), lang).file;
  const fedRegion = regionsOf(fed).find((r) => r.code === region.code)!;
  const [finding] = await scorer.scoreRegion(fedRegion);
  return finding!;
}

export async function runExplain(raw: ExplainOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  // a region is looked up in a file: without one it would be passed over without a word
  if (options.region !== undefined && !options.file) throw new UsageError(msg(options.lang, 'cli.region-needs-file'));
  // so are rosters: without a file they would be read and checked for nothing
  if ((options.schools ?? []).length > 0 && !options.file) throw new UsageError(msg(options.lang, 'cli.schools-needs-file'));
  const rule = context.ruleSet.rules.find((r) => r.id === options.ruleId);
  if (!rule) {
    throw new UsageError(msg(options.lang, 'cli.unknown-rule', { rule: options.ruleId, hint: didYouMean(options.ruleId, context.ruleSet.rules.map((r) => r.id), options.lang) }));
  }
  const rosters = await loadRosters(options.schools ?? [], options);
  if (rosters.invalid.length > 0) {
    const [roster] = rosters.invalid;
    throw new UsageError(terminalText(`${roster!.file}${msg(options.lang, 'config.colon')}${roster!.errors[0]?.path ?? ''} ${roster!.errors[0]?.message ?? msg(options.lang, 'cli.invalid-file')}`));
  }
  const trace = options.file ? await traceFinding(rule, options, context, rosters.schools) : undefined;
  const balance = trace && rule.indicators.some((id) => BALANCE_INDICATORS.includes(id)) ? balancesByCounty(rosters.schools).get(trace.region.code) : undefined;
  if (options.format === 'json') {
    const thresholds = Object.fromEntries(context.ruleSet.profiles.map((p) => [p.name, inProfile(rule, p) ? (p.thresholds[rule.id] ?? {}) : null]));
    const doc = { rule: rule.id, ...rule.meta, examples: undefined, conditions: rule.definition.conditions, thresholds, ...(rule.settled ? { settled: rule.settled } : {}), ...(trace ? { trace } : {}), ...(balance ? { balance: balanceJson(balance) } : {}) };
    io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  }
  const c = new Chalk({ level: wantsColor(options, io) ? 1 : 0 });
  const lines = describeRule(rule, context, options.lang, c);
  if (trace) lines.push(...traceLines(trace, context.catalogue, options.lang, c));
  if (balance) lines.push(...balanceLines(balance, options.lang).map(terminalText));
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
