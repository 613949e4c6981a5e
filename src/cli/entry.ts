#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { loadCached } from '../code-cache.js';
import { BUNDLE_FILE } from './bundle.js';
import { builtHelp, helpWordArgs } from './help.js';
import { processIO } from './io.js';
import { langArgument, usageLang } from './options.js';
import { removePendingFiles } from './pending.js';

const args = helpWordArgs(process.argv.slice(2));
const lang = usageLang(langArgument(args), process.env);

type Commands = typeof import('./main.js');
let loaded: Commands | undefined;

/**
 * The parser, the commands and the messages: the bundle beside this file, run from its code cache and loaded on
 * first need. A request for help needs none of it; a run that is stopped before it loads loads it for its words.
 */
const commands = (): Commands => (loaded ??= loadCached<Commands>(fileURLToPath(new URL(`./${BUNDLE_FILE}`, import.meta.url))));

/** Ends the run at once: temporary files removed, one line on stderr (if it can still be written). */
function stop(code: number, line: () => string, lead = ''): never {
  removePendingFiles();
  try {
    process.stderr.write(`${lead}${commands().msg(lang, 'cli.prefix')}${line()}\n`);
  } catch {
    // stderr is gone too: the exit code says it
  }
  process.exit(code);
}

// A reader that goes away (`eduduty score … | head`) or a full disk ends the run with one line, not a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  stop(2, () => commands().stdoutFailure(error, lang));
});
process.stderr.on('error', () => undefined);

// Ctrl-C, a kill or a closed terminal stop cleanly: no half-written output is left behind, and the exit code
// says which signal it was (128 + its number).
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
for (const [signal, code] of Object.entries(SIGNALS)) {
  process.once(signal, () => (signal === 'SIGINT' ? stop(code, () => commands().msg(lang, 'cli.interrupted'), '\n') : stop(code, () => commands().msg(lang, 'cli.terminated', { signal }))));
}

/**
 * Ends the run once its output is written and any failure to write it has been reported (a stream's error comes
 * after its last write returns). Left to empty on its own, the event loop would also wait for the optimising
 * compiles V8 runs in the background on the run's hot code, tens of milliseconds after the last line.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0);
  Promise.all(pending.map((stream) => new Promise((written) => stream.once('drain', written)))).then(() => setImmediate(() => process.exit(code)));
}

const help = builtHelp(args, lang, process.stdout.columns);
if (help !== undefined) {
  process.stdout.write(help);
} else {
  Promise.resolve()
    .then(() => commands().main(args, processIO()))
    .then(exitWhenWritten, (error: unknown) => {
      const detail = (error as Error)?.stack ?? String(error);
      try {
        process.stderr.write(`${commands().msg(lang, 'cli.prefix')}${commands().msg(lang, 'cli.internal-error', { detail })}\n`);
      } catch {
        // the commands themselves cannot be loaded: say so without their words
        process.stderr.write(`eduduty: ${detail}\n`);
      }
      exitWhenWritten(3);
    });
}
