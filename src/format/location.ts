import type { SourcePosition } from '../input/model.js';

type Place = Pick<SourcePosition, 'sheet' | 'cell' | 'line' | 'column'> & { path?: string };

/**
 * Where an item sits, as a person finds it: "Sheet1 › D7" in a workbook ("D7" alone for CSV, which has one
 * sheet), "12:5" in JSON or YAML text; "" when the file gives no place.
 */
export function placeText(at: Place | undefined, separator = ' › '): string {
  if (!at) return '';
  if (at.cell) return at.sheet && at.sheet !== 'csv' ? `${at.sheet}${separator}${at.cell}` : at.cell;
  return at.line !== undefined ? `${at.line}:${at.column ?? 1}` : '';
}

/** The place, or else the JSON pointer: what an export's location column holds. */
export function placeOrPath(at: Place | undefined): string {
  return placeText(at, '!') || at?.path || '';
}
