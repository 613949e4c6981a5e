import type { Catalogue, Lang } from '../../catalogue/catalogue.js';
import type { FileResult, Finding, Status } from '../../engine/model.js';
import type { InputProblem } from '../../input/model.js';
import { CATEGORIES, inProfile, SEVERITIES, type Category, type Rule, type RuleSet } from '../../rules/model.js';
import { quotesFor } from '../../text/basis.js';
import { evidenceText } from '../../text/evidence.js';
import { msg, type MessageId } from '../../text/messages.js';
import { formatNumber } from '../../text/values.js';
import { CATEGORY_TITLES, WORDS } from '../../text/words.js';
import { byId, h } from './dom.js';
import { conditionLines } from '../../text/conditions.js';
import type { Condition } from '../../rules/model.js';
import type { Scored } from './engine.js';

const STATUS_ORDER: Record<Status, number> = { invalid: 0, fail: 1, missing: 2, waived: 3, pass: 4 };
/** A mark beside each status word: colour is never the only cue, and the word is always printed. */
const STATUS_MARK: Record<Status, string> = { invalid: '⊘', fail: '✖', missing: '?', waived: '○', pass: '✔' };
const STATUS_TEXT: Record<Status, MessageId> = { invalid: 'web.status-invalid', fail: 'web.status-fail', missing: 'web.status-missing', waived: 'web.status-waived', pass: 'web.status-pass' };
const PAGE = 300;

export interface Filters {
  category: string;
  severity: string;
  status: string;
  region: string;
}

interface Row {
  file: FileResult;
  finding: Finding;
}

/** "12:5", or for a spreadsheet "Sheet1 › D7", as the terminal output places a problem. */
function positionText(at: { sheet?: string; cell?: string; line?: number; column?: number }): string {
  if (at.cell) return at.sheet && at.sheet !== 'csv' ? `${at.sheet} › ${at.cell}` : at.cell;
  return at.line !== undefined ? `${at.line}:${at.column ?? 1}` : '';
}

function fileTitle(file: FileResult): string {
  return file.sheet && file.sheet !== 'csv' ? `${file.file} › ${file.sheet}` : file.file;
}

export function renderSummary(scored: Scored, lang: Lang): void {
  const { summary } = scored.result;
  const section = byId('summary');
  section.dataset.summary = JSON.stringify(summary);
  section.dataset.scoreMs = scored.ms.toFixed(1);
  section.hidden = false;
  const cards: [number, MessageId, string][] = [
    [summary.files, 'web.count-files', ''],
    [summary.invalid, 'web.count-invalid', summary.invalid > 0 ? 'bad' : ''],
    [summary.regions, 'web.count-regions', ''],
    [summary.fail, 'web.count-fail', summary.fail > 0 ? 'bad' : ''],
    [summary.errors, 'web.count-errors', ''],
    [summary.warnings, 'web.count-warnings', ''],
    [summary.pass, 'web.count-pass', ''],
    [summary.missing, 'web.count-missing', ''],
  ];
  byId('summary-cards').replaceChildren(...cards.map(([n, id, cls]) => h('div', { class: `card ${cls}`.trim() }, h('b', {}, formatNumber(n)), msg(lang, id as never))));
}

function problemRow(file: FileResult, problem: InputProblem): HTMLTableRowElement {
  const at = positionText(problem);
  const where = problem.header ? `${problem.header}${problem.region ? ` · ${problem.region}` : ''}` : problem.path;
  return h('tr', {}, h('td', {}, file.file), h('td', { class: 'cell' }, at), h('td', {}, where ? h('code', {}, where) : ''), h('td', {}, problem.message));
}

