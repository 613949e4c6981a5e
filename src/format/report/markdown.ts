import type { Lang } from '../../catalogue/catalogue.js';
import type { Problem, Report } from '../../report/model.js';
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

function problemLine(problem: Problem, index: number, lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const provisional = problem.provisional ? (lang === 'zh' ? `，${w.provisional}` : `; ${w.provisional}`) : '';
  const basis = bracketed(`${w.basis}${colon(lang)}${problem.source}${provisional}`, lang);
  return `${index}. ${escapeMarkdown(problem.sentence)}${escapeMarkdown(basis)} ${markdownCode(problem.rule)}`;
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
  for (const problem of report.categories.flatMap((c) => c.problems)) {
    const rect = problem.rectification;
    if (!rect) continue;
    const parts = (['rectified', 'stillFailing', 'newlyFailing', 'unverified'] as const)
      .filter((key) => rect[key].length > 0)
      .map((key) => `${w[key]} ${rect[key].length}${bracketed(names(rect[key]), lang)}`);
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
    lines.push(w.coverageIntro, '', `| ${w.rule} | ${w.requirement} | ${w.missingCities} | ${w.missingCounties} |`, '| --- | --- | ---: | ---: |');
    for (const note of partial) lines.push(`| ${markdownCode(note.rule, 'table')} | ${escapeMarkdown(note.title)} | ${note.missing.city} | ${note.missing.county} |`);
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
  const lines = [`| ${w.rule} | ${w.requirement} | ${w.assessed} | ${w.failing} | ${w.passRate} |`, '| --- | --- | ---: | ---: | ---: |'];
  const failing = report.rules.filter((r) => r.failing > 0).sort((a, b) => (a.passRate ?? 100) - (b.passRate ?? 100) || (a.rule < b.rule ? -1 : 1));
  for (const rule of failing) {
    lines.push(`| ${markdownCode(rule.rule, 'table')} | ${escapeMarkdown(rule.title)} | ${rule.assessed} | ${rule.failing} | ${formatNumber(rule.passRate ?? 0, 1)}% |`);
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

/** The report as Markdown, in the order and voice of the evaluation report. */
export function formatReportMarkdown(report: Report): string {
  const lang = report.lang;
  const w = REPORT_WORDS[lang];
  const out: string[] = [`# ${w.title(yearsText(report))}`, '', `> ${w.subtitle(escapeMarkdown(report.profile), report.scope.cities, report.scope.counties, report.tool.version)}`, ''];
  let section = 0;
  out.push(heading(2, ++section, w.achievements, lang), '');
  report.praiseGroups.forEach((group, i) => out.push(`${i + 1}. **${CATEGORY_LABELS[group.category][lang]}**${colon(lang)}${escapeMarkdown(group.sentence)}`));
  if (report.allPassed.length > 0) {
    if (report.praiseGroups.length > 0) out.push('');
    out.push(escapeMarkdown(w.allPassed(report.allPassed.length, report.allPassed.map((r) => r.title).join(w.listSeparator))));
  }
  out.push('', heading(2, ++section, w.problems, lang), '');
  report.categories.forEach((category, i) => {
    out.push(heading(3, i + 1, category.title, lang), '');
    if (category.problems.length === 0) out.push(w.noProblems);
    category.problems.forEach((problem, j) => out.push(problemLine(problem, j + 1, lang)));
    out.push('');
  });
  if (report.rectification) out.push(heading(2, ++section, w.rectification, lang), '', ...rectificationLines(report), '');
  out.push(heading(2, ++section, w.coverage, lang), '', ...coverageLines(report), '');
  out.push(`## ${w.cityTable}`, '', ...cityTable(report), '');
  out.push(`## ${w.ruleTable}`, '', ...ruleTable(report), '');
  if (report.weakestSchools) out.push(`## ${w.weakest}`, '', w.weakestIntro, '', ...weakestTable(report), '');
  return out.join('\n');
}
