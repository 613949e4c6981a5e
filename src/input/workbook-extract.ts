/**
 * A workbook's sheets as plain values (cells, percent formats, formulas, merged header cells): what the
 * table reader needs and nothing of exceljs's objects, so it can cross from the worker that unpacks it.
 */
export type ExtractedCell = string | number | boolean | null | { error: string } | Date;

export interface ExtractedSheet {
  name: string;
  rows: ExtractedCell[][];
  /** Cells Excel shows as percentages, by "row:col" (0-based). */
  percentCells: Set<string>;
  /** Formula cells by "row:col": the formula, and whether the workbook keeps a computed value for it. */
  formulaCells: Map<string, { formula: string; cached: boolean }>;
  /** Merged ranges that reach into the header row ("A1:B1"). */
  mergedHeaders: string[];
}

type FormulaValue = { formula?: string; sharedFormula?: string; result?: unknown };

function isFormula(value: unknown): value is FormulaValue {
  return value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value);
}

export function excelValue(value: unknown): ExtractedCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: string; error?: string };
  if (v.error) return { error: v.error };
  if (isFormula(value)) return value.result === undefined ? null : excelValue(value.result);
  if (v.richText) return v.richText.map((t) => t.text).join('');
  if (typeof v.text === 'string') return v.text;
  return null;
}

interface ExcelCell {
  value: unknown;
  numFmt?: string;
  isMerged?: boolean;
  master?: { address: string };
  address: string;
}

export async function extractWorkbook(bytes: Uint8Array): Promise<ExtractedSheet[]> {
  // exceljs is large: loaded only when a workbook is read
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const sheets: ExtractedSheet[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: ExtractedCell[][] = [];
    const sheet: ExtractedSheet = { name: worksheet.name, rows, percentCells: new Set(), formulaCells: new Map(), mergedHeaders: [] };
    const merged = new Map<string, string[]>();
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: ExtractedCell[] = [];
      row.eachCell({ includeEmpty: true }, (raw, colNumber) => {
        const cell = raw as unknown as ExcelCell;
        const key = `${rowNumber - 1}:${colNumber - 1}`;
        const value = excelValue(cell.value);
        cells[colNumber - 1] = value;
        if (typeof value === 'number' && /%/.test(cell.numFmt ?? '')) sheet.percentCells.add(key);
        if (isFormula(cell.value)) sheet.formulaCells.set(key, { formula: String(cell.value.formula ?? cell.value.sharedFormula ?? ''), cached: value !== null });
        if (cell.isMerged && cell.master) merged.set(cell.master.address, [...(merged.get(cell.master.address) ?? []), cell.address]);
      });
      rows[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
    });
    for (const [master, slaves] of merged) {
      if (master.replace(/^[A-Z]+/, '') === '1') sheet.mergedHeaders.push(`${master}:${slaves.at(-1)}`);
    }
    sheet.rows = Array.from(rows, (r) => r ?? []);
    sheets.push(sheet);
  });
  return sheets;
}

/** The worker unpacking a workbook stopped: out of memory, or otherwise. The run goes on without it. */
export class WorkbookFailure extends Error {
  constructor(
    readonly reason: 'memory' | 'failed',
    detail: string,
  ) {
    super(detail);
    this.name = 'WorkbookFailure';
  }
}