function problemTable(rows: HTMLTableRowElement[], lang: Lang): HTMLTableElement {
  const head = h('tr', {}, ...(['web.file', 'web.where', 'web.column', 'web.problem'] as const).map((id) => h('th', { scope: 'col' }, msg(lang, id))));
  return h('table', { class: 'problems' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

/** The invalid files' errors, each at its sheet and cell (or line and column), with what was expected; then every file's notes. */
export function renderInvalid(files: readonly FileResult[], lang: Lang): void {
  const errors = files.flatMap((file) => file.errors.map((problem) => problemRow(file, problem)));
  const warnings = files.flatMap((file) => file.warnings.map((problem) => problemRow(file, problem)));
  byId('invalid').hidden = errors.length === 0 && warnings.length === 0;
  byId('invalid-list').replaceChildren(
    ...(errors.length > 0 ? [problemTable(errors, lang)] : [h('p', {}, msg(lang, 'web.invalid-none'))]),
    ...(warnings.length > 0 ? [h('details', {}, h('summary', {}, msg(lang, 'web.warnings-count', { count: formatNumber(warnings.length) })), problemTable(warnings, lang))] : []),
  );
}

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  return h('option', { value, selected }, text);
}

/** The filters' choices, keeping what was chosen when the results change. */
export function renderFilters(files: readonly FileResult[], filters: Filters, lang: Lang): void {
  const all = msg(lang, 'web.all');
  const fill = (id: string, options: HTMLElement[]) => byId<HTMLSelectElement>(id).replaceChildren(...options);
  fill('filter-category', [option('', all, filters.category === ''), ...CATEGORIES.map((c) => option(c, CATEGORY_TITLES[c][lang], filters.category === c))]);
  fill('filter-severity', [option('', all, filters.severity === ''), ...SEVERITIES.map((s) => option(s, msg(lang, s === 'error' ? 'web.error' : 'web.warning'), filters.severity === s))]);
  fill('filter-status', [option('', all, filters.status === ''), ...(['fail', 'missing', 'pass', 'waived'] as const).map((s) => option(s, msg(lang, STATUS_TEXT[s] as never), filters.status === s))]);
  const cities = files.filter((f) => f.valid && f.region);
  const groups = cities.map((file) => {
    const regions = new Map<string, string>();
    for (const f of file.findings) regions.set(f.region.code, f.region.name);
    return h('optgroup', { label: `${file.region!.name} ${file.region!.code}` }, ...[...regions].sort().map(([code, name]) => option(code, `${name} ${code}`, filters.region === code)));
  });
  fill('filter-region', [option('', all, filters.region === ''), ...groups]);
}

function matches(row: Row, filters: Filters): boolean {
  const f = row.finding;
  return (!filters.category || f.category === filters.category) && (!filters.severity || f.severity === filters.severity) && (!filters.status || f.status === filters.status) && (!filters.region || f.region.code === filters.region);
}

/** By city and file, then region (the city itself before its counties), failures first, then in the report's order. */
function compareRows(a: Row, b: Row): number {
  const fa = a.finding;
  const fb = b.finding;
  const city = (a.file.region?.code ?? '').localeCompare(b.file.region?.code ?? '');
  return (
    city ||
    fileTitle(a.file).localeCompare(fileTitle(b.file)) ||
    fa.region.code.localeCompare(fb.region.code) ||
    STATUS_ORDER[fa.status] - STATUS_ORDER[fb.status] ||
    CATEGORIES.indexOf(fa.category) - CATEGORIES.indexOf(fb.category) ||
    (fa.severity === fb.severity ? 0 : fa.severity === 'error' ? -1 : 1) ||
    fa.rule.localeCompare(fb.rule)
  );
}

export function selectRows(files: readonly FileResult[], filters: Filters): Row[] {
  const rows: Row[] = [];
  for (const file of files) for (const finding of file.findings) if (matches({ file, finding }, filters)) rows.push({ file, finding });
  return rows.sort(compareRows);
}

function valueText(finding: Finding, catalogue: Catalogue, lang: Lang): string {
  const shown = finding.status === 'fail' ? finding.evidence.filter((e) => e.passed === false) : finding.evidence.filter((e) => e.evaluated);
  return shown.map((e) => evidenceText(e, catalogue, lang)).join(WORDS[lang].listSeparator);
}

function locationText(row: Row): string {
  const at = row.finding.location;
  if (!at) return fileTitle(row.file);
  const position = positionText(at);
  return `${row.file.file}${position ? ` › ${position}` : ''}`;
}

/** What `explain RULE --file F --region R` says: the rule, its thresholds in every profile, its sources and this region's trace. */
function explainBody(rule: Rule | undefined, finding: Finding, ruleSet: RuleSet, catalogue: Catalogue, lang: Lang): HTMLElement {
  const colon = WORDS[lang].colon;
  const body = h('div', { class: 'explain-body' });
  if (rule) {
    body.append(h('p', {}, h('code', {}, rule.id), ` — ${rule.meta.title[lang]}`));
    // the conditions as `explain` prints them, one per line
    body.append(h('pre', { class: 'explain-conditions' }, conditionLines(rule.definition.conditions as Condition, catalogue, lang, '').join('\n')));
    const thresholds = ruleSet.profiles.map((profile) => {
      const value = !inProfile(rule, profile) ? msg(lang, 'web.explain-not-in') : rule.thresholds.length === 0 ? msg(lang, 'web.explain-no-threshold') : rule.thresholds.map((name) => `${name} = ${profile.thresholds[rule.id]![name]}`).join(', ');
      return h('li', {}, `${profile.name}${colon}${value}`);
    });
    body.append(h('p', {}, msg(lang, 'web.explain-thresholds')), h('ul', {}, ...thresholds));
    const { shown } = quotesFor(rule.meta.quotes ?? [], lang);
    if (shown.length > 0) body.append(h('p', {}, msg(lang, 'web.explain-quotes')), h('ul', {}, ...shown.map((q) => h('li', {}, q))));
  }
  const trace = finding.evidence.map((e) => {
    const mark = !e.evaluated ? '·' : e.passed ? '✔' : '✖';
    const note = !e.evaluated && finding.status !== 'missing' ? ` (${msg(lang, 'web.explain-not-evaluated')})` : '';
    return h('li', {}, `${mark} ${evidenceText(e, catalogue, lang)}${e.threshold ? ` [${e.threshold}]` : ''}${note}`);
  });
  body.append(h('p', {}, `${msg(lang, 'web.explain-trace')}${colon}${finding.region.name} ${finding.region.code}`), h('ul', {}, ...trace), h('p', {}, finding.message));
  return body;
}

function findingItem(row: Row, scored: Scored, catalogue: Catalogue, lang: Lang): HTMLElement {
  const f = row.finding;
  const colon = WORDS[lang].colon;
  const value = valueText(f, catalogue, lang);
  const explain = h('details', { class: 'explain' }, h('summary', {}, msg(lang, 'web.explain')));
  // built on first opening: a province has thousands of findings
  explain.addEventListener('toggle', () => {
    if (explain.open && explain.childElementCount === 1) explain.append(explainBody(scored.ruleSet.rules.find((r) => r.id === f.rule), f, scored.ruleSet, catalogue, lang));
  });
  return h(
    'li',
    { class: `finding ${f.status} ${f.severity}` },
    h('p', { class: 'head' }, h('span', { class: `badge ${f.status}` }, `${STATUS_MARK[f.status]} ${msg(lang, STATUS_TEXT[f.status] as never)}`), ' ', h('span', { class: 'severity' }, msg(lang, f.severity === 'error' ? 'web.error' : 'web.warning')), ' ', h('span', { class: 'category' }, CATEGORY_TITLES[f.category][lang])),
    h('p', { class: 'message' }, f.status === 'pass' ? f.title : f.message),
    h(
      'dl',
      {},
      value ? h('div', {}, h('dt', {}, msg(lang, 'web.value') + colon), h('dd', {}, value)) : null,
      h('div', {}, h('dt', {}, msg(lang, 'web.source') + colon), h('dd', {}, f.source)),
      h('div', {}, h('dt', {}, msg(lang, 'web.cell') + colon), h('dd', { class: 'cell' }, locationText(row))),
      h('div', {}, h('dt', {}, msg(lang, 'web.rule') + colon), h('dd', {}, h('code', {}, f.rule))),
    ),
    explain,
  );
}

/** The selected findings grouped by city and region, the first `limit` of them. */
export function renderFindings(rows: readonly Row[], limit: number, scored: Scored, catalogue: Catalogue, lang: Lang): void {
  const list = byId('findings-list');
  byId('findings').hidden = false;
  const shown = rows.slice(0, limit);
  byId('findings-count').textContent = rows.length === 0 ? msg(lang, 'web.none-match') : msg(lang, 'web.shown', { shown: shown.length, total: rows.length });
  const parts: HTMLElement[] = [];
  let city = '';
  let region = '';
  let items: HTMLElement | undefined;
  for (const row of shown) {
    const file = row.file;
    // a city per file: two files of one city are shown apart
    const key = `${file.region?.code}|${fileTitle(file)}`;
    if (file.region && key !== city) {
      city = key;
      region = '';
      parts.push(h('h3', {}, `${file.region.name} ${file.region.code}${file.year ? ` · ${file.year}` : ''}${file.profile ? ` · ${file.profile}` : ''} · ${fileTitle(file)}`));
    }
    if (row.finding.region.code !== region) {
      region = row.finding.region.code;
      const level = msg(lang, row.finding.region.level === 'city' ? 'web.city-level' : 'web.county-level');
      parts.push(h('h4', {}, `${row.finding.region.name} ${region} · ${level}`));
      items = h('ul', { class: 'findings' });
      parts.push(items);
    }
    items!.append(findingItem(row, scored, catalogue, lang));
  }
  list.replaceChildren(...parts);
  const more = byId<HTMLButtonElement>('findings-more');
  more.hidden = rows.length <= limit;
  more.textContent = msg(lang, 'web.more', { count: Math.min(PAGE, rows.length - limit) });
}

export const FINDINGS_PAGE = PAGE;

/** An input per threshold of the profile's rules: the value of the page's override, the profile's as placeholder. */
export function renderThresholds(scored: Pick<Scored, 'profile'>, ruleSet: RuleSet, overrides: Record<string, Record<string, number>>, lang: Lang): void {
  const rows = ruleSet.rules
    .filter((rule) => rule.thresholds.length > 0 && inProfile(rule, scored.profile))
    .flatMap((rule) =>
      rule.thresholds.map((name) => {
        const id = `threshold-${rule.id}-${name}`;
        const given = overrides[rule.id]?.[name];
        return h(
          'div',
          { class: 'threshold' },
          h('label', { for: id }, `${rule.meta.title[lang]} · ${name}`),
          h('input', { id, type: 'number', step: 'any', 'data-rule': rule.id, 'data-threshold': name, placeholder: String(scored.profile.thresholds[rule.id]?.[name] ?? ''), value: given === undefined ? undefined : String(given) }),
        );
      }),
    );
  byId('threshold-list').replaceChildren(...rows);
}

export type { Category, Row };
