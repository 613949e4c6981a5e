import type { Workbook, Worksheet } from 'exceljs';
import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { FileResult, Finding } from '../engine/model.js';
import { decodeText } from '../input/decode.js';
import { parseText, syntaxFor } from '../input/parse.js';
import { readSheets } from '../input/table.js';
import type { InputProblem } from '../input/model.js';
import { CATEGORIES, type Category } from '../rules/model.js';
import { evidenceText } from '../text/evidence.js';
import { msg } from '../text/messages.js';
import { CATEGORY_TITLES } from '../text/words.js';
import { workbookCell, xmlCharacters } from './escape.js';
import { dataWorkbook } from './annotate-data.js';

/** An input as bytes: the clerk's workbook, or a JSON/YAML/CSV file from which a workbook is built. */
export interface AnnotateInput {
  name: string;
  bytes: Uint8Array;
}

export interface AnnotateOptions {
  lang: Lang;
  catalogue: Catalogue;
}

type Mark = 'invalid' | 'fail' | 'missing' | 'slip';

const FILLS: Record<Mark, string> = { invalid: 'FFF4B183', fail: 'FFFF9999', missing: 'FFFFEB84', slip: 'FFBDD7EE' };
const RANK: Record<Mark, number> = { invalid: 3, fail: 2, missing: 1, slip: 0 };

/** One finding or problem as the summary sheet lists it, with the cell it marked. */
interface Entry {
  mark: Mark;
  category?: Category;
  rule: string;
  severity: string;
  region: string;
  text: string;
  sheet?: string;
  cell?: string;
}

/** A place in the workbook: a worksheet and an A1 address. */
interface Target {
  sheet: Worksheet;
  cell: string;
}

/**
 * The clerk's own workbook handed back: every failing cell red with a comment (rule, value against the
 * threshold, policy source), every missing required cell yellow, every invalid cell orange with its error, and
 * a first sheet summarising the findings by category with links to the cells. Works on bytes only (the browser
 * page reuses it); the input bytes are never changed. A JSON, YAML or CSV input gets a workbook built from
 * its data, one row per region and one column per indicator.
 */
export async function annotateWorkbook(input: AnnotateInput, files: readonly FileResult[], options: AnnotateOptions): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const resolve = await openBook(book, input, options);
  const notes = new Map<string, { target: Target; mark: Mark; lines: string[] }>();
  const entries: Entry[] = [];
  const note = (target: Target | undefined, mark: Mark, line: string, entry: Omit<Entry, 'sheet' | 'cell'>) => {
    entries.push({ ...entry, ...(target ? { sheet: target.sheet.name, cell: target.cell } : {}) });
    if (!target) return;
    const key = `${target.sheet.name}!${target.cell}`;
    const seen = notes.get(key) ?? { target, mark, lines: [] };
    if (RANK[mark] > RANK[seen.mark]) seen.mark = mark;
    seen.lines.push(line);
    notes.set(key, seen);
  };
  for (const file of files) {
    for (const problem of file.errors) {
      note(resolve(problem), 'invalid', problemNote(problem, options.lang), { mark: 'invalid', rule: 'eduduty.invalid-input', severity: 'error', region: problem.region ?? (file.region ? `${file.region.name} ${file.region.code}` : ''), text: problem.message });
    }
    for (const problem of file.warnings.filter((w) => w.code.startsWith('slip-'))) {
      note(resolve(problem), 'slip', `${msg(options.lang, 'annotate.slip')}\n${problem.message}`, { mark: 'slip', rule: problem.code, severity: 'warning', region: problem.region ?? '', text: problem.message });
    }
    for (const finding of file.findings) {
      const mark = markOf(finding);
      if (!mark) continue;
      note(resolve(finding.location), mark, findingNote(finding, options), { mark, category: finding.category, rule: finding.rule, severity: finding.severity, region: `${finding.region.name} ${finding.region.code}`, text: finding.message });
    }
  }
  for (const { target, mark, lines } of notes.values()) paint(target, mark, noteText(lines, options.lang));
  addSummary(book, entries, options.lang);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Notes past this many on one cell (a row standing for a region's absent columns) are counted, not listed. */
const NOTES_PER_CELL = 8;

function noteText(lines: string[], lang: Lang): string {
  const shown = lines.slice(0, NOTES_PER_CELL);
  if (lines.length > NOTES_PER_CELL) shown.push(msg(lang, 'annotate.more', { count: lines.length - NOTES_PER_CELL }));
  return shown.join('\n\n');
}

function markOf(finding: Finding): Mark | undefined {
  const status = finding.status as string;
  if (status === 'fail') return 'fail';
  if (status === 'invalid') return 'invalid';
  // only what an evaluation requires is asked for in yellow: a missing advisory target is not
  return status === 'missing' && finding.severity === 'error' ? 'missing' : undefined;
}

type Resolve = (at: { path?: string; sheet?: string; cell?: string } | undefined) => Target | undefined;

async function openBook(book: Workbook, input: AnnotateInput, options: AnnotateOptions): Promise<Resolve> {
  if (/\.xlsx$/i.test(input.name)) {
    // a copy: the caller's bytes stay as they are
    await book.xlsx.load(Buffer.from(input.bytes) as never);
    return (at) => {
      const sheet = at?.sheet ? book.getWorksheet(at.sheet) : undefined;
      return sheet && at?.cell ? { sheet, cell: at.cell } : undefined;
    };
  }
  if (/\.csv$/i.test(input.name)) {
    const { sheets } = await readSheets(input.name, input.bytes, options.lang);
    const sheet = book.addWorksheet(msg(options.lang, 'annotate.data-sheet'));
    for (const row of sheets[0]?.rows ?? []) sheet.addRow(row.map(csvCell));
    sheet.getRow(1).font = { bold: true };
    return (at) => (at?.cell ? { sheet, cell: at.cell } : undefined);
  }
  const { text } = decodeText(input.bytes, options.lang);
  const parsed = parseText(text, syntaxFor(input.name, text), options.lang);
  const built = dataWorkbook(book, parsed.ok ? parsed.value : {}, options);
  return (at) => {
    const cell = at?.path !== undefined ? built.cellOf(at.path) : undefined;
    return cell ? { sheet: built.sheet, cell } : undefined;
  };
}

/** A CSV cell as a spreadsheet would have read it: plain numbers as numbers, the rest as inert text. */
function csvCell(cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(cell.trim()) && !/^0\d/.test(cell.trim()) ? Number(cell) : workbookCell(cell);
}

function paint(target: Target, mark: Mark, text: string): void {
  const cell = target.sheet.getCell(target.cell);
  // a fresh style object: loaded cells may share one, and only this cell is marked
  cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[mark] } } };
  cell.note = xmlCharacters(text);
}

