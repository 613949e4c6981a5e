import type { Lang } from '../../catalogue/catalogue.js';
import type { Report } from '../../report/model.js';
import { regionList } from '../../report/sentences.js';
import { CATEGORIES } from '../../rules/model.js';
import { RESOURCE_INDICATORS } from '../../schools/compute.js';
import { formatNumber } from '../../text/values.js';
import { markdownCode, markdownText as escapeMarkdown } from '../escape.js';
import { CATEGORY_LABELS, chineseNumeral, REPORT_WORDS } from './words.js';


function heading(level: number, index: number, title: string, lang: Lang): string {
  const number = lang === 'zh' ? (level === 2 ? `${chineseNumeral(index)}、` : `（${chineseNumeral(index)}）`) : `${index}. `;
  return `${'#'.repeat(level)} ${number}${title}`;
}

export function yearsText(report: Report): string {
  return report.years.length ? report.years.join(report.lang === 'zh' ? '、' : ', ') : '—';
}

/** "（…）" in Chinese text, " (…)" in English. */
export function bracketed(text: string, lang: Lang): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}

export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

function rectificationLines(report: Report): string[] {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const r = report.rectification!;
  const names = (codes: string[]) => escapeMarkdown(regionList(codes, { lang, names: report.regionNames }));
  const lines = [w.rectifiedSummary(r.previousYears.join('、') || '—', r.rectified, r.stillFailing, r.newlyFailing), ''];
  for (const problem of report.sections.flatMap((c) => c.problems)) {
    const rect = problem.rectification;
    if (!rect) continue;
    const parts = (['rectified', 'stillFailing', 'newlyFailing', 'unverified'] as const)
      .filter((key) => rect[key].length > 0)
      .map((key) => `${w[key]}${lang === 'zh' ? '' : ' '}${rect[key].length}${bracketed(names(rect[key]), lang)}`);
    lines.push(`- ${escapeMarkdown(problem.title)}${colon(lang)}${parts.join(w.listSeparator)}`);
  }
  for (const resolved of r.resolved) {
    lines.push(`- ${escapeMarkdown(resolved.title)}${colon(lang)}${w.resolvedAll}${bracketed(names(resolved.rectified), lang)}`);
  }
  return lines;
}

function coverageLines(report: Report): string[] {
  const w = REPORT_WORDS[report.lang];
  const lines: string[] = [];
  const partial = report.coverage.filter((n) => !n.noData);
  const none = report.coverage.filter((n) => n.noData);
  if (report.coverage.length === 0) lines.push(w.noCoverageGaps);
  if (partial.length > 0) {
    lines.push(w.coverageIntro, '', `| ${w.requirement} | ${w.missingCities} | ${w.missingCounties} |`, '| --- | ---: | ---: |');
    for (const note of partial) lines.push(`| ${escapeMarkdown(note.title)} | ${note.missing.city} | ${note.missing.county} |`);
  }
  if (none.length > 0) lines.push(...(partial.length > 0 ? [''] : []), escapeMarkdown(w.noData(none.length, none.map((n) => n.title).join(w.listSeparator))));
  if (report.scope.invalid.length > 0) {
    lines.push('', w.invalidFiles(report.scope.invalid.length), '');
    for (const file of report.scope.invalid) lines.push(`- ${markdownCode(file.file)}: ${escapeMarkdown(file.errors[0]?.message ?? '')}`);
  }
  return lines;
}

function cityTable(report: Report): string[] {
  const w = REPORT_WORDS[report.lang];
  const labels = CATEGORIES.map((c) => CATEGORY_LABELS[c][report.lang]);
  const lines = [`| ${w.rank} | ${w.city} | ${labels.join(' | ')} | ${w.errors} | ${w.warnings} |`, `| ---: | --- | ${labels.map(() => '---:').join(' | ')} | ---: | ---: |`];
  for (const row of report.cities) {
    lines.push(`| ${row.rank} | ${escapeMarkdown(row.name)} | ${CATEGORIES.map((c) => row.fails[c]).join(' | ')} | ${row.errors} | ${row.warnings} |`);
  }
  return lines;
}

function ruleTable(report: Report): string[] {
  const w = REPORT_WORDS[report.lang];
  const lines = [`| ${w.requirement} | ${w.assessed} | ${w.failing} | ${w.passRate} |`, '| --- | ---: | ---: | ---: |'];
  const failing = report.rules.filter((r) => r.failing > 0).sort((a, b) => (a.passRate ?? 100) - (b.passRate ?? 100) || (a.rule < b.rule ? -1 : 1));
  for (const rule of failing) {
    lines.push(`| ${escapeMarkdown(rule.title)} | ${rule.assessed} | ${rule.failing} | ${formatNumber(rule.passRate ?? 0, 1)}% |`);
  }
  return lines;
}

export function weakestRows(report: Report): string[][] {
  const w = REPORT_WORDS[report.lang];
  const names = new Map(RESOURCE_INDICATORS.map((i) => [i.id, i.name[report.lang]]));
  return (report.weakestSchools ?? []).flatMap((county) =>
    county.weakest.map((s) => [report.regionNames[county.county] ?? county.county, `${s.code} ${s.name}`, w.stages[s.stage] ?? s.stage, `${s.met}/7`, s.missed.map((id) => names.get(id) ?? id).join(w.listSeparator)]),
  );
}

