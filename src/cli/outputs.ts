import type { Lang } from '../catalogue/catalogue.js';
import { listOf, msg } from '../text/messages.js';
import { didYouMean } from '../text/suggest.js';
import { UsageError } from './io.js';

export interface OutputTarget<F extends string> {
  format: F;
  file: string;
  /** Given as a bare FILE: it takes the --format output, which then no longer goes to stdout. */
  bare: boolean;
}

/**
 * `-o sarif=out.sarif` → sarif to out.sarif; a bare `-o out.txt` takes the --format output. The same for
 * every command that writes files, each with its own formats.
 */
export function parseOutputs<F extends string>(specs: readonly string[], formats: readonly F[], format: F, lang: Lang): OutputTarget<F>[] {
  return specs.map((spec) => {
    const match = /^([a-z]+)=(.+)$/.exec(spec);
    if (!match) return { format, file: spec, bare: true };
    const name = match[1]!;
    if (!(formats as readonly string[]).includes(name)) {
      throw new UsageError(msg(lang, 'cli.output-unknown-format', { spec, format: name, hint: didYouMean(name, formats, lang), formats: listOf(lang, formats) }));
    }
    return { format: name as F, file: match[2]!, bare: false };
  });
}

/** Whether the --format output still goes to stdout: not when a bare FILE took it. */
export function writesStdout(outputs: readonly OutputTarget<string>[]): boolean {
  return !outputs.some((o) => o.bare);
}
