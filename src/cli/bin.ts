#!/usr/bin/env node
import { main } from './main.js';
import { processIO } from './io.js';

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
    process.stderr.write('\neduduty: interrupted; no output file was written\n');
    process.exit(130);
  });
});

main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eduduty: internal error: ${(error as Error)?.stack ?? String(error)}\nPlease report this with the input that caused it.\n`);
    process.exitCode = 3;
  },
);
