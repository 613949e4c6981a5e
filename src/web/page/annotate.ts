import type { InMemoryInput } from '../../engine/inputs.js';
import type { ScoreResult } from '../../engine/model.js';
import { annotateWorkbook } from '../../format/annotate.js';
import type { FormatOptions } from '../../format/registry.js';
import { loadExcel } from './lazy.js';

/** `book.xlsx` → `book.checked.xlsx`; other inputs get an XLSX built from their data. */
function checkedName(input: string): string {
  return `${input.replace(/\.(xlsx|csv|json|ya?ml)$/i, '')}.checked.xlsx`;
}

/**
 * The "annotated workbook" download: each dropped file handed back as the reader's own workbook with its findings
 * marked on the cells (`score -o annotated=`), one workbook per file.
 */
export async function annotatedWorkbooks(inputs: readonly InMemoryInput[], result: ScoreResult, options: FormatOptions): Promise<{ name: string; bytes: Uint8Array }[]> {
  await loadExcel();
  const books: { name: string; bytes: Uint8Array }[] = [];
  for (const input of inputs) {
    const files = result.files.filter((f) => f.file === input.name);
    if (files.length === 0) continue;
    books.push({ name: checkedName(input.name), bytes: await annotateWorkbook(input, files, { lang: options.lang, catalogue: options.catalogue }) });
  }
  return books;
}
