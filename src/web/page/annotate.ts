import type { InMemoryInput } from '../../engine/inputs.js';
import type { ScoreResult } from '../../engine/model.js';
import { formatXlsx } from '../../format/table.js';
import type { FormatOptions } from '../../format/registry.js';
import { loadExcel } from './lazy.js';

/**
 * The "annotated workbook" download: the reader's own workbook with its findings marked on the cells.
 * Connection point for `annotateWorkbook` (src/format/annotate.ts): until it is wired in here, the button
 * gives the findings workbook of `score -f xlsx`, one row per finding with its cell.
 */
export async function annotatedWorkbook(inputs: readonly InMemoryInput[], result: ScoreResult, options: FormatOptions): Promise<{ name: string; bytes: Uint8Array }> {
  await loadExcel();
  void inputs;
  return { name: options.lang === 'zh' ? '评价结果.xlsx' : 'findings.xlsx', bytes: await formatXlsx(result, options) };
}
