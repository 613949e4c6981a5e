import { parse as parseCsv } from 'csv-parse/sync';
import type { Catalogue, Indicator, Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import { decodeText } from './decode.js';
import { pointerOf, type InputProblem, type SourcePosition } from './model.js';
import type { Locator } from './parse.js';
import { BUDGETS, BudgetError, budgetProblem } from './budget.js';
import type { ExtractedCell } from './workbook-extract.js';
import { unpackWorkbook, WorkbookFailure } from './workbook.js';

export type Cell = ExtractedCell;

export interface Sheet {
  name: string;
  /** Rows of cells; row 0 is the header. */
  rows: Cell[][];
  /** Cells Excel shows as percentages (value 0.876 shown as 87.6%), by "row:col". */
  percentCells?: Set<string>;
  /** Formula cells by "row:col": read by their cached value, an error without one. */
  formulaCells?: Map<string, { formula: string; cached: boolean }>;
  /** Merged ranges reaching into the header row. */
  mergedHeaders?: string[];
}

/** One city of a table, as the raw document an indicator file would hold, and where each value came from. */
export interface TableDocument {
  sheet: string;
  document: Record<string, unknown>;
  errors: InputProblem[];
  warnings: InputProblem[];
  locator: Locator;
}

export const TABLE_FILE = /\.(csv|xlsx)$/i;

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export async function readSheets(name: string, bytes: Uint8Array, lang: Lang): Promise<{ sheets: Sheet[]; warnings: InputProblem[] }> {
  if (/\.csv$/i.test(name)) {
    const { text, warnings } = decodeText(bytes, lang);
    let rows = 0;
    let cells = 0;
    const onRecord = (record: string[]) => {
      if (++rows > BUDGETS.rows) throw new BudgetError('rows');
      if ((cells += record.length) > BUDGETS.cells) throw new BudgetError('cells');
      return record;
    };
    const parsed = parseCsv(text.replace(/^\uFEFF/, ''), { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, on_record: onRecord }) as string[][];
    return { sheets: [{ name: 'csv', rows: parsed }], warnings };
  }
  return { sheets: await unpackWorkbook(bytes), warnings: [] };
}

/** Why a table could not be read, when a budget or the worker unpacking it says so; undefined otherwise. */
export function tableRefusal(error: unknown, lang: Lang): InputProblem | undefined {
  if (error instanceof BudgetError) return budgetProblem(error.budget, lang);
  if (error instanceof WorkbookFailure) {
    const message = error.reason === 'memory' ? msg(lang, 'budget.workbook-memory', { limit: BUDGETS.workbookHeapMb }) : msg(lang, 'budget.workbook-failed', { detail: error.message });
    return { path: '', code: error.reason === 'memory' ? 'over-budget' : 'unreadable', message };
  }
  return undefined;
}

const META: Record<string, 'code' | 'name' | 'year' | 'city'> = {
  region_code: 'code', 行政区划代码: 'code', 区划代码: 'code', 代码: 'code', 地区代码: 'code',
  region_name: 'name', 地区: 'name', 地区名称: 'name', 名称: 'name', 行政区划名称: 'name',
  year: 'year', 年度: 'year', 年份: 'year',
  city_code: 'city', 所属市代码: 'city', 市代码: 'city',
};

/** 万元 is the catalogue's money unit; a header may give 元 or 亿元 instead. */
const MONEY: Record<string, Record<string, number>> = {
  '10k_yuan': { 元: 1e-4, 万元: 1, 亿元: 1e4 },
  yuan_per_student: { 元: 1, '元/生': 1, 万元: 1e4 },
};
const PREVIOUS = new Set(['上年', 'previous', '上一年', '去年']);
const CURRENT = new Set(['本年', 'current', '当年', '今年']);

interface Column {
  index: number;
  header: string;
  meta?: 'code' | 'name' | 'year' | 'city';
  indicator?: Indicator;
  field?: 'current' | 'previous';
  /** Multiply values by this to reach the catalogue's unit. */
  scale: number;
  unitNote?: string;
}

function normalise(text: string): string {
  return text.normalize('NFKC').trim();
}

function parseHeader(raw: Cell, index: number, catalogue: Catalogue, byName: Map<string, Indicator>, lang: Lang): { column?: Column; problem?: string } {
  const shown = raw === null ? '' : String(raw).trim();
  const header = normalise(shown);
  if (header === '') return {};
  if (header.startsWith('x-')) return {};
  const meta = META[header] ?? META[header.toLowerCase()];
  if (meta) return { column: { index, header: shown, meta, scale: 1 } };
  const lookup = (name: string) => catalogue.get(name) ?? byName.get(name) ?? byName.get(name.replace(/\s+/g, ''));
  let base = header;
  const tokens: string[] = [];
  // strip trailing "(unit, 上年)" groups until the rest names an indicator (some names end in brackets themselves)
  while (!lookup(base.replace(/\.(current|previous)$/, '').replace(/^上年/, ''))) {
    const match = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(base);
    if (!match) break;
    base = match[1]!;
    tokens.unshift(...match[2]!.split(/[,;、]/).map((t) => t.trim()).filter(Boolean));
  }
  let field: Column['field'];
  const dotted = /^(.*)\.(current|previous)$/.exec(base);
  if (dotted) {
    base = dotted[1]!;
    field = dotted[2] as Column['field'];
  } else if (base.startsWith('上年')) {
    base = base.slice(2);
    field = 'previous';
  }
  const indicator = lookup(base);
  if (!indicator) return { problem: msg(lang, 'table.unknown-column', { header }) };
  let scale = 1;
  let unitNote: string | undefined;
  for (const token of tokens) {
    if (PREVIOUS.has(token)) field = 'previous';
    else if (CURRENT.has(token)) field = field ?? 'current';
    else if (indicator.unit && MONEY[indicator.unit]?.[token] !== undefined) {
      scale = MONEY[indicator.unit]![token]!;
      if (scale !== 1) unitNote = msg(lang, 'table.converted', { from: token, to: catalogue.units[indicator.unit]?.[lang] ?? indicator.unit });
    } else if (token === '%' && indicator.unit === 'percent') {
      // the catalogue's own unit
    } else if (indicator.unit && token === catalogue.units[indicator.unit]?.zh) {
      // also the catalogue's unit
    } else {
      return { problem: msg(lang, 'table.unit-misfit', { header, token, id: indicator.id, unit: (indicator.unit ? catalogue.units[indicator.unit]?.[lang] : undefined) || indicator.unit || indicator.kind }) };
    }
  }
  if (indicator.kind === 'yoy') field ??= 'current';
  else if (field === 'previous') return { problem: msg(lang, 'table.not-yoy', { header, id: indicator.id }) };
  else field = undefined;
  return { column: { index, header: shown, indicator, ...(field ? { field } : {}), scale, ...(unitNote ? { unitNote } : {}) } };
}

type Converted = { value?: number | boolean; error?: string; note?: string };

const TRUE = new Set(['是', 'true', 'yes', 'y', '有', '√', '✓', '1', '已建立', '已落实']);
/** What the template's own dropdown offers (and true/false): read without a note. */
const OFFERED = new Set(['是', '否', 'true', 'false']);
const FALSE = new Set(['否', 'false', 'no', 'n', '无', '×', '✗', '0', '未建立', '未落实']);

/** A cell's text as a message quotes it: a cell may hold millions of characters, a message shows the start. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** A cell as the catalogue wants it, with a note when it had to be normalised. */
function convert(cell: Cell, column: Column, percentFormatted: boolean, catalogue: Catalogue, lang: Lang): Converted {
  const indicator = column.indicator!;
  if (cell === null || cell === '') return {};
  if (cell instanceof Date) return { error: msg(lang, 'table.date', { expected: msg(lang, indicator.kind === 'boolean' ? 'table.yes-no' : 'table.a-number') }) };
  if (typeof cell === 'object') return { error: msg(lang, 'table.excel-error', { error: cell.error }) };
  if (indicator.kind === 'boolean') {
    if (typeof cell === 'boolean') return { value: cell };
    const word = normalise(String(cell)).toLowerCase();
    if (TRUE.has(word)) return { value: true, ...(!OFFERED.has(word) ? { note: msg(lang, 'table.yes-no-read') } : {}) };
    if (FALSE.has(word)) return { value: false, ...(!OFFERED.has(word) ? { note: msg(lang, 'table.yes-no-read') } : {}) };
    return { error: msg(lang, 'table.expected-yes-no', { cell: clip(String(cell)) }) };
  }
  if (typeof cell === 'boolean') return { error: msg(lang, 'table.expected-number-boolean', { cell: cell ? 'TRUE' : 'FALSE' }) };
  let value: number;
  let note: string | undefined;
  if (typeof cell === 'number') {
    value = cell;
    if (percentFormatted && indicator.unit === 'percent') {
      value = cell * 100;
      note = msg(lang, 'table.percent-cells');
    }
  } else {
    let text = normalise(cell);
    if (text !== cell.trim()) note = msg(lang, 'table.full-width');
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$/.test(text)) {
      text = text.replace(/,/g, '');
      note = msg(lang, 'table.thousands');
    }
    if (text.endsWith('%')) {
      if (indicator.unit !== 'percent') return { error: msg(lang, 'table.percent-sign-misfit', { cell: clip(cell), id: indicator.id, unit: (indicator.unit ? catalogue.units[indicator.unit]?.[lang] : undefined) || indicator.unit || msg(lang, 'table.plain-numbers') }) };
      text = text.slice(0, -1).trim();
      note = msg(lang, 'table.percent-removed');
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { error: msg(lang, 'table.expected-number', { cell: clip(cell) }) };
    value = Number(text);
  }
  if (column.scale !== 1) value = Number((value * column.scale).toPrecision(12));
  return { value, ...(note ? { note } : {}) };
}

/** Two columns for one indicator (or one field of it, or one region field): the later one would win unseen. */
function duplicateHeaders(columns: Column[], sheet: string, lang: Lang): InputProblem[] {
  const first = new Map<string, Column>();
  const problems: InputProblem[] = [];
  for (const column of columns) {
    const key = column.meta ?? `${column.indicator?.id}.${column.field ?? ''}`;
    const earlier = first.get(key);
    if (!earlier) first.set(key, column);
    else problems.push({ path: '', code: 'duplicate-column', message: msg(lang, 'table.duplicate-header', { header: column.header, first: `${columnLetter(earlier.index)}1` }), sheet, cell: `${columnLetter(column.index)}1`, header: column.header });
  }
  return problems;
}

function mergedHeader(range: string, sheet: string, lang: Lang): InputProblem {
  return { path: '', code: 'merged-header', message: msg(lang, 'table.merged-header', { range }), sheet, cell: range.split(':')[0]! };
}

interface Group {
  code: string;
  rowIndex?: number;
  name?: string;
  rows: number[];
  /** Further rows giving the city itself: an error, never merged silently. */
  repeated?: number[];
}

/**
 * Turns a table (one row per region: region_code, region_name, year, then a column per indicator; yoy
 * indicators as a current and a previous column) into one raw indicator document per city.
 */
export function tableDocuments(sheet: Sheet, catalogue: Catalogue, lang: Lang): TableDocument[] | undefined {
  const byName = new Map<string, Indicator>();
  for (const indicator of catalogue.indicators) byName.set(normalise(indicator.name.zh), indicator);
  const [headerRow = [], ...rest] = sheet.rows;
  const columns: Column[] = [];
  const headerProblems: InputProblem[] = [];
  headerRow.forEach((raw, index) => {
    const { column, problem } = parseHeader(raw, index, catalogue, byName, lang);
    if (column) columns.push(column);
    if (problem) headerProblems.push({ path: '', code: 'unknown-column', message: problem, sheet: sheet.name, cell: `${columnLetter(index)}1`, header: String(raw) });
  });
  headerProblems.push(...duplicateHeaders(columns, sheet.name, lang), ...(sheet.mergedHeaders ?? []).map((range) => mergedHeader(range, sheet.name, lang)));
  const meta = (kind: Column['meta']) => columns.find((c) => c.meta === kind);
  const codeColumn = meta('code');
  // a sheet without a region_code column is not data (the template's explanation sheet, notes…)
  if (!codeColumn) return undefined;
  const unpaired = new Set<Indicator>();
  for (const column of columns.filter((c) => c.indicator?.kind === 'yoy')) {
    const other = columns.find((c) => c.indicator === column.indicator && c.field !== column.field);
    if (!other) unpaired.add(column.indicator!);
    if (!other && column.field === 'current') {
      headerProblems.push({ path: '', code: 'yoy-columns', message: msg(lang, 'table.yoy-columns', { id: column.indicator!.id, name: column.header.replace(/\s*\(.*$/, '') }), sheet: sheet.name, cell: `${columnLetter(column.index)}1`, header: column.header });
    }
  }
  const cellName = (row: number, col: number) => `${columnLetter(col)}${row + 1}`;
  const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? '' : normalise(String(cell)));

  const groups = new Map<string, Group>();
  const orphans: InputProblem[] = [];
  rest.forEach((row, i) => {
    const r = i + 1;
    if (row.every((c) => text(c) === '')) return;
    // "#" in the code column marks a comment row (the template's English names, a note)
    if (text(row[codeColumn.index]).startsWith('#')) return;
    const code = text(row[codeColumn.index]).replace(/\.0+$/, '');
    if (!/^\d{6}$/.test(code)) {
      orphans.push({ path: '', code: 'region-code', message: msg(lang, 'table.region-code', { code: clip(text(row[codeColumn.index])) }), sheet: sheet.name, cell: cellName(r, codeColumn.index), header: codeColumn.header });
      return;
    }
    const cityColumn = meta('city');
    const city = code.endsWith('00') ? code : text(cityColumn ? row[cityColumn.index] : undefined) || `${code.slice(0, 4)}00`;
    const group = groups.get(city) ?? { code: city, rows: [] };
    if (code === city && group.rowIndex !== undefined) (group.repeated ??= []).push(r);
    else {
      if (code === city) group.rowIndex = r;
      group.rows.push(r);
    }
    groups.set(city, group);
  });

  // a yoy indicator without both columns is reported once, at its header, and left out of the rows
  const usable = columns.filter((c) => !c.indicator || !unpaired.has(c.indicator));
  // where a row the sheet lacks would go: the region_code cell of the first empty row after every row of data
  let lastRow = 0;
  rest.forEach((row, i) => {
    if (row.some((c) => text(c) !== '')) lastRow = i + 1;
  });
  const nextRow = lastRow + 1;
  const newRow: SourcePosition = { sheet: sheet.name, cell: cellName(nextRow, codeColumn.index), header: clip(codeColumn.header), ...(sheet.name === 'csv' ? { line: nextRow + 1 } : {}) };
  const docs = [...groups.values()].map((group) => buildDocument(sheet, group, usable, headerProblems, { text, cellName, meta, catalogue, lang, newRow }));
  if (orphans.length > 0) {
    docs.push({ sheet: sheet.name, document: {}, errors: orphans, warnings: [], locator: { locate: () => undefined } });
  }
  for (const doc of docs) addFractionWarnings(doc, sheet, columns, lang);
  return docs;
}

function buildDocument(
  sheet: Sheet,
  group: Group,
  columns: Column[],
  headerProblems: InputProblem[],
  helpers: { text: (c: Cell | undefined) => string; cellName: (r: number, c: number) => string; meta: (k: Column['meta']) => Column | undefined; catalogue: Catalogue; lang: Lang; newRow: SourcePosition },
): TableDocument {
  const { text, cellName, meta, catalogue, lang, newRow } = helpers;
  const errors: InputProblem[] = [...headerProblems];
  const warnings: InputProblem[] = [];
  const positions = new Map<string, SourcePosition>();
  const notes = new Map<string, { count: number; position: SourcePosition; note: string }>();
  const nameColumn = meta('name');
  const yearColumn = meta('year');
  const codeColumn = meta('code')!;
  const rowOf = (r: number) => sheet.rows[r] ?? [];
  const regionName = (r: number) => text(nameColumn ? rowOf(r)[nameColumn.index] : undefined);
  const at = (r: number, c: Column, region: string): SourcePosition => ({ sheet: sheet.name, cell: cellName(r, c.index), header: clip(c.header), region: clip(region), ...(sheet.name === 'csv' ? { line: r + 1 } : {}) });

  const cityRow = group.rowIndex;
  const countyRows = group.rows.filter((r) => r !== cityRow);
  const document: Record<string, unknown> = { schemaVersion: 1 };
  if (cityRow === undefined) {
    const first = countyRows[0]!;
    errors.push({ path: '/region', code: 'missing-city-row', message: msg(lang, 'table.missing-city-row', { code: group.code }), ...at(first, codeColumn, regionName(first)) });
  }
  for (const r of group.repeated ?? []) {
    errors.push({ path: '/region/code', code: 'duplicate-region', message: msg(lang, 'score.repeated-row', { code: group.code, first: cellName(cityRow!, codeColumn.index) }), ...at(r, codeColumn, regionName(r)) });
  }
  // a county given twice is named by the cells of its codes (the validator would name it by JSON pointers)
  const firstRow = new Map<string, number>();
  countyRows.forEach((r, i) => {
    const code = text(rowOf(r)[codeColumn.index]).replace(/\.0+$/, '');
    const first = firstRow.get(code);
    if (first === undefined) firstRow.set(code, r);
    else errors.push({ path: `/counties/${i}/region/code`, code: 'duplicate-region', message: msg(lang, 'table.repeated-county', { code, first: cellName(first, codeColumn.index) }), ...at(r, codeColumn, regionName(r)) });
  });
  const yearRow = cityRow ?? countyRows[0]!;
  if (yearColumn) {
    const year = Number(text(rowOf(yearRow)[yearColumn.index]));
    document.year = Number.isFinite(year) && text(rowOf(yearRow)[yearColumn.index]) !== '' ? year : text(rowOf(yearRow)[yearColumn.index]);
    positions.set('/year', at(yearRow, yearColumn, regionName(yearRow)));
    for (const r of group.rows) {
      if (text(rowOf(r)[yearColumn.index]) !== text(rowOf(yearRow)[yearColumn.index])) {
        errors.push({ path: '/year', code: 'mixed-years', message: msg(lang, 'table.mixed-years', { here: text(rowOf(r)[yearColumn.index]), first: text(rowOf(yearRow)[yearColumn.index]) }), ...at(r, yearColumn, regionName(r)) });
      }
    }
  }

  const regionValues = (r: number, base: string) => {
    const indicators: Record<string, unknown> = {};
    for (const column of columns) {
      if (!column.indicator) continue;
      const id = column.indicator.id;
      const pointer = column.field ? `${base}/${id}/${column.field}` : `${base}/${id}`;
      const position = at(r, column, regionName(r));
      positions.set(pointer, position);
      if (column.field) positions.set(`${base}/${id}`, position);
      const formula = sheet.formulaCells?.get(`${r}:${column.index}`);
      if (formula && !formula.cached) {
        errors.push({ path: pointer, code: 'formula', message: msg(lang, 'table.formula-no-value', { formula: `=${formula.formula.slice(0, 60)}` }), ...position });
        continue;
      }
      const converted = convert(rowOf(r)[column.index] ?? null, column, sheet.percentCells?.has(`${r}:${column.index}`) ?? false, catalogue, lang);
      if (converted.error) {
        errors.push({ path: pointer, code: 'cell', message: converted.error, ...position });
        continue;
      }
      if (converted.value === undefined) continue;
      for (const note of [converted.note, column.unitNote, formula ? msg(lang, 'table.formula-cached') : undefined]) {
        if (!note) continue;
        const key = `${column.index}|${note}`;
        const seen = notes.get(key);
        if (seen) seen.count++;
        // the first data cell normalised, never the header: that is where the clerk looks
        else notes.set(key, { count: 1, position, note });
      }
      if (column.field) {
        const pair = (indicators[id] as Record<string, unknown> | undefined) ?? {};
        pair[column.field] = converted.value;
        indicators[id] = pair;
      } else indicators[id] = converted.value;
    }
    return indicators;
  };

  const region = (r: number, base: string) => {
    positions.set(`${base}/code`, at(r, codeColumn, regionName(r)));
    // a value with no column of its own is located at its region's row
    positions.set(base.replace(/region$/, 'indicators'), at(r, codeColumn, regionName(r)));
    if (nameColumn) positions.set(`${base}/name`, at(r, nameColumn, regionName(r)));
    return { code: text(rowOf(r)[codeColumn.index]).replace(/\.0+$/, ''), name: regionName(r) };
  };
  document.region = cityRow !== undefined ? region(cityRow, '/region') : { code: group.code, name: group.code };
  document.indicators = cityRow !== undefined ? regionValues(cityRow, '/indicators') : {};
  if (countyRows.length > 0) {
    document.counties = countyRows.map((r, i) => ({ region: region(r, `/counties/${i}/region`), indicators: regionValues(r, `/counties/${i}/indicators`) }));
  }
  for (const { count, position, note } of notes.values()) {
    warnings.push({ path: '', code: 'normalised', message: msg(lang, count === 1 ? 'table.cell' : 'table.cells', { note, count }), ...position });
  }
  return { sheet: sheet.name, document, errors, warnings, locator: tableLocator(positions, newRow) };
}

/**
 * Locates a JSON pointer by the nearest pointer a cell produced. `/counties` itself, the list a county the
 * sheet lacks belongs in, is the row where it would be added (never a fallback for a pointer below it).
 */
function tableLocator(positions: Map<string, SourcePosition>, newRow: SourcePosition): Locator {
  return {
    locate(segments) {
      if (segments.length === 1 && segments[0] === 'counties') return newRow;
      for (let n = segments.length; n >= 0; n--) {
        const found = positions.get(pointerOf(segments.slice(0, n)));
        if (found) return found;
      }
      return undefined;
    },
  };
}

/** Percent columns holding only values ≤ 1 are probably fractions (0.92 for 92%): flagged, not rescaled. */
function addFractionWarnings(doc: TableDocument, sheet: Sheet, columns: Column[], lang: Lang): void {
  const regions = [doc.document.indicators, ...((doc.document.counties as { indicators: unknown }[] | undefined) ?? []).map((c) => c.indicators)] as (Record<string, unknown> | undefined)[];
  for (const column of columns) {
    const indicator = column.indicator;
    if (!indicator || indicator.unit !== 'percent' || indicator.kind === 'yoy') continue;
    const values = regions.map((r) => r?.[indicator.id]).filter((v): v is number => typeof v === 'number');
    if (values.length > 0 && values.every((v) => v <= 1) && values.some((v) => v > 0)) {
      doc.warnings.push({
        path: '',
        code: 'fractions',
        message: msg(lang, 'table.fractions', { id: indicator.id }),
        sheet: sheet.name,
        cell: `${columnLetter(column.index)}1`,
        header: column.header,
      });
    }
  }
}
