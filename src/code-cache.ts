import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/**
 * CommonJS files of the build run from V8's code cache: the commands' bundle (`dist/src/cli/main.cjs`) and the
 * precompiled validator.
 *
 * Compiling their code was most of a short run's time. Node 20 keeps no compiled code between runs, but V8 can
 * for a script: the build runs the common commands once, asks V8 for the code it compiled and writes it beside each
 * file (`FILE.cache`), and each run hands it back. The cache is only a shortcut: V8 refuses one from another
 * version or with other flags and compiles the source instead, and one that does not belong to this very file (the
 * hash at its head) is never offered.
 */
export const cacheFileOf = (file: string) => `${file}.cache`;

/** The file's source as its wrapper, the way Node wraps a CommonJS module, plus the module's own URL. */
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname, __edudutyModuleUrl) {${source}\n})`;

const HASH_BYTES = 32;
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** esbuild writes ASCII but for a few regular expressions; ASCII decodes as Latin-1 at once. */
const textOf = (bytes: Buffer) => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

/** Every script loaded in this process, by file: one registry, though both the entry and the bundle hold this module. */
const REGISTRY = Symbol.for('eduduty.cachedScripts');
const holder = globalThis as { [REGISTRY]?: Map<string, { script: Script; hash: Buffer; cached: boolean; exports: unknown }> };
const loaded = (holder[REGISTRY] ??= new Map());

/** Runs a CommonJS file once per process, as require() would, from its code cache when it has one; returns its exports. */
export function loadCached<T>(file: string): T {
  const known = loaded.get(file);
  if (known) return known.exports as T;
  const bytes = readFileSync(file);
  const hash = hashOf(bytes);
  const cacheFile = cacheFileOf(file);
  let cachedData: Buffer | undefined;
  if (existsSync(cacheFile)) {
    const cache = readFileSync(cacheFile);
    if (cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash)) cachedData = cache.subarray(HASH_BYTES);
  }
  const script = new Script(wrap(textOf(bytes)), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
  loaded.set(file, { script, hash, cached: cachedData !== undefined && !script.cachedDataRejected, exports: module.exports });
  return module.exports;
}

/** Whether V8 took the cache of a file loaded in this process. */
export const ranFromCache = (file: string) => loaded.get(file)?.cached === true;

/** Writes the cache of every file loaded in this process: its hash, then the code V8 has compiled so far. */
export function writeCaches(): void {
  for (const [file, { script, hash }] of loaded) writeFileSync(cacheFileOf(file), Buffer.concat([hash, script.createCachedData()]));
}
