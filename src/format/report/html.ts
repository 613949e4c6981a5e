import type { Lang } from '../../catalogue/catalogue.js';
import type { Report } from '../../report/model.js';
import { regionList } from '../../report/sentences.js';
import { CATEGORIES } from '../../rules/model.js';
import { formatNumber } from '../../text/values.js';
import { htmlText as escapeHtml } from '../escape.js';
import { failureHeatmap, passRateBars } from './charts.js';
import { bracketed, colon, weakestRows, yearsText, type ReportFormatOptions } from './markdown.js';
import { CATEGORY_LABELS, chineseNumeral, REPORT_WORDS } from './words.js';


const CHARTS = {
  zh: { heatmap: '图1 各市未通过项目数（按类别，含所辖县）', bars: '图2 有未通过地区的规则达标率', charts: '图表' },
  en: { heatmap: 'Figure 1. Failures per city and category (with its counties)', bars: 'Figure 2. Pass rate of the rules with failures', charts: 'Charts' },
} as const;

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; line-height: 1.7; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #2c5d8f; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
.subtitle { color: #444; margin: 0 0 1.5rem; }
.cards { display: flex; gap: .75rem; flex-wrap: wrap; margin: 1rem 0; }
.card { border: 1px solid #c9d3de; border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
.card b { display: block; font-size: 1.4rem; color: #2c5d8f; }
ol li, ul li { margin: .3rem 0; }
.basis { color: #555; font-size: .9em; }
code { font-size: .85em; color: #555; background: #f3f5f7; padding: 0 .25em; border-radius: 3px; }
.error-mark { color: #b10026; font-weight: bold; }
.warning-mark { color: #8a5a00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .92rem; }
th, td { border: 1px solid #c9d3de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.25rem 0; }
figcaption { font-weight: bold; margin-bottom: .4rem; }
figure svg { max-width: 100%; height: auto; }
@media print {
  main { max-width: none; padding: 0; }
  h2, h3, figure, table { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function table(head: string[], rows: string[][], numeric: boolean[]): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''} scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric[i] ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function sectionTitle(index: number, title: string, lang: Lang): string {
  return lang === 'zh' ? `${chineseNumeral(index)}、${escapeHtml(title)}` : `${index}. ${escapeHtml(title)}`;
}

function subTitle(index: number, title: string, lang: Lang): string {
  return lang === 'zh' ? `（${chineseNumeral(index)}）${title}` : `(${index}) ${title}`;
}

/** The body: achievements under the year's headings, the problems' prose, the requirements. */
function bodyParts(report: Report): string[] {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const parts: string[] = [];
  let section = 0;
  parts.push(`<section><h2>${sectionTitle(++section, report.headings.achievements, lang)}</h2>`);
  if (report.achievements.length === 0) parts.push(`<p>${escapeHtml(w.noAchievements)}</p>`);
  report.achievements.forEach((a, i) => parts.push(`<p><b>${escapeHtml(subTitle(i + 1, a.title, lang))}</b> ${escapeHtml(a.sentences.join(lang === 'zh' ? '' : ' '))}</p>`));
  parts.push('</section>');
  parts.push(`<section><h2>${sectionTitle(++section, report.headings.problems, lang)}</h2>`);
  report.sections.forEach((s, i) => parts.push(`<h3>${escapeHtml(subTitle(i + 1, s.title, lang))}</h3>`, `<p>${escapeHtml(s.problems.length === 0 ? w.noProblems : s.text)}</p>`));
  parts.push('</section>');
  const r = report.requirements;
  parts.push(`<section><h2>${sectionTitle(++section, r.heading, lang)}</h2>`);
  if (r.style === 'enumerate') parts.push(`<p>${escapeHtml([r.lead, r.items.map((item) => item.text).join(lang === 'zh' ? '' : ' ')].filter(Boolean).join(lang === 'zh' ? '' : ' '))}</p>`);
  else {
    if (r.lead) parts.push(`<p>${escapeHtml(r.lead)}</p>`);
    r.items.forEach((item, i) => parts.push(`<p><b>${escapeHtml(subTitle(i + 1, item.title ?? '', lang))}</b> ${escapeHtml(item.text)}</p>`));
  }
  if (r.closing.heading) parts.push('</section>', `<section><h2>${sectionTitle(++section, r.closing.heading, lang)}</h2>`);
  parts.push(`<p>${escapeHtml(r.closing.text)}</p></section>`);
  return parts;
}

/** 逐市反馈 as HTML: a table per city. */
export function feedbackParts(report: Report): string[] {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const parts = [`<section><h2>${escapeHtml(w.feedback)}</h2><p>${escapeHtml(w.feedbackIntro)}</p>`];
  if (report.feedback.length === 0) parts.push(`<p>${escapeHtml(w.noProblems)}</p>`);
  for (const city of report.feedback) {
    parts.push(`<h3>${escapeHtml(city.name)}</h3>`);
    const rows = city.regions.flatMap((region) =>
      region.findings.map((f) => [escapeHtml(region.name), escapeHtml(f.message), escapeHtml(w.severities[f.severity] ?? f.severity), escapeHtml(f.provisional ? `${f.source}${lang === 'zh' ? '；' : '; '}${w.provisional}` : f.source), `<code>${escapeHtml(f.rule)}</code>`]),
    );
    parts.push(table([w.region, w.finding, w.severity, w.basis, w.rule], rows, [false, false, false, false, false]));
  }
  parts.push('</section>');
  return parts;
}

function page(title: string, lang: Lang, body: string): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** 逐市反馈 alone, for a file of its own. */
export function formatFeedbackHtml(report: Report): string {
  const title = REPORT_WORDS[report.lang].title(yearsText(report));
  return page(title, report.lang, [`<h1>${escapeHtml(title)}</h1>`, ...feedbackParts(report)].join('\n'));
}

/** One self-contained page: inline CSS and SVG charts rendered here, no script, nothing fetched. */
export function formatReportHtml(report: Report, options: ReportFormatOptions = {}): string {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const c = CHARTS[lang];
  const names = (codes: string[]) => escapeHtml(regionList(codes, { lang, names: report.regionNames }));
  const problems = report.sections.flatMap((s) => s.problems);
  const failing = report.cities.reduce((n, city) => n + city.total, 0);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(w.title(yearsText(report)))}</h1>`);
  parts.push(`<p class="subtitle">${escapeHtml(w.subtitle(report.profileTitle, report.scope.cities, report.scope.counties, report.tool.version))}</p>`);
  const cards = lang === 'zh'
    ? [[report.scope.cities, '个市'], [report.scope.counties, '个县（市、区）'], [problems.length, '项问题'], [failing, '项未通过']]
    : [[report.scope.cities, 'cities'], [report.scope.counties, 'counties'], [problems.length, 'problems'], [failing, 'failing findings']];
  parts.push(`<div class="cards">${cards.map(([n, label]) => `<div class="card"><b>${formatNumber(n as number)}</b>${escapeHtml(String(label))}</div>`).join('')}</div>`);
  parts.push(`<p>${escapeHtml(report.preamble)}</p>`, ...bodyParts(report), '<hr>');

  if (report.rectification) {
    const r = report.rectification;
    parts.push(`<section><h2>${escapeHtml(w.rectification)}</h2>`);
    parts.push(`<p>${escapeHtml(w.rectifiedSummary(r.previousYears.join('、') || '—', r.rectified, r.stillFailing, r.newlyFailing))}</p><ul>`);
    for (const problem of problems) {
      const rect = problem.rectification;
      if (!rect) continue;
      const detail = (['rectified', 'stillFailing', 'newlyFailing', 'unverified'] as const)
        .filter((key) => rect[key].length > 0)
        .map((key) => `${escapeHtml(w[key])} ${rect[key].length}${bracketed(names(rect[key]), lang)}`)
        .join(escapeHtml(w.listSeparator));
      parts.push(`<li>${escapeHtml(problem.title)}${colon(lang)}${detail}</li>`);
    }
    for (const resolved of r.resolved) parts.push(`<li>${escapeHtml(resolved.title)}${colon(lang)}${escapeHtml(w.resolvedAll)}${bracketed(names(resolved.rectified), lang)}</li>`);
    parts.push('</ul></section>');
  }

  if (options.feedback !== false) parts.push(...feedbackParts(report));
  parts.push(`<section><h2>${escapeHtml(w.coverage)}</h2>`);
  const partial = report.coverage.filter((n) => !n.noData);
  const none = report.coverage.filter((n) => n.noData);
  if (report.coverage.length === 0) parts.push(`<p>${escapeHtml(w.noCoverageGaps)}</p>`);
  if (partial.length > 0) {
    parts.push(`<p>${escapeHtml(w.coverageIntro)}</p>`);
    parts.push(table([w.requirement, w.missingCities, w.missingCounties], partial.map((n) => [escapeHtml(n.title), String(n.missing.city), String(n.missing.county)]), [false, true, true]));
  }
  if (none.length > 0) parts.push(`<p>${escapeHtml(w.noData(none.length, none.map((n) => n.title).join(w.listSeparator)))}</p>`);
  if (report.scope.invalid.length > 0) {
    parts.push(`<p>${escapeHtml(w.invalidFiles(report.scope.invalid.length))}</p><ul>`);
    for (const file of report.scope.invalid) parts.push(`<li><code>${escapeHtml(file.file)}</code>${colon(lang)}${escapeHtml(file.errors[0]?.message ?? '')}</li>`);
    parts.push('</ul>');
  }
  parts.push('</section>');

  parts.push(`<section><h2>${escapeHtml(c.charts)}</h2>`);
  parts.push(`<figure role="img" aria-label="${escapeHtml(c.heatmap)}"><figcaption>${escapeHtml(c.heatmap)}</figcaption>${failureHeatmap(report)}</figure>`);
  const bars = passRateBars(report);
  if (bars) parts.push(`<figure role="img" aria-label="${escapeHtml(c.bars)}"><figcaption>${escapeHtml(c.bars)}</figcaption>${bars}</figure>`);
  parts.push('</section>');

  parts.push(`<section><h2>${escapeHtml(w.cityTable)}</h2>`);
  parts.push(
    table(
      [w.rank, w.city, ...CATEGORIES.map((cat) => CATEGORY_LABELS[cat][lang]), w.errors, w.warnings],
      report.cities.map((row) => [String(row.rank), escapeHtml(row.name), ...CATEGORIES.map((cat) => String(row.fails[cat])), String(row.errors), String(row.warnings)]),
      [true, false, ...CATEGORIES.map(() => true), true, true],
    ),
  );
  parts.push('</section>');

  parts.push(`<section><h2>${escapeHtml(w.ruleTable)}</h2>`);
  const rules = report.rules.filter((r) => r.failing > 0).sort((a, b) => (a.passRate ?? 100) - (b.passRate ?? 100) || (a.rule < b.rule ? -1 : 1));
  parts.push(table([w.requirement, w.assessed, w.failing, w.passRate], rules.map((r) => [escapeHtml(r.title), String(r.assessed), String(r.failing), `${formatNumber(r.passRate ?? 0, 1)}%`]), [false, true, true, true]));
  parts.push('</section>');

  if (report.weakestSchools) {
    parts.push(`<section><h2>${escapeHtml(w.weakest)}</h2><p>${escapeHtml(w.weakestIntro)}</p>`);
    parts.push(table([w.county, w.school, w.stage, w.met, w.missedStandards], weakestRows(report).map((row) => row.map(escapeHtml)), [false, false, false, true, false]));
    parts.push('</section>');
  }

  return page(w.title(yearsText(report)), lang, parts.join('\n'));
}
