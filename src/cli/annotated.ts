import { mkdirSync, statSync } from 'node:fs';
import { BUDGETS, readRegularFile } from '../input/budget.js';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { FileResult } from '../engine/model.js';
import { annotateWorkbook } from '../format/annotate.js';
import { msg } from '../text/messages.js';
import { UsageError } from './io.js';
import { writeFileAtomic } from './write.js';

const SPEC = /^annotated=(.+)$/;
const NAME = '{name}';

/** `-o annotated=…` targets apart from the format outputs: they write a workbook per input, not one result. */
export function splitAnnotated(specs: readonly string[]): { annotated: string[]; outputs: string[] } {
  return { annotated: specs.flatMap((s) => SPEC.exec(s)?.[1] ?? []), outputs: specs.filter((s) => !SPEC.test(s)) };
}

function isFolder(target: string): boolean {
  if (/[\\/]$/.test(target)) return true;
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** Whether the target names one file per input: a folder, or a name with the {name} placeholder. */
const perInput = (target: string) => isFolder(target) || target.includes(NAME);

/**
 * Refused before anything is scored: one plain file name for several inputs (or a folder of them), which
 * would leave all but one workbook unwritten.
 */
export function checkAnnotated(targets: readonly string[], paths: readonly string[]): void {
  if (targets.length === 0) return;
  if (paths.includes('-')) throw new UsageError((l) => msg(l, 'annotate.no-workbook', { file: '-' }));
  const many = paths.length > 1 || paths.some((p) => isFolder(p));
  for (const target of targets) {
    if (many && !perInput(target)) throw new UsageError((l) => msg(l, 'annotate.ambiguous', { target, count: paths.length, name: NAME }));
  }
}

/** "book.xlsx" → "DIR/book.checked.xlsx" for a folder; {name} → the input's name without its extension. */
export function annotatedPath(target: string, input: string): string {
  const stem = basename(input, extname(input));
  if (target.includes(NAME)) return target.replaceAll(NAME, stem);
  if (isFolder(target)) return join(target, `${stem}.checked.xlsx`);
  return target;
}

/** One workbook per input, from its results; the input itself is read again and never written. */
export async function writeAnnotated(targets: readonly string[], results: ReadonlyMap<string, FileResult[]>, options: { lang: Lang; catalogue: Catalogue; write?: (file: string, bytes: Uint8Array) => Promise<void> }): Promise<void> {
  const inputs = [...results.keys()];
  for (const target of targets) {
    if (inputs.length > 1 && !perInput(target)) throw new UsageError((l) => msg(l, 'annotate.ambiguous', { target, count: inputs.length, name: NAME }));
    const planned = new Map<string, string>();
    for (const input of inputs) {
      if (input === '<stdin>') throw new UsageError((l) => msg(l, 'annotate.no-workbook', { file: input }));
      const file = annotatedPath(target, input);
      if (resolve(file) === resolve(input)) throw new UsageError((l) => msg(l, 'annotate.overwrites-input', { target, file }));
      const other = planned.get(resolve(file));
      if (other !== undefined) throw new UsageError((l) => msg(l, 'annotate.same-target', { target, first: other, second: input, file }));
      planned.set(resolve(file), input);
    }
    for (const input of inputs) {
      // read as the input was: a regular file within the size budget; one that is not was reported invalid, with no workbook to hand back
      const read = readRegularFile(input, options.lang, { maxBytes: BUDGETS.fileBytes });
      if (!read.ok) continue;
      const bytes = read.bytes;
      const file = annotatedPath(target, input);
      // a folder named for the workbooks is made, as a linter's output file's folder is
      if (perInput(target)) mkdirSync(dirname(file), { recursive: true });
      const book = await annotateWorkbook({ name: input, bytes }, results.get(input)!, options);
      await (options.write ? options.write(file, book) : writeFileAtomic(file, book));
    }
  }
}
