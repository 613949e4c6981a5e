import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Lang } from '../catalogue/catalogue.js';
import { discoverInputs } from '../input/discover.js';
import { listOf, msg } from '../text/messages.js';
import { didYouMean } from '../text/suggest.js';
import { UsageError } from './io.js';
import type { RunContext } from './context.js';
import type { CommonOptions } from './options.js';

export interface OutputTarget<F extends string> {
  format: F;
  file: string;
  /** Given as a bare FILE: it takes the --format output, which then no longer goes to stdout. */
  bare: boolean;
  /** As written on the command line, for messages. */
  spec: string;
}

/**
 * `-o sarif=out.sarif` → sarif to out.sarif; a bare `-o out.txt` takes the --format output. The same for
 * every command that writes files, each with its own formats.
 */
export function parseOutputs<F extends string>(specs: readonly string[], formats: readonly F[], format: F, lang: Lang): OutputTarget<F>[] {
  return specs.map((spec) => {
    // `-o =x` names a file but no format before its "="
    if (spec.startsWith('=')) throw new UsageError(msg(lang, 'cli.output-no-format', { spec, formats: listOf(lang, formats) }));
    const match = /^([a-z]+)=(.*)$/.exec(spec);
    if (!match) {
      if (spec === '') throw new UsageError(msg(lang, 'cli.output-no-file', { spec }));
      return { format, file: spec, bare: true, spec };
    }
    // `-o json=` names no file: never a file called "json="
    if (match[2] === '') throw new UsageError(msg(lang, 'cli.output-no-file', { spec }));
    const name = match[1]!;
    if (!(formats as readonly string[]).includes(name)) {
      throw new UsageError(msg(lang, 'cli.output-unknown-format', { spec, format: name, hint: didYouMean(name, formats, lang), formats: listOf(lang, formats) }));
    }
    return { format: name as F, file: match[2]!, bare: false, spec };
  });
}

/** Whether the --format output still goes to stdout: not when a bare FILE took it. */
export function writesStdout(outputs: readonly OutputTarget<string>[]): boolean {
  return !outputs.some((o) => o.bare);
}

/** A file named on the command line: its absolute path, and its device and inode when it exists. */
interface Identity {
  resolved: string;
  inode?: string;
}

function identify(path: string): Identity {
  const resolved = resolve(path);
  try {
    const info = statSync(path, { bigint: true });
    return { resolved, inode: `${info.dev}:${info.ino}` };
  } catch {
    return { resolved };
  }
}

const same = (a: Identity, b: Identity) => a.resolved === b.resolved || (a.inode !== undefined && a.inode === b.inode);

// where any number of outputs may go
const DISCARD = '/dev/null';
const STDOUT_NAMES = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', '/proc/thread-self/fd/1']);

/** An output file as the clash check sees it: its name for messages and its path. */
export interface NamedOutput {
  spec: string;
  file: string;
}

/**
 * Refuses, before anything is written, an output that another output (or standard output) also names, and one
 * that is a file the run reads: it would be destroyed by its own results.
 */
export async function refuseClashes(outputs: readonly NamedOutput[], inputs: readonly string[], options: { stdout: boolean; lang: Lang }): Promise<void> {
  const { lang } = options;
  const named = outputs.map((o) => ({ ...o, ...identify(o.file) })).filter((o) => o.resolved !== DISCARD);
  for (const [i, output] of named.entries()) {
    if (options.stdout && STDOUT_NAMES.has(output.resolved)) throw new UsageError(msg(lang, 'cli.outputs-same-file', { first: output.spec, second: msg(lang, 'cli.standard-output') }));
    const earlier = named.slice(0, i).find((o) => same(o, output));
    if (earlier) throw new UsageError(msg(lang, 'cli.outputs-same-file', { first: earlier.spec, second: output.spec }));
  }
  const existing = named.filter((o) => o.inode !== undefined);
  if (existing.length === 0) return;
  for (const input of await discoverInputs(inputs.filter((p) => p !== '-'), lang)) {
    if (input.problem) continue;
    const read = identify(input.name);
    const clash = existing.find((o) => same(o, read));
    if (clash) throw new UsageError(msg(lang, 'cli.output-is-input', { output: clash.spec, input: input.name }));
  }
}

/** What a run reads besides its data files: rule folders, rosters and the config file. */
export function settingsRead(options: CommonOptions<string>, context: RunContext): string[] {
  return [...options.rules, ...(options.schools ?? []), ...(context.config ? [context.config.file] : [])];
}
