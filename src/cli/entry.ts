#!/usr/bin/env node
import { processIO } from './io.js';
import { msg } from '../text/messages.js';
import { langArgument, usageLang } from './options.js';
import { builtHelp, helpWordArgs } from './help.js';
import { removePendingFiles, stdoutFailure } from './write.js';
import { bundleBeside } from './bundle.js';
import { loadCached } from '../code-cache.js';

const args = helpWordArgs(process.argv.slice(2));
const lang = usageLang(langArgument(args), process.env);

/** Ends the run at once: temporary files removed, one line on stderr (if it can still be written). */
function stop(code: number, line: string, lead = ''): never {
  removePendingFiles();
  try {
    process.stderr.write(`${lead}${msg(lang, 'cli.prefix')}${line}\n`);
  } catch {
    // stderr is gone too: the exit code says it
  }
  process.exit(code);
}

// A reader that goes away (`eduduty score … | head`) or a full disk ends the run with one line, not a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  stop(2, stdoutFailure(error, lang));
});
process.stderr.on('error', () => undefined);

// Ctrl-C, a kill or a closed terminal stop cleanly: no half-written output is left behind, and the exit code
// says which signal it was (128 + its number).
const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
for (const [signal, code] of Object.entries(SIGNALS)) {
  process.once(signal, () => (signal === 'SIGINT' ? stop(code, msg(lang, 'cli.interrupted'), '\n') : stop(code, msg(lang, 'cli.terminated', { signal }))));
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
  // the parser and the commands are loaded only for a run that is more than a request for help: from their
  // bundle and its code cache when built, else as modules
  const bundle = bundleBeside(import.meta.url);
  Promise.resolve()
    .then(() => (bundle ? loadCached<typeof import('./main.js')>(bundle) : import('./main.js')))
    .then(({ main }) => main(args, processIO()))
    .then(exitWhenWritten, (error: unknown) => {
      process.stderr.write(`${msg(lang, 'cli.prefix')}${msg(lang, 'cli.internal-error', { detail: (error as Error)?.stack ?? String(error) })}\n`);
      exitWhenWritten(3);
    });
}
