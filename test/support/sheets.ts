import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * The same rows as a clerk would send them twice: `a.csv` and `a.xlsx` (one sheet, `Sheet1`) in `dir`. `shape`
 * may touch the sheet before it is written (a formatted empty row, say).
 */
export async function writeSheetPair(dir: string, rows: (string | number)[][], shape?: (sheet: ExcelJS.Worksheet) => void): Promise<{ csv: string; xlsx: string }> {
  const csv = join(dir, 'a.csv');
  const xlsx = join(dir, 'a.xlsx');
  writeFileSync(csv, rows.map((r) => r.join(',')).join('\n'));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRows(rows);
  shape?.(sheet);
  await book.xlsx.writeFile(xlsx);
  return { csv, xlsx };
}
