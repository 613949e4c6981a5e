import { BUDGETS } from '../../input/budget.js';
import { extractWorkbook, WorkbookFailure, type ExtractedSheet } from '../../input/workbook-extract.js';
import { inspectWorkbook, NotAZip } from '../../input/zip.js';

export { WorkbookFailure };

/** The page's counterpart of src/input/workbook.ts: the same budgets checked first, then unpacked in the page itself. */
export async function unpackWorkbook(bytes: Uint8Array, heapMb: number = BUDGETS.workbookHeapMb): Promise<ExtractedSheet[]> {
  void heapMb;
  try {
    inspectWorkbook(bytes);
  } catch (error) {
    if (!(error instanceof NotAZip)) throw error;
  }
  return extractWorkbook(bytes);
}
