import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { Lang } from '../catalogue/catalogue.js';
import { msg, type MessageId } from '../text/messages.js';
import { pointerOf, segmentsOf, type InputProblem } from './model.js';

/**
 * What any one input may cost, whatever its format. Each number is far above the largest real workload (a
 * province of 16 cities and about 170 regions in one workbook: some 20,000 cells, 40,000 keys, 1 MB of XML)
 * and far below what exhausts a default Node heap.
 */
export const BUDGETS = {
  /** Bytes of one input file (`--max-file-size` changes it). */
  fileBytes: 32 * 1024 * 1024,
  /** Bytes of a settings file: config, quantifier scale. */
  settingsBytes: 1024 * 1024,
  /** XLSX: the bytes all zip entries inflate to, together. */
  inflatedBytes: 128 * 1024 * 1024,
  /** XLSX: how many times larger than its compressed size an entry above a megabyte may inflate. */
  compressionRatio: 200,
  /** XLSX: entries in the zip. */
  zipEntries: 1000,
  /** Tables: cells a sheet materialises (the width of each row, empty cells included), over all sheets. */
  cells: 1_000_000,
  /** Tables: rows of a sheet (the highest row number). */
  rows: 100_000,
  /** XLSX: strings of the shared-string table. */
  sharedStrings: 500_000,
  /** JSON/YAML: keys and list items of a document, YAML aliases counted as often as they are expanded. */
  keys: 200_000,
  /** JSON/YAML: levels of nesting. */
  depth: 64,
  /** Regions (the city and its counties) of one indicator document. */
  regions: 1000,
  /** Problems listed per input; the rest are counted ("and N more"). */
  problems: 100,
  /** Heap of the worker that unpacks one workbook, in MB. */
  workbookHeapMb: 1024,
} as const;

export type BudgetName = 'cells' | 'rows' | 'sharedStrings' | 'keys' | 'depth' | 'regions' | 'inflatedBytes' | 'compressionRatio' | 'zipEntries';

const BUDGET_MESSAGES: Record<BudgetName, MessageId> = {
  cells: 'budget.cells',
  rows: 'budget.rows',
  sharedStrings: 'budget.shared-strings',
  keys: 'budget.keys',
  depth: 'budget.depth',
  regions: 'budget.regions',
  inflatedBytes: 'budget.inflated',
  compressionRatio: 'budget.ratio',
  zipEntries: 'budget.zip-entries',
};

/** An input refused because it goes over a budget; the message names the budget and its number. */
export class BudgetError extends Error {
  constructor(readonly budget: BudgetName) {
    super(`over the ${budget} budget (${BUDGETS[budget]})`);
    this.name = 'BudgetError';
  }
}

export function budgetProblem(budget: BudgetName, lang: Lang): InputProblem {
  const limit = BUDGETS[budget].toLocaleString('en-US');
  const message = msg(lang, BUDGET_MESSAGES[budget] as 'budget.cells', { limit });
  return { path: '', code: budget === 'depth' ? 'too-deep' : 'over-budget', message };
}

/** At most `limit` problems, then one that counts the rest; `omitted` counts those dropped earlier. */
export function capProblems(given: InputProblem[], lang: Lang, omitted = 0, limit: number = BUDGETS.problems): InputProblem[] {
  // located already: a path is shown from here on, and a key of megabytes is not shown whole
  const problems = given.map((problem) => (problem.path.length > SHOWN_PATH ? { ...problem, path: shownPath(problem.path) } : problem));
  const more = Math.max(0, problems.length - limit) + omitted;
  if (more === 0) return problems;
  return [...problems.slice(0, limit), { path: '', code: 'more-problems', message: msg(lang, 'budget.more-problems', { count: more.toLocaleString('en-US') }) }];
}

/** Longest path shown whole, and the characters of a path segment shown before an ellipsis. */
const SHOWN_PATH = 200;
const SHOWN_SEGMENT = 60;

/** A JSON pointer with each overlong segment cut short, for messages (never for finding the value). */
export function shownPath(path: string): string {
  return pointerOf(segmentsOf(path).map((segment) => (segment.length > SHOWN_SEGMENT ? `${segment.slice(0, SHOWN_SEGMENT)}…` : segment)));
}

