import { inflateRawSync } from 'node:zlib';
import { BUDGETS, BudgetError } from './budget.js';

/**
 * A look at a workbook's zip before any spreadsheet library opens it: the central directory read by hand,
 * every entry inflated here with its output capped, and the sheets' XML scanned for rows, cells and merged
 * ranges, the shared strings counted. A bomb is refused by the budget it breaks after at most the inflated
 * budget of work, and a workbook that passes is known to fit in memory once unpacked.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries that inflate further than this are held to the compression-ratio budget. */
const RATIO_FLOOR = 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Not a zip this reader understands: exceljs will say why in its own words. */
export class NotAZip extends Error {}

function endOfCentralDirectory(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new NotAZip('no end of central directory');
}

export function zipEntries(zip: Buffer): ZipEntry[] {
  const end = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || count > BUDGETS.zipEntries) throw new BudgetError('zipEntries');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new NotAZip('broken central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    // zip64 sizes: no workbook within the file-size budget needs them
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new BudgetError('inflatedBytes');
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function entryData(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.offset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw new NotAZip('broken local header');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  return zip.subarray(start, start + entry.compressedSize);
}

/** An entry's bytes, inflated no further than `limit` (and the ratio budget): over it, a BudgetError. */
function inflateEntry(zip: Buffer, entry: ZipEntry, limit: number): Buffer {
  const data = entryData(zip, entry);
  const ratioLimit = Math.max(RATIO_FLOOR, data.length * BUDGETS.compressionRatio);
  if (entry.size > limit) throw new BudgetError('inflatedBytes');
  if (entry.size > ratioLimit) throw new BudgetError('compressionRatio');
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new NotAZip(`compression method ${entry.method}`);
  const cap = Math.min(limit, ratioLimit);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new BudgetError(cap === limit ? 'inflatedBytes' : 'compressionRatio');
    throw new NotAZip((error as Error).message);
  }
}

export interface Tally {
  cells: number;
  sharedStrings: number;
}

/** Checks a workbook against the XLSX budgets; throws BudgetError or NotAZip. */
export function inspectWorkbook(bytes: Uint8Array): Tally {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tally: Tally = { cells: 0, sharedStrings: 0 };
  let remaining: number = BUDGETS.inflatedBytes;
  for (const entry of zipEntries(zip)) {
    if (entry.name.endsWith('/')) continue;
    const xml = inflateEntry(zip, entry, remaining);
    remaining -= xml.length;
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) scanSheet(xml, tally);
    else if (/^xl\/sharedStrings\.xml$/i.test(entry.name)) tally.sharedStrings += countTags(xml, 'si');
    if (tally.sharedStrings > BUDGETS.sharedStrings) throw new BudgetError('sharedStrings');
  }
  return tally;
}

const LT = 0x3c;
const SLASH = 0x2f;
const COLON = 0x3a;

/**
 * Whether the tag opening at `at` is `<name` or `<prefix:name` (any namespace prefix), by byte comparison:
 * this runs for every tag of a sheet, so nothing is allocated; closing tags are passed over at once.
 */
function opensTag(xml: Buffer, at: number, name: string): boolean {
  let i = at + 1;
  if (xml[i] === SLASH) return false;
  const limit = Math.min(xml.length, i + 32);
  for (let j = i; j < limit && isNameByte(xml[j]!); j++) {
    if (xml[j] === COLON) {
      i = j + 1;
      break;
    }
  }
  for (let k = 0; k < name.length; k++) if (xml[i + k] !== name.charCodeAt(k)) return false;
  return !isNameByte(xml[i + name.length] ?? 0x20);
}

function isNameByte(c: number): boolean {
  return c !== 0x20 && c !== 0x3e && c !== SLASH && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== LT;
}

const ATTRIBUTES = { r: /\sr\s*=\s*["']([^"']*)["']/, ref: /\sref\s*=\s*["']([^"']*)["']/ };

function attribute(xml: Buffer, from: number, name: keyof typeof ATTRIBUTES): string | undefined {
  const window = xml.subarray(from, Math.min(xml.length, from + 4096));
  const close = window.indexOf(0x3e);
  const tag = window.toString('latin1', 0, close < 0 ? window.length : close);
  return ATTRIBUTES[name].exec(tag)?.[1];
}

function countTags(xml: Buffer, wanted: string): number {
  let count = 0;
  for (let at = xml.indexOf(LT); at >= 0; at = xml.indexOf(LT, at + 1)) if (opensTag(xml, at, wanted)) count++;
  return count;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function reference(ref: string | undefined): { row?: number; col?: number } {
  const match = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(ref ?? '');
  if (!match) return {};
  return { ...(match[1] ? { col: columnNumber(match[1]) } : {}), ...(match[2] ? { row: Number(match[2]) } : {}) };
}

/**
 * Rows, cells and merged ranges of one sheet's XML, as the spreadsheet library will materialise them: each
 * row as wide as its last cell, rows up to the highest row number, every cell of a merged range.
 */
function scanSheet(xml: Buffer, tally: Tally): void {
  let row = 0;
  let col = 0;
  let width = 0;
  const closeRow = () => {
    tally.cells += width;
    if (tally.cells > BUDGETS.cells) throw new BudgetError('cells');
  };
  for (let at = xml.indexOf(LT); at >= 0; at = xml.indexOf(LT, at + 1)) {
    const end = at + 1;
    if (opensTag(xml, at, 'row')) {
      closeRow();
      row = reference(attribute(xml, end, 'r')).row ?? row + 1;
      if (row > BUDGETS.rows) throw new BudgetError('rows');
      col = 0;
      width = 0;
    } else if (opensTag(xml, at, 'c')) {
      col = reference(attribute(xml, end, 'r')).col ?? col + 1;
      width = Math.max(width, col);
      if (width > BUDGETS.cells) throw new BudgetError('cells');
    } else if (opensTag(xml, at, 'mergeCell')) {
      const [from, to] = (attribute(xml, end, 'ref') ?? '').split(':').map(reference);
      const rows = Math.abs((to?.row ?? from?.row ?? 0) - (from?.row ?? 0)) + 1;
      const cols = Math.abs((to?.col ?? from?.col ?? 0) - (from?.col ?? 0)) + 1;
      if (Math.max(to?.row ?? 0, from?.row ?? 0) > BUDGETS.rows) throw new BudgetError('rows');
      tally.cells += rows * cols;
      if (tally.cells > BUDGETS.cells) throw new BudgetError('cells');
    }
  }
  closeRow();
}
