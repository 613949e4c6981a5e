import { createHash } from 'node:crypto';
import { BUDGETS, budgetProblem, capProblems, describeFsError, documentBudget, readRegularFile } from './budget.js';

export { describeFsError } from './budget.js';
import { decodeText } from './decode.js';
import type { IndicatorFile, InputProblem } from './model.js';
import { segmentsOf } from './model.js';
import { parseText, syntaxFor, type Locator } from './parse.js';
import type { Validator } from './validate.js';
import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import { msg, type MessageId } from '../text/messages.js';
import { readSheets, TABLE_FILE, tableDocuments, tableRefusal } from './table.js';
import { salvageDocument } from './salvage.js';

/** Files larger than this are refused before parsing: no indicator file comes near it. */
export const DEFAULT_MAX_BYTES = BUDGETS.fileBytes;

export interface InputSource {
  /** The name shown to the user: the path as given, or `<stdin>`. */
  name: string;
  bytes?: Uint8Array;
}

export interface ReadResult {
  name: string;
  /** The region a document names, when it names one well-formed (kept for invalid table groups). */
  region?: { code: string; name: string };
  /** For spreadsheets: the sheet the city came from. */
  sheet?: string;
  file?: IndicatorFile;
  /** An invalid document whose only errors are bad indicator values: the document without them, to score the rest. */
  partial?: IndicatorFile;
  errors: InputProblem[];
  warnings: InputProblem[];
  /** sha256 of the input's bytes, for receipts. */
  sha256?: string;
  /** Finds positions in the source text (absent when the file did not parse). */
  locator?: Locator;
}

function locateAll(problems: InputProblem[], locator: Locator): InputProblem[] {
  return problems.map((problem) => {
    if (problem.line !== undefined || problem.cell !== undefined || problem.path === '') return problem;
    const at = locator.locate(segmentsOf(problem.path), problem.code === 'unknown-key' || problem.code === 'forbidden-key');
    return at ? { ...problem, ...at } : problem;
  });
}

function cellOrder(cell: string | undefined): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(cell ?? '');
  if (!match) return [0, 0];
  const col = [...match[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(match[2]), col];
}

export function byPosition(a: InputProblem, b: InputProblem): number {
  const [ar, ac] = cellOrder(a.cell);
  const [br, bc] = cellOrder(b.cell);
  return (a.line ?? ar) - (b.line ?? br) || (a.column ?? ac) - (b.column ?? bc) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}


export type LoadedSource = { ok: true; bytes: Uint8Array; sha256: string } | { ok: false; problem: InputProblem; sha256?: string };

/**
 * An input's bytes and their sha256, for every reader (indicator files, tables, rosters). Only a regular file
 * is read, and one over the limit is refused by its size before a byte of it is read.
 */
