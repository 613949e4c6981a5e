import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILE } from '../../src/cli/bundle.js';
import { loadCached } from '../../src/code-cache.js';
import { packageHome } from '../../src/home.js';
import { PRECOMPILED_FILE } from '../../src/input/precompiled.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const BUILT = join(packageHome(), 'dist', 'src');
const CODE_CACHE = pathToFileURL(join(BUILT, 'code-cache.js')).href;

/** Loads files in a fresh Node process (the flags of a plain run), optionally writes their caches, and says what it found. */
function inFreshNode(files: readonly string[], write = false): { values: unknown[]; fromCache: boolean[] } {
  const script = `
    const { loadCached, ranFromCache, writeCaches } = await import(${JSON.stringify(CODE_CACHE)});
    const files = ${JSON.stringify(files)};
    const values = files.map((file) => { const e = loadCached(file); return typeof e === 'function' ? 'function' : e.value ?? Object.keys(e).length; });
    const fromCache = files.map(ranFromCache);
    if (${write}) writeCaches();
    process.stdout.write(JSON.stringify({ values, fromCache }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { values: unknown[]; fromCache: boolean[] };
}

describe('the code cache of the built command line', () => {
  it('is taken by V8 for the commands and the validator the build wrote it for', () => {
    const found = inFreshNode([join(BUILT, 'cli', BUNDLE_FILE), join(BUILT, 'input', PRECOMPILED_FILE)]);
    expect(found.fromCache).toEqual([true, true]);
  });

  it('is never offered for a file changed since it was made, even one of the same length', () => {
    const dir = tempDir();
    const file = join(dir, 'module.cjs');
    writeFileSync(file, 'module.exports = { value: "made" };\n');
    expect(inFreshNode([file], true)).toEqual({ values: ['made'], fromCache: [false] });
    expect(inFreshNode([file])).toEqual({ values: ['made'], fromCache: [true] });
    writeFileSync(file, 'module.exports = { value: "mine" };\n');
    expect(inFreshNode([file])).toEqual({ values: ['mine'], fromCache: [false] });
  });

  it('is only a shortcut: a cache from elsewhere or truncated is ignored and the file runs as written', () => {
    const dir = tempDir();
    const file = join(dir, 'module.cjs');
    writeFileSync(file, 'module.exports = { value: 1 + 1 };\n');
    inFreshNode([file], true);
    const cache = readFileSync(`${file}.cache`);
    for (const broken of [cache.subarray(0, 40), Buffer.alloc(0), Buffer.concat([cache.subarray(0, 32), Buffer.from('not a cache')])]) {
      writeFileSync(`${file}.cache`, broken);
      expect(inFreshNode([file])).toEqual({ values: [2], fromCache: [false] });
    }
  });

  it('loads a file once per process, as require() does', () => {
    const dir = tempDir();
    const file = join(dir, 'counter.cjs');
    writeFileSync(file, 'globalThis.__edudutyCounted = (globalThis.__edudutyCounted ?? 0) + 1; module.exports = { n: globalThis.__edudutyCounted };\n');
    const first = loadCached<{ n: number }>(file);
    expect(loadCached(file)).toBe(first);
    copyFileSync(file, join(dir, 'other.cjs'));
    expect(loadCached<{ n: number }>(join(dir, 'other.cjs')).n).toBe(first.n + 1);
  });
});

describe('the commands bundle', () => {
  const bundled = loadCached<typeof import('../../src/cli/main.js')>(join(BUILT, 'cli', BUNDLE_FILE));
  const inBundle = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (t: string) => (stdout += t), isTTY: false }, stderr: { write: (t: string) => (stderr += t), isTTY: false }, env: {}, cwd: join(packageHome(), 'test', 'fixtures', 'cli-config'), readStdin: async () => Buffer.alloc(0) };
    return { code: await bundled.main(args, io), stdout, stderr };
  };

  // the bundle defers string-width's Unicode patterns and segmenter (src/cli/build.ts): the parser's help, laid
  // out by string-width in both languages, must come out as from the modules
  it.each([
    [['score', '--help', '--lang', 'zh']],
    [['report', '--help', '--lang', 'en']],
    [['rules', '--lang', 'zh', '--no-color']],
    [['score', join(packageHome(), 'samples', '2023', '370100.json'), '--no-color', '--lang', 'en']],
    [['validate', join(packageHome(), 'test', 'fixtures', 'cli', 'syntax.json')]],
    [['scor']],
  ])('says what the modules say: %j', async (args) => {
    const fromBundle = await inBundle(args);
    expect(fromBundle).toEqual(await runCli(args));
    expect(fromBundle.stdout.length + fromBundle.stderr.length).toBeGreaterThan(0);
  });
});
