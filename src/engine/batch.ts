import { discoverInputs } from '../input/discover.js';
import { DEFAULT_MAX_BYTES } from '../input/read.js';
import { msg } from '../text/messages.js';
import type { FileResult } from './model.js';
import { claimRegion, scoreInput } from './inputs.js';
import type { Scorer } from './score.js';

export interface BatchOptions {
  /** Reads standard input, for the path `-`: at most one byte beyond `maxBytes`, so a larger input is refused without being read whole. */
  readStdin?: (maxBytes?: number) => Promise<Uint8Array>;
  /** Called after each file, e.g. to show progress. */
  onFile?: (done: number, total: number) => void;
  /** Score (default), or with `false` only read and validate: no rule is evaluated. */
  score?: boolean;
  /**
   * Called with each result as soon as it is scored. With `keep: false` results are not collected, so a
   * streaming caller holds one file's findings at a time.
   */
  onResult?: (result: FileResult) => void | Promise<void>;
  keep?: boolean;
}

export class NoInputsError extends Error {}

/**
 * Scores the files behind command-line paths in order, one at a time: every input gets a result, an
 * unreadable path or invalid file included, so one bad file never costs the others.
 */
export async function scorePaths(scorer: Scorer, paths: readonly string[], options: BatchOptions = {}): Promise<FileResult[]> {
  const lang = scorer.validator.lang;
  const inputs = await discoverInputs(paths, lang);
  if (inputs.length === 0) throw new NoInputsError(msg(lang, 'input.no-inputs', { paths: paths.join(', ') }));
  const results: FileResult[] = [];
  const claimed = new Map<string, string>();
  let stdinUsed = false;
  let done = 0;
  for (const input of inputs) {
    let scored: FileResult[];
    if (input.problem) {
      scored = [{ file: input.name, valid: false, errors: [{ path: '', code: 'unreadable', message: input.problem }], warnings: [], findings: [] }];
    } else if (input.name === '-') {
      if (stdinUsed || !options.readStdin) throw new NoInputsError(msg(lang, 'input.stdin-twice'));
      stdinUsed = true;
      const bytes = await options.readStdin(scorer.maxBytes ?? DEFAULT_MAX_BYTES);
      // read as a file is: a workbook or CSV table piped in is recognised by its bytes
      scored = await scoreInput(scorer, { name: '<stdin>', bytes }, options.score !== false);
    } else {
      scored = await scoreInput(scorer, { name: input.name }, options.score !== false);
    }
    for (const given of scored) {
      const result = claimRegion(given, claimed, lang);
      await options.onResult?.(result);
      if (options.keep !== false) results.push(result);
    }
    options.onFile?.(++done, inputs.length);
    // scoring and writing are synchronous underneath: let signals (Ctrl-C) and stream events in between files
    await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}