function weakestTable(report: Report): string[] {
  const w = REPORT_WORDS[report.lang];
  return [`| ${w.county} | ${w.school} | ${w.stage} | ${w.met} | ${w.missedStandards} |`, '| --- | --- | --- | ---: | --- |', ...weakestRows(report).map((row) => `| ${row.map(escapeMarkdown).join(' | ')} |`)];
}

/** The body's numbered parts: achievements, problems, requirements (and, in 2023, the closing requirements). */
function bodyLines(report: Report): string[] {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const out: string[] = [];
  let section = 0;
  out.push(heading(2, ++section, report.headings.achievements, lang), '');
  if (report.achievements.length === 0) out.push(w.noAchievements, '');
  report.achievements.forEach((a, i) => out.push(`${subheading(i + 1, a.title, lang)}${escapeMarkdown(a.sentences.join(lang === 'zh' ? '' : ' '))}`, ''));
  out.push(heading(2, ++section, report.headings.problems, lang), '');
  report.sections.forEach((s, i) => out.push(heading(3, i + 1, s.title, lang), '', s.problems.length === 0 ? w.noProblems : escapeMarkdown(s.text), ''));
  const r = report.requirements;
  out.push(heading(2, ++section, r.heading, lang), '');
  if (r.style === 'enumerate') {
    const items = r.items.map((item) => item.text).join(lang === 'zh' ? '' : ' ');
    out.push(escapeMarkdown([r.lead, items].filter(Boolean).join(lang === 'zh' ? '' : ' ')), '');
  } else {
    if (r.lead) out.push(escapeMarkdown(r.lead), '');
    r.items.forEach((item, i) => out.push(`${subheading(i + 1, item.title ?? '', lang)}${escapeMarkdown(item.text)}`, ''));
  }
  if (r.closing.heading) out.push(heading(2, ++section, r.closing.heading, lang), '');
  out.push(escapeMarkdown(r.closing.text), '');
  return out;
}

/** "**（一）党建引领教育优先发展。**" before the paragraph, as the reports run a heading into its text. */
function subheading(index: number, title: string, lang: Lang): string {
  if (!title) return '';
  const stop = /[。.!?！？]$/.test(title) ? '' : lang === 'zh' ? '。' : '. ';
  return lang === 'zh' ? `**（${chineseNumeral(index)}）${escapeMarkdown(title)}${stop}**` : `**(${index}) ${escapeMarkdown(title)}${stop.trim()}** `;
}

/** 逐市反馈: one table per city with its failing regions, values, basis and rule ids. */
export function feedbackLines(report: Report): string[] {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const out = [`## ${w.feedback}`, '', w.feedbackIntro, ''];
  if (report.feedback.length === 0) out.push(w.noProblems, '');
  for (const city of report.feedback) {
    out.push(`### ${escapeMarkdown(city.name)}`, '', `| ${w.region} | ${w.finding} | ${w.severity} | ${w.basis} | ${w.rule} |`, '| --- | --- | --- | --- | --- |');
    for (const region of city.regions) {
      for (const f of region.findings) {
        const basis = f.provisional ? `${f.source}${lang === 'zh' ? '；' : '; '}${w.provisional}` : f.source;
        out.push(`| ${escapeMarkdown(region.name)} | ${escapeMarkdown(f.message)} | ${w.severities[f.severity]} | ${escapeMarkdown(basis)} | ${markdownCode(f.rule, 'table')} |`);
      }
    }
    out.push('');
  }
  return out;
}

export interface ReportFormatOptions {
  /** Leave 逐市反馈 out (it is written to a file of its own). */
  feedback?: boolean;
}

/** The report as Markdown: the body in the year's shape and words, then the annexes. */
export function formatReportMarkdown(report: Report, options: ReportFormatOptions = {}): string {
  const lang = report.lang;
  const w = REPORT_WORDS[lang];
  const out: string[] = [`# ${w.title(yearsText(report))}`, '', `> ${escapeMarkdown(w.subtitle(report.profileTitle, report.scope.cities, report.scope.counties, report.tool.version))}`, ''];
  out.push(escapeMarkdown(report.preamble), '', ...bodyLines(report), '---', '');
  if (report.rectification) out.push(`## ${w.rectification}`, '', ...rectificationLines(report), '');
  if (options.feedback !== false) out.push(...feedbackLines(report));
  out.push(`## ${w.coverage}`, '', ...coverageLines(report), '');
  out.push(`## ${w.cityTable}`, '', ...cityTable(report), '');
  out.push(`## ${w.ruleTable}`, '', ...ruleTable(report), '');
  if (report.weakestSchools) out.push(`## ${w.weakest}`, '', w.weakestIntro, '', ...weakestTable(report), '');
  return out.join('\n');
}

/** 逐市反馈 alone, for a file of its own. */
export function formatFeedbackMarkdown(report: Report): string {
  return [`# ${REPORT_WORDS[report.lang].title(yearsText(report))}`, '', ...feedbackLines(report)].join('\n');
}
