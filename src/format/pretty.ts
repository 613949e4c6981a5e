import { Chalk, type ChalkInstance } from 'chalk';
import type { Lang } from '../catalogue/catalogue.js';
import type { FileResult, Finding, ScoreResult } from '../engine/model.js';
import type { InputProblem } from '../input/model.js';
import { CATEGORIES } from '../rules/model.js';
import { msg } from '../text/messages.js';
import { formatNumber } from '../text/values.js';
import { CATEGORY_TITLES } from '../text/words.js';
import { escapedView, terminalText } from './escape.js';
import type { FormatOptions } from './registry.js';
import { placeText } from './location.js';
import { formatWhole, type FormatStream } from './stream.js';

function plural(n: number, noun: string): string {
  return `${formatNumber(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The summary's word on missing data of error-level rules and on findings left unscored by invalid values. */
function undecided(s: ScoreResult['summary'], lang: Lang): string {
  const parts = [
    ...((s.missingErrors ?? 0) > 0 ? [msg(lang, 'score.summary-undecided', { count: formatNumber(s.missingErrors) })] : []),
    ...((s.invalidFindings ?? 0) > 0 ? [msg(lang, 'score.summary-invalid', { count: formatNumber(s.invalidFindings) })] : []),
  ];
  if (parts.length === 0) return '';
  return lang === 'zh' ? `（${parts.join('；')}）` : ` (${parts.join('; ')})`;
}

const UI = {
  zh: {
    error: '错误',
    warning: '警告',
    invalid: '文件无效',
    regionFails: (n: number) => `${n} 项未通过`,
    clean: (regions: number, pass: number) => `${regions} 个地区全部通过（${formatNumber(pass)} 项）`,
    missingNote: (findings: number, regions: number, indicators: number) =>
      `缺少数据：${regions} 个地区的 ${formatNumber(findings)} 项规则无法评价（涉及 ${indicators} 项指标），加 --verbose 查看明细`,
    missingLine: (names: string) => `缺少数据：${names}`,
    summary: (s: ScoreResult['summary']) =>
      `共 ${formatNumber(s.fail)} 项未通过（${formatNumber(s.errors)} 个错误，${formatNumber(s.warnings)} 个警告），` +
      `${formatNumber(s.pass)} 项通过，${formatNumber(s.missing)} 项缺少数据${undecided(s, 'zh')}${s.waived > 0 ? `，${formatNumber(s.waived)} 项已豁免` : ''} — ${s.files} 个文件，${formatNumber(s.regions)} 个地区` +
      (s.invalid > 0 ? `，${s.invalid} 个文件无效` : ''),
    basis: '依据',
  },
  en: {
    error: 'error',
    warning: 'warning',
    invalid: 'invalid file',
    regionFails: (n: number) => `${n} failed`,
    clean: (regions: number, pass: number) => `all ${regions} regions pass (${formatNumber(pass)} findings)`,
    missingNote: (findings: number, regions: number, indicators: number) =>
      `missing data: ${plural(findings, 'finding')} in ${plural(regions, 'region')} could not be scored (${plural(indicators, 'indicator')}); --verbose lists them`,
    missingLine: (names: string) => `missing data: ${names}`,
    summary: (s: ScoreResult['summary']) =>
      `${formatNumber(s.fail)} failed (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}), ` +
      `${formatNumber(s.pass)} passed, ${formatNumber(s.missing)} missing${undecided(s, 'en')}${s.waived > 0 ? `, ${formatNumber(s.waived)} waived` : ''} — ${plural(s.files, 'file')}, ${plural(s.regions, 'region')}` +
      (s.invalid > 0 ? `, ${s.invalid} invalid` : ''),
    basis: 'basis',
  },
} as const;

function shortSource(source: string): string {
  return source.split(';')[0]!.trim();
}

/** "12:5", or for a spreadsheet "Sheet1 › D7". */
export function positionText(problem: InputProblem): string {
  return placeText(problem);
}

/** A finding's cell (the file's heading names the sheet) or line:column, dimmed before its message. */
function findingPlace(finding: Finding, c: ChalkInstance): string {
  const at = finding.location;
  const text = at?.cell ?? placeText(at);
  return text ? `${c.dim(text)} ` : '';
}

function problemLine(problem: InputProblem, c: ChalkInstance, kind: 'error' | 'warning', lang: Lang): string {
  const at = positionText(problem);
  const mark = kind === 'error' ? c.red(UI[lang].error) : c.yellow(UI[lang].warning);
  const where = problem.header ? `${problem.header}${problem.region ? ` · ${problem.region}` : ''}` : problem.path;
  const prefix = where ? c.dim(where) + c.dim(':') + ' ' : '';
  return `  ${c.dim(at.padEnd(7))} ${mark}  ${prefix}${problem.message}`;
}

function fileTitle(file: FileResult): string {
  return file.sheet && file.sheet !== 'csv' ? `${file.file} › ${file.sheet}` : file.file;
}

function findingLine(finding: Finding, c: ChalkInstance, lang: Lang): string {
  const severity = finding.severity === 'error' ? c.red(`✖ ${UI[lang].error}`) : c.yellow(`⚠ ${UI[lang].warning}`);
  const absorbed = finding.absorbedBy ? c.dim(msg(lang, 'rules.absorbed', { rule: finding.absorbedBy })) : '';
  return `      ${severity}  ${findingPlace(finding, c)}${finding.message}${absorbed}  ${c.dim(`${finding.rule} · ${shortSource(finding.source)}`)}`;
}

function invalidLine(finding: Finding, c: ChalkInstance, lang: Lang): string {
  const at = finding.location ? positionText({ ...finding.location, message: '', code: '' }) : '';
  return `      ${c.red(`✖ ${msg(lang, 'score.invalid-label')}`)}  ${finding.message}${at ? ` ${c.dim(`@ ${at}`)}` : ''}  ${c.dim(finding.rule)}`;
}

function regionBlock(findings: Finding[], c: ChalkInstance, options: FormatOptions): string[] {
  const { lang } = options;
  const first = findings[0]!;
  const failing = findings.filter((f) => f.status === 'fail');
  const invalid = findings.filter((f) => f.status === 'invalid');
  const missing = options.verbose ? findings.filter((f) => f.status === 'missing') : [];
  if (failing.length === 0 && missing.length === 0 && invalid.length === 0) return [];
  const lines = [`  ${c.bold(first.region.name)} ${c.dim(first.region.code)}  ${failing.length > 0 ? c.red(UI[lang].regionFails(failing.length)) : ''}`];
  for (const category of CATEGORIES) {
    const inCategory = failing.filter((f) => f.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`    ${c.cyan(CATEGORY_TITLES[category][lang])}`);
    // errors before warnings, then the rule order the engine gave
    for (const finding of [...inCategory].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))) {
      lines.push(findingLine(finding, c, lang));
    }
  }
  for (const finding of invalid) lines.push(invalidLine(finding, c, lang));
  for (const finding of missing) {
    lines.push(`      ${c.dim('? ')}${findingPlace(finding, c)}${c.dim(finding.message)}  ${c.dim(finding.rule)}`);
  }
  return lines;
}

function fileBlock(raw: FileResult, c: ChalkInstance, options: FormatOptions): string[] {
  const { lang } = options;
  // every string of the file's results, whatever its field, reaches the terminal without escape sequences
  const file = escapedView(raw, terminalText);
  const judged = file.profile ? ` · ${c.dim(file.profile)}` : '';
  const heading = file.region ? `${c.underline(fileTitle(file))}  ${file.region.name} ${file.region.code}${file.year !== undefined ? ` · ${file.year}` : ''}${judged}` : c.underline(fileTitle(file));
  const lines = [heading];
  for (const problem of file.errors) lines.push(problemLine(problem, c, 'error', lang));
  for (const problem of file.warnings) lines.push(problemLine(problem, c, 'warning', lang));
  if (!file.valid) lines.push(`  ${c.red(UI[lang].invalid)}`);
  if (raw.findings.length === 0) return lines;
  // Passes are only counted: the findings are grouped and counted as they are, and only those printed are read
  // through the escaping view (statuses and region codes are the tool's own words and digits).
  const byRegion = new Map<string, Finding[]>();
  const codes = new Set<string>();
  const missing: Finding[] = [];
  let passes = 0;
  let invalid = 0;
  let failed = false;
  for (const finding of raw.findings) {
    codes.add(finding.region.code);
    if (finding.status === 'pass') {
      passes++;
      continue;
    }
    if (finding.status === 'fail') failed = true;
    else if (finding.status === 'missing') missing.push(finding);
    else if (finding.status === 'invalid') invalid++;
    const list = byRegion.get(finding.region.code);
    if (list) list.push(escapedView(finding, terminalText));
    else byRegion.set(finding.region.code, [escapedView(finding, terminalText)]);
  }
  for (const code of [...byRegion.keys()].sort()) lines.push(...regionBlock(byRegion.get(code)!, c, options));
  if (missing.length > 0 && !options.verbose) {
    const regions = new Set(missing.map((f) => f.region.code)).size;
    const indicators = new Set(missing.flatMap((f) => f.missing ?? [])).size;
    lines.push(`  ${c.dim(UI[lang].missingNote(missing.length, regions, indicators))}`);
  }
  if (invalid > 0) lines.push(`  ${c.red(msg(lang, 'score.invalid-findings', { findings: formatNumber(invalid) }))}`);
  if (failed) return lines;
  // never "all pass" while something could not be judged
  if (missing.length > 0) lines.push(`  ${c.yellow('! ' + msg(lang, 'score.undecided'))}`);
  else if (invalid === 0) {
    lines.push(`  ${c.green('✔ ' + UI[lang].clean(codes.size, passes))}`);
  }
  return lines;
}

/** Reads like a linter: per file and region, failures grouped by the report's categories, one summary line. */
export function prettyStream(options: FormatOptions): FormatStream {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  let blocks = 0;
  const separator = () => (blocks++ === 0 ? '' : '\n\n');
  return {
    begin: () => '',
    file: (file) => separator() + fileBlock(file, c, options).join('\n'),
    end(tail) {
      const s = tail.summary;
      const bad = s.fail > 0 || s.invalid > 0 || (s.missingErrors ?? 0) > 0 || (s.invalidFindings ?? 0) > 0;
      const summary = bad ? c.red.bold('✖ ' + UI[options.lang].summary(s)) : c.green.bold('✔ ' + UI[options.lang].summary(s));
      return `${separator()}${summary}\n`;
    },
  };
}

export const formatPretty = formatWhole(prettyStream);

/** `validate`: one line per valid file, located problems for the others. */
export function formatValidation(result: ScoreResult, options: Pick<FormatOptions, 'lang' | 'color'>): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const { lang } = options;
  const lines: string[] = [];
  for (const file of result.files.map((raw) => escapedView(raw, terminalText))) {
    if (file.valid) {
      const what = file.region ? `  ${file.region.name} ${file.region.code} · ${file.year}` : '';
      lines.push(`${c.green('✔')} ${fileTitle(file)}${what}`);
      for (const problem of file.warnings) lines.push(problemLine(problem, c, 'warning', lang));
    } else {
      lines.push(`${c.red('✖')} ${c.underline(fileTitle(file))}`);
      for (const problem of file.errors) lines.push(problemLine(problem, c, 'error', lang));
      for (const problem of file.warnings) lines.push(problemLine(problem, c, 'warning', lang));
    }
  }
  const { files, invalid } = result.summary;
  const text = lang === 'zh' ? `${files} 个文件，${invalid} 个无效` : `${plural(files, 'file')}, ${invalid} invalid`;
  lines.push('', invalid > 0 ? c.red.bold('✖ ' + text) : c.green.bold('✔ ' + text));
  return lines.join('\n') + '\n';
}