/**
 * Counts the keys and list items of a parsed document without recursion and checks its nesting; the
 * first budget it goes over, if any.
 */
export function documentBudget(value: unknown, budgets: { keys: number; depth: number } = BUDGETS): 'keys' | 'depth' | undefined {
  let count = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= budgets.depth) return 'depth';
    const children = Array.isArray(node) ? node : Object.values(node);
    count += children.length;
    if (count > budgets.keys) return 'keys';
    for (const child of children) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return undefined;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The dotted path of the first `__proto__`, `constructor` or `prototype` key of a parsed document, if any. */
export function forbiddenKeyPath(value: unknown): string | undefined {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      pending.push([(node as Record<string, unknown>)[key], at]);
    }
  }
  return undefined;
}

export type RegularRead = { ok: true; bytes: Buffer } | { ok: false; problem: InputProblem };

function kindOf(info: Stats): 'device' | 'fifo' | 'socket' | 'folder' | 'other' {
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  if (info.isDirectory()) return 'folder';
  return 'other';
}

/** The message for a path that is not a regular file, by what it is. */
export function notRegularProblem(info: Stats, lang: Lang): InputProblem {
  const kind = kindOf(info);
  if (kind === 'folder') return { path: '', code: 'unreadable', message: msg(lang, 'input.fs-folder') };
  return { path: '', code: 'not-a-file', message: msg(lang, 'budget.not-regular', { kind: msg(lang, `budget.kind-${kind}` as const) }) };
}

export function tooLargeProblem(size: number, maxBytes: number, lang: Lang): InputProblem {
  return { path: '', code: 'too-large', message: msg(lang, 'input.too-large', { size, limit: maxBytes }) };
}

export interface RegularReadOptions {
  maxBytes: number;
  /** Refuse the file when it is (or resolves through links to) a path outside this folder. */
  within?: string;
  /** Refuse a symbolic link outright. */
  noFollow?: boolean;
}

/**
 * Reads a regular file of at most `maxBytes`. Devices, FIFOs, sockets and folders are refused by a stat,
 * before anything opens them; the open never blocks (O_NONBLOCK), the opened file is checked again and read
 * no further than the budget, so a file that changes or grows in between costs nothing more.
 */
export function readRegularFile(path: string, lang: Lang, options: RegularReadOptions): RegularRead {
  let fd: number | undefined;
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink()) {
      if (options.noFollow) return { ok: false, problem: { path: '', code: 'not-a-file', message: msg(lang, 'budget.link-outside') } };
      if (options.within !== undefined && !inside(realpathSync(path), realpathSync(options.within))) {
        return { ok: false, problem: { path: '', code: 'not-a-file', message: msg(lang, 'budget.link-outside') } };
      }
    }
    const info = link.isSymbolicLink() ? statSync(path) : link;
    if (!info.isFile()) return { ok: false, problem: notRegularProblem(info, lang) };
    if (info.size > options.maxBytes) return { ok: false, problem: tooLargeProblem(info.size, options.maxBytes, lang) };
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (link.isSymbolicLink() ? 0 : constants.O_NOFOLLOW));
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { ok: false, problem: notRegularProblem(opened, lang) };
    return readAtMost(fd, opened.size, options.maxBytes, lang);
  } catch (error) {
    return { ok: false, problem: { path: '', code: 'unreadable', message: describeFsError(error, lang) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readAtMost(fd: number, size: number, maxBytes: number, lang: Lang): RegularRead {
  // one byte beyond the budget tells a file that grew since the stat from one that did not
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { ok: false, problem: tooLargeProblem(length, maxBytes, lang) };
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  if (length > maxBytes) return { ok: false, problem: tooLargeProblem(length, maxBytes, lang) };
  return { ok: true, bytes: buffer.subarray(0, length) };
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function describeFsError(error: unknown, lang: Lang): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return msg(lang, 'input.fs-missing');
    case 'EACCES':
    case 'EPERM':
      return msg(lang, 'input.fs-denied');
    case 'EISDIR':
      return msg(lang, 'input.fs-folder');
    case 'ELOOP':
      return msg(lang, 'input.fs-loop');
    default:
      return msg(lang, 'input.fs-other', { code: code ?? (error as Error).message });
  }
}
