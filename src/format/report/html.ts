import type { Lang } from '../../catalogue/catalogue.js';
import type { Problem, Report } from '../../report/model.js';
import { regionList } from '../../report/sentences.js';
import { CATEGORIES } from '../../rules/model.js';
import { formatNumber } from '../../text/values.js';
import { htmlText as escapeHtml } from '../escape.js';
import { failureHeatmap, passRateBars } from './charts.js';
import { bracketed, colon, weakestRows, yearsText } from './markdown.js';
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

function problemItem(problem: Problem, lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const mark = problem.severity === 'error' ? `<span class="error-mark" aria-label="${w.errors}">✖</span>` : `<span class="warning-mark" aria-label="${w.warnings}">⚠</span>`;
  const provisional = problem.provisional ? (lang === 'zh' ? `，${w.provisional}` : `; ${w.provisional}`) : '';
  const basis = bracketed(`${w.basis}${colon(lang)}${problem.source}${provisional}`, lang);
  return `<li>${mark} ${escapeHtml(problem.sentence)}<span class="basis">${escapeHtml(basis)}</span> <code>${escapeHtml(problem.rule)}</code></li>`;
}

function table(head: string[], rows: string[][], numeric: boolean[]): string {
  const th = head.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''} scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric[i] ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function sectionTitle(index: number, title: string, lang: Lang): string {
  return lang === 'zh' ? `${chineseNumeral(index)}、${escapeHtml(title)}` : `${index}. ${escapeHtml(title)}`;
}

/** One self-contained page: inline CSS and SVG charts rendered here, no script, nothing fetched. */
export function formatReportHtml(report: Report): string {
  const { lang } = report;
  const w = REPORT_WORDS[lang];
  const c = CHARTS[lang];
  const names = (codes: string[]) => escapeHtml(regionList(codes, { lang, names: report.regionNames }));
  const problems = report.categories.flatMap((cat) => cat.problems);
  const failing = report.cities.reduce((n, city) => n + city.total, 0);
  const parts: string[] = [];
  let section = 0;
  parts.push(`<h1>${escapeHtml(w.title(yearsText(report)))}</h1>`);
  parts.push(`<p class="subtitle">${escapeHtml(w.subtitle(report.profile, report.scope.cities, report.scope.counties, report.tool.version))}</p>`);
  const cards = lang === 'zh'
    ? [[report.scope.cities, '个市'], [report.scope.counties, '个县（市、区）'], [problems.length, '类问题'], [failing, '项未通过']]
    : [[report.scope.cities, 'cities'], [report.scope.counties, 'counties'], [problems.length, 'problems'], [failing, 'failing findings']];
  parts.push(`<div class="cards">${cards.map(([n, label]) => `<div class="card"><b>${formatNumber(n as number)}</b>${escapeHtml(String(label))}</div>`).join('')}</div>`);

  parts.push(`<section><h2>${sectionTitle(++section, w.achievements, lang)}</h2><ol>`);
  for (const group of report.praiseGroups) parts.push(`<li><b>${escapeHtml(CATEGORY_LABELS[group.category][lang])}</b>${colon(lang)}${escapeHtml(group.sentence)}</li>`);
  parts.push('</ol>');
  if (report.allPassed.length > 0) parts.push(`<p>${escapeHtml(w.allPassed(report.allPassed.length, report.allPassed.map((r) => r.title).join(w.listSeparator)))}</p>`);
  parts.push('</section>');

  parts.push(`<section><h2>${sectionTitle(++section, w.problems, lang)}</h2>`);
  report.categories.forEach((category, i) => {
    const title = lang === 'zh' ? `（${chineseNumeral(i + 1)}）${category.title}` : `${i + 1}. ${category.title}`;
    parts.push(`<h3>${escapeHtml(title)}</h3>`);
    if (category.problems.length === 0) parts.push(`<p>${escapeHtml(w.noProblems)}</p>`);
    else parts.push(`<ol>\n${category.problems.map((p) => problemItem(p, lang)).join('\n')}\n</ol>`);
  });
  parts.push('</section>');

  if (report.rectification) {
    const r = report.rectification;
    parts.push(`<section><h2>${sectionTitle(++section, w.rectification, lang)}</h2>`);
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

  parts.push(`<section><h2>${sectionTitle(++section, w.coverage, lang)}</h2>`);
  const partial = report.coverage.filter((n) => !n.noData);
  const none = report.coverage.filter((n) => n.noData);
  if (report.coverage.length === 0) parts.push(`<p>${escapeHtml(w.noCoverageGaps)}</p>`);
  if (partial.length > 0) {
    parts.push(`<p>${escapeHtml(w.coverageIntro)}</p>`);
    parts.push(table([w.rule, w.requirement, w.missingCities, w.missingCounties], partial.map((n) => [`<code>${escapeHtml(n.rule)}</code>`, escapeHtml(n.title), String(n.missing.city), String(n.missing.county)]), [false, false, true, true]));
  }
  if (none.length > 0) parts.push(`<p>${escapeHtml(w.noData(none.length, none.map((n) => n.title).join(w.listSeparator)))}</p>`);
  if (report.scope.invalid.length > 0) {
    parts.push(`<p>${escapeHtml(w.invalidFiles(report.scope.invalid.length))}</p><ul>`);
    for (const file of report.scope.invalid) parts.push(`<li><code>${escapeHtml(file.file)}</code>${colon(lang)}${escapeHtml(file.errors[0]?.message ?? '')}</li>`);
    parts.push('</ul>');
  }
  parts.push('</section>');

  parts.push(`<section><h2>${sectionTitle(++section, c.charts, lang)}</h2>`);
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
  parts.push(table([w.rule, w.requirement, w.assessed, w.failing, w.passRate], rules.map((r) => [`<code>${escapeHtml(r.rule)}</code>`, escapeHtml(r.title), String(r.assessed), String(r.failing), `${formatNumber(r.passRate ?? 0, 1)}%`]), [false, false, true, true, true]));
  parts.push('</section>');

  if (report.weakestSchools) {
    parts.push(`<section><h2>${escapeHtml(w.weakest)}</h2><p>${escapeHtml(w.weakestIntro)}</p>`);
    parts.push(table([w.county, w.school, w.stage, w.met, w.missedStandards], weakestRows(report).map((row) => row.map(escapeHtml)), [false, false, false, true, false]));
    parts.push('</section>');
  }

  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(w.title(yearsText(report)))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}
