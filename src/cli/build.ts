import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { packageHome } from '../home.js';
import { BUNDLE_FILE } from './bundle.js';

/**
 * Part of `npm run build`: the command line as two bundled files instead of some two hundred modules.
 * Node resolves, reads and links every module of an import graph at start-up (with a realpath of each), which
 * cost more than the command itself. The process entry (src/cli/entry.ts) is `dist/src/cli/bin.js`, a name the
 * compiler never writes, so compiling again (the benchmark, the samples) leaves it in place: `--help` needs nothing
 * else. The commands are `dist/src/cli/main.cjs`, one script that runs from V8's code cache (src/code-cache.ts,
 * written by src/cli/write-cache.ts). The library (`dist/src/index.js`) stays as compiled. Heavy libraries stay
 * outside, loaded from node_modules when needed.
 */
const home = packageHome();
const out = join(home, 'dist', 'src', 'cli');

/** Loaded lazily where they are used (src/modules.ts, the XLSX readers and writers). */
const EXTERNAL = ['yaml', 'ajv', 'cli-progress', 'echarts', 'exceljs'];

/** The error messages zod ships for ~60 languages: the command line speaks zh and en and maps zod's errors itself. */
const ZOD_LOCALES = `export { default as en } from './en.js';\nexport { default as zhCN } from './zh-CN.js';\n`;

/** What a deferred pattern answers: the uses string-width makes of its patterns (test, search, match). */
const LAZY_PATTERN = `const lazyPattern = (make) => { let made; const get = () => (made ??= make());
  return { test: (text) => get().test(text), [Symbol.search]: (text) => text.search(get()), [Symbol.match]: (text) => text.match(get()) }; };\n`;

/** Each module-level regular expression literal with a Unicode property (`const name = /…\p{…}…/flags;`) built on first use. */
function lazyPropertyPatterns(source: string): string {
  let deferred = false;
  const changed = source.replace(/^const (\w+) = (\/(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[a-z]*);$/gm, (line, name: string, literal: string) => {
    if (!literal.includes('\\p{')) return line;
    deferred = true;
    return `const ${name} = lazyPattern(() => ${literal});`;
  });
  return deferred ? LAZY_PATTERN + changed : changed;
}

function bundlePlugin(): Plugin {
  return {
    name: 'eduduty-cli',
    setup(b) {
      b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: ZOD_LOCALES, loader: 'js' }));
      // string-width builds an Intl.Segmenter and Unicode property patterns (\p{RGI_Emoji} alone takes ICU some
      // 30 ms) when it is loaded, in runs that never measure a string (it lays out help): built on first use instead
      b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const eager = 'const segmenter = new Intl.Segmenter();';
        if (!source.includes(eager) || !source.includes('segmenter.segment(')) return { errors: [{ text: `string-width no longer builds its segmenter as ${eager}` }] };
        const lazy = 'let segmenterBuilt;\nconst segmenter = { segment: (text) => (segmenterBuilt ??= new Intl.Segmenter()).segment(text) };';
        const contents = lazyPropertyPatterns(source.replace(eager, lazy));
        if (/^const \w+ = \/.*\\p\{/m.test(contents)) return { errors: [{ text: 'string-width builds a Unicode property pattern in a way the build does not defer' }] };
        return { contents, loader: 'js' };
      });
      // After a command's handler yargs renders the command's whole help, in case the handler asks for it later
      // (ours never do): laying out every option's description costs more than most commands themselves.
      b.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const caching = 'yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();';
        if (!source.includes(caching)) return { errors: [{ text: `yargs no longer caches a command's help as ${caching}` }] };
        return { contents: source.replace(caching, ''), loader: 'js' };
      });
      // yargs finds its translations relative to its own module, which a bundle moves: point it at the package
      b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const located = "resolve(__dirname, '../../../locales')";
        if (!source.includes(located)) return { errors: [{ text: `yargs no longer locates its translations as ${located}` }] };
        return { contents: source.replace(located, "join(dirname(require.resolve('yargs/package.json')), 'locales')"), loader: 'js' };
      });
    },
  };
}

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build whose require() calls a bundle cannot follow; its "module" is plain ESM
  mainFields: ['module', 'main'],
  external: EXTERNAL,
  // EDUDUTY_READABLE_BUILD=1 keeps names and lines, for reading a CPU profile
  minify: !process.env.EDUDUTY_READABLE_BUILD,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
};

// the chunks of an earlier layout of the bundle
rmSync(join(out, 'chunks'), { recursive: true, force: true });
// the process entry: --help and the usage errors found before any command is loaded
await build({
  ...shared,
  entryPoints: { bin: join(home, 'src', 'cli', 'entry.ts') },
  outdir: out,
  format: 'esm',
  banner: { js: "import { createRequire as __edudutyRequire } from 'node:module'; const require = __edudutyRequire(import.meta.url);" },
});
// the commands, as one script run from V8's code cache (src/code-cache.ts); the library's ES module imports become
// require() calls and import.meta.url the bundle's own URL, which its loader passes in
await build({
  ...shared,
  entryPoints: [join(home, 'src', 'cli', 'main.ts')],
  outfile: join(out, BUNDLE_FILE),
  format: 'cjs',
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__edudutyModuleUrl' },
  plugins: [bundlePlugin()],
});
console.log(`dist/src/cli/bin.js + ${BUNDLE_FILE}`);