function problemNote(problem: InputProblem, lang: Lang): string {
  return `${msg(lang, 'annotate.invalid')}\n${problem.message}`;
}

/** Rule and title, the value against the threshold with units, the policy source. */
function findingNote(finding: Finding, options: AnnotateOptions): string {
  const { lang, catalogue } = options;
  const head = `[${finding.rule}] ${finding.title}`;
  const evidence = finding.evidence.filter((e) => e.passed === false).map((e) => evidenceText(e, catalogue, lang));
  const body = finding.status === 'missing' ? [finding.message] : evidence.length > 0 ? evidence : [finding.message];
  return [head, ...body, `${msg(lang, 'annotate.source')}${finding.source}`].join('\n');
}

const SUMMARY_NAME: Record<Lang, string> = { zh: '评价结果', en: 'Results' };
const GROUPS: readonly Mark[] = ['invalid', 'fail', 'missing', 'slip'];
const GROUP_TITLES = { invalid: 'annotate.group-invalid', fail: 'annotate.group-fail', missing: 'annotate.group-missing', slip: 'annotate.group-slip' } as const;
const COLUMNS = ['annotate.column-category', 'annotate.column-rule', 'annotate.column-severity', 'annotate.column-region', 'annotate.column-message', 'annotate.column-cell'] as const;

/** The first sheet: counts, then the findings by category (the report's order), each linked to its cell. */
function addSummary(book: Workbook, entries: Entry[], lang: Lang): void {
  const taken = new Set(book.worksheets.map((s) => s.name));
  let name = SUMMARY_NAME[lang];
  for (let n = 2; taken.has(name); n++) name = `${SUMMARY_NAME[lang]} (${n})`;
  const sheet = book.addWorksheet(name);
  // ExcelJS writes sheets by orderNo: one below every other puts the summary first
  const ordered = (s: Worksheet) => s as Worksheet & { orderNo: number };
  ordered(sheet).orderNo = Math.min(0, ...book.worksheets.filter((s) => s !== sheet).map((s) => ordered(s).orderNo)) - 1;
  const counts = GROUPS.map((mark) => entries.filter((e) => e.mark === mark).length);
  // a bad cell is listed with each rule it invalidates, but counted once
  counts[0] = new Set(entries.filter((e) => e.mark === 'invalid').map((e, i) => (e.cell ? `${e.sheet}!${e.cell}` : i))).size;
  sheet.addRow([msg(lang, 'annotate.title')]).font = { bold: true, size: 14 };
  sheet.addRow([msg(lang, 'annotate.counts', { fail: counts[1]!, missing: counts[2]!, invalid: counts[0]! })]);
  sheet.addRow([]);
  const header = sheet.addRow(COLUMNS.map((id) => msg(lang, id)));
  header.font = { bold: true };
  for (const mark of GROUPS) {
    const group = entries.filter((e) => e.mark === mark);
    if (group.length === 0) continue;
    sheet.addRow([msg(lang, GROUP_TITLES[mark])]).font = { bold: true, color: { argb: 'FF9C0006' } };
    const order = (e: Entry) => (e.category ? CATEGORIES.indexOf(e.category) : -1);
    for (const entry of [...group].sort((a, b) => order(a) - order(b))) {
      const place = entry.cell ? `${entry.sheet}!${entry.cell}` : '';
      const severity = msg(lang, entry.severity === 'error' ? 'annotate.severity-error' : 'annotate.severity-warning');
      const row = sheet.addRow([entry.category ? CATEGORY_TITLES[entry.category][lang] : '', entry.rule, severity, entry.region, entry.text].map(workbookCell));
      if (entry.cell) {
        const link = row.getCell(6);
        link.value = { text: xmlCharacters(place), hyperlink: `#'${entry.sheet!.replaceAll("'", "''")}'!${entry.cell}` };
        link.font = { color: { argb: 'FF0563C1' }, underline: true };
        row.getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[mark] } };
      }
    }
  }
  for (const [i, width] of [26, 40, 9, 18, 70, 16].entries()) sheet.getColumn(i + 1).width = width;
  book.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
}
