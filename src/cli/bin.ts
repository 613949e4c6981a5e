#!/usr/bin/env node
import { main } from './main.js';
import { processIO } from './io.js';

main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eduduty: internal error: ${(error as Error)?.stack ?? String(error)}\nPlease report this with the input that caused it.\n`);
    process.exitCode = 3;
  },
);
