import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageHome } from '../home.js';
import { cacheFileOf, loadCached, writeCaches } from '../code-cache.js';
import { BUNDLE_FILE } from './bundle.js';
import type { CliIO } from './io.js';

/**
 * Runs that compile what most runs need: scoring a file in the usual formats, validating, listing the rules.
 * Without a config: one found above the package's folder would change what runs, or refuse the run.
 */
const WARM_UP: readonly (readonly string[])[] = [
  ['score', 'samples/2023/370100.json', '--color'],
  ['score', 'samples/2023/370100.json', '--no-color', '--lang', 'en'],
  ['score', 'samples/2023/370100.json', '-f', 'json'],
  ['validate', 'samples/2023/370100.json'],
  ['rules', '--no-color'],
  ['indicators', '--no-color'],
  ['explain', 'development.preschool-gross-enrolment', '--file', 'samples/2023/370100.json', '--no-color'],
].map((args) => [...args, '--no-config']);

/** Output nobody reads. */
function silentIO(cwd: string): CliIO {
  const none = { write: () => true };
  return { stdout: none, stderr: none, env: {}, cwd, readStdin: async () => new Uint8Array() };
}

/**
 * Part of `npm run build`, after the bundle: the code caches (src/code-cache.ts) of the commands' bundle and of
 * the files it loads, made by running the common commands once in this process. A run that fails leaves no cache:
 * the commands then compile as they load.
 */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const home = packageHome();
  const file = join(home, 'dist', 'src', 'cli', BUNDLE_FILE);
  rmSync(cacheFileOf(file), { force: true });
  const { main } = loadCached<typeof import('./main.js')>(file);
  const codes: number[] = [];
  for (const args of WARM_UP) codes.push(await main(args, silentIO(home)));
  if (codes.some((code) => code > 1)) console.error(`code caches not written: a warm-up run ended with ${codes.join(', ')}`);
  else writeCaches();
}