export function loadSource(source: InputSource, lang: Lang, maxBytes: number = DEFAULT_MAX_BYTES): LoadedSource {
  let bytes = source.bytes;
  if (!bytes) {
    // files are scored one at a time: a synchronous read skips a thread-pool round trip per file
    const read = readRegularFile(source.name, lang, { maxBytes });
    if (!read.ok) return read;
    bytes = read.bytes;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // bytes in memory (stdin) may be only the first part of a longer stream: their size is a lower bound
  if (bytes.byteLength > maxBytes) return { ok: false, problem: { path: '', code: 'too-large', message: msg(lang, 'budget.stream-too-large', { limit: maxBytes }) }, sha256 };
  return { ok: true, bytes, sha256 };
}

function failed(name: string, loaded: Extract<LoadedSource, { ok: false }>): ReadResult {
  return { name, ...(loaded.sha256 ? { sha256: loaded.sha256 } : {}), errors: [loaded.problem], warnings: [] };
}

/** Decode, parse and validate loaded bytes. */
function readDocument(name: string, bytes: Uint8Array, sha256: string, validator: Validator): ReadResult {
  const { text, warnings: decodeWarnings } = decodeText(bytes, validator.lang);
  const parsed = parseText(text, syntaxFor(name, text), validator.lang);
  if (!parsed.ok) return { name, sha256, errors: capProblems(parsed.problems, validator.lang), warnings: decodeWarnings };
  const over = overBudget(parsed.value, validator.lang);
  if (over) return { name, sha256, errors: [over], warnings: decodeWarnings };
  const { file, errors, warnings, omitted } = validator.validate(parsed.value);
  const salvaged = errors.length > 0 && !omitted ? salvageDocument(parsed.value, errors, validator) : undefined;
  return {
    name,
    sha256,
    locator: parsed.locator,
    ...(errors.length === 0 && file ? { file } : {}),
    ...(salvaged ? { partial: salvaged.file } : {}),
    errors: capProblems(locateAll(salvaged?.errors ?? errors, parsed.locator).sort(byPosition), validator.lang, omitted),
    warnings: [...decodeWarnings, ...capProblems(locateAll(warnings, parsed.locator).sort(byPosition), validator.lang)],
  };
}

/** The document's first budget exceeded (keys, nesting, regions), checked before the schema walks it. */
export function overBudget(value: unknown, lang: Lang): InputProblem | undefined {
  const counties = (value as { counties?: unknown } | null)?.counties;
  if (Array.isArray(counties) && counties.length + 1 > BUDGETS.regions) return { ...budgetProblem('regions', lang), path: '/counties' };
  const budget = documentBudget(value);
  return budget ? budgetProblem(budget, lang) : undefined;
}

/** Decode, parse and validate one input's bytes (stdin, or bytes in memory). Never throws on user input. */
export function readIndicatorBytes(name: string, bytes: Uint8Array, validator: Validator, maxBytes: number = DEFAULT_MAX_BYTES): ReadResult {
  const loaded = loadSource({ name, bytes }, validator.lang, maxBytes);
  return loaded.ok ? readDocument(name, loaded.bytes, loaded.sha256, validator) : failed(name, loaded);
}

/**
 * The name a table is read under: its own, or for standard input (which has no name) what its bytes are —
 * a zip is a workbook, a text whose first cell is region_code a CSV table; anything else is JSON or YAML.
 */
function tableNameOf(source: InputSource): string | undefined {
  if (TABLE_FILE.test(source.name)) return source.name;
  const bytes = source.bytes;
  if (!bytes || bytes.length < 4) return undefined;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return `${source.name}.xlsx`;
  const start = Buffer.from(bytes.subarray(0, 64)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  return /^\s*"?region_code"?\s*,/.test(start) ? `${source.name}.csv` : undefined;
}

/** The name an invalid table group is shown under: a cell of millions of characters is shown by its start. */
function shownName(name: unknown): string {
  const text = String(name ?? '');
  return text.length > 100 ? `${text.slice(0, 60)}…` : text;
}

const CSV_REASONS: Record<string, MessageId> = {
  CSV_QUOTE_NOT_CLOSED: 'input.csv-quote-not-closed',
  CSV_INVALID_CLOSING_QUOTE: 'input.csv-bad-closing-quote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'input.csv-bad-closing-quote',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'input.csv-inconsistent',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'input.csv-inconsistent',
  CSV_MAX_RECORD_SIZE: 'input.csv-record-too-large',
};

/** Why a table could not be read, in the run's language: the parsers' own messages are English. */
function tableReason(error: unknown, name: string, lang: Lang): string {
  const detail = (error as Error)?.message?.split('\n')[0] ?? String(error);
  if (lang === 'en') return detail;
  if (!/\.csv$/i.test(name)) return msg(lang, 'input.xlsx-damaged');
  const { code, lines } = error as { code?: string; lines?: number };
  const id = code && Object.hasOwn(CSV_REASONS, code) ? CSV_REASONS[code]! : 'input.csv-damaged';
  return msg(lang, id as 'input.csv-quote-not-closed', { line: lines ?? '?' });
}

/**
 * Reads every indicator document an input holds: one for JSON/YAML, one per city for CSV/XLSX tables.
 * Never throws on user input.
 */
export async function readIndicatorSources(source: InputSource, validator: Validator, catalogue: Catalogue, maxBytes: number = DEFAULT_MAX_BYTES): Promise<ReadResult[]> {
  const tableName = tableNameOf(source);
  if (tableName === undefined) return [await readIndicatorFile(source, validator, maxBytes)];
  const lang = validator.lang;
  const loaded = loadSource(source, lang, maxBytes);
  if (!loaded.ok) return [failed(source.name, loaded)];
  const { bytes, sha256 } = loaded;
  let sheets;
  try {
    sheets = await readSheets(tableName, bytes, lang);
  } catch (error) {
    const refused = tableRefusal(error, lang);
    if (refused) return [{ name: source.name, sha256, errors: [refused], warnings: [] }];
    const kind = msg(lang, /\.csv$/i.test(tableName) ? 'input.kind-csv' : 'input.kind-xlsx');
    return [{ name: source.name, sha256, errors: [{ path: '', code: 'syntax', message: msg(lang, 'input.not-readable-table', { kind, reason: tableReason(error, tableName, lang) }) }], warnings: [] }];
  }
  const results: ReadResult[] = [];
  for (const sheet of sheets.sheets) {
    for (const doc of tableDocuments(sheet, catalogue, lang) ?? []) {
      const { file, errors, warnings, omitted } = validator.validate(doc.document);
      const cellPaths = new Set(doc.errors.map((d) => d.path));
      let found = [...doc.errors, ...locateAll(errors, doc.locator).filter((e) => !cellPaths.has(e.path))];
      const salvaged = found.length > 0 && !omitted ? salvageDocument(doc.document, found, validator) : undefined;
      if (salvaged) found = locateAll(salvaged.errors, doc.locator);
      const all = capProblems(found.sort(byPosition), lang, omitted);
      const region = doc.document.region as { code?: unknown; name?: unknown } | undefined;
      results.push({
        name: source.name,
        ...(typeof region?.code === 'string' && /^\d{6}$/.test(region.code) ? { region: { code: region.code, name: shownName(region.name) } } : {}),
        sheet: doc.sheet,
        sha256,
        locator: doc.locator,
        ...(all.length === 0 && file ? { file } : {}),
        ...(salvaged ? { partial: salvaged.file } : {}),
        errors: all,
        warnings: capProblems([...sheets.warnings, ...doc.warnings, ...locateAll(warnings, doc.locator)], lang),
      });
    }
  }
  if (results.length === 0) {
    return [{ name: source.name, sha256, errors: [{ path: '', code: 'no-table', message: msg(lang, 'input.no-table') }], warnings: sheets.warnings }];
  }
  return results;
}

export async function readIndicatorFile(source: InputSource, validator: Validator, maxBytes: number = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  const loaded = loadSource(source, validator.lang, maxBytes);
  return loaded.ok ? readDocument(source.name, loaded.bytes, loaded.sha256, validator) : failed(source.name, loaded);
}
