#!/usr/bin/env node
import { langArgument, main } from './main.js';
import { processIO } from './io.js';
import { msg } from '../text/messages.js';
import { usageLang } from './options.js';

const lang = usageLang(langArgument(process.argv.slice(2)), process.env);

// A reader that goes away (`eduduty score … | head`) ends the output, not the process with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Ctrl-C stops cleanly: no half-written report is left behind, and the exit code says it was interrupted.
process.once('SIGINT', () => {
  void import('./write.js').then(({ removePendingFiles }) => {
    removePendingFiles();
    process.stderr.write(`\n${msg(lang, 'cli.prefix')}${msg(lang, 'cli.interrupted')}\n`);
    process.exit(130);
  });
});

main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${msg(lang, 'cli.prefix')}${msg(lang, 'cli.internal-error', { detail: (error as Error)?.stack ?? String(error) })}\n`);
    process.exitCode = 3;
  },
);
