import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { packageHome } from '../home.js';

/**
 * Part of `npm run build`: the command line as a few bundled files instead of some two hundred modules.
 * Node resolves, reads and links every module of an import graph at start-up (with a realpath of each), which
 * cost more than the command itself; bundled, `--help` loads the parser and the messages only, and each command
 * its own chunk the first time it runs. The bundle of the process entry (src/cli/entry.ts) is `dist/src/cli/bin.js`,
 * a name the compiler never writes, so compiling again (the benchmark, the samples) leaves it in place; the library
 * (`dist/src/index.js`) stays as compiled. Heavy libraries stay outside, loaded from node_modules when needed.
 */
const home = packageHome();
const out = join(home, 'dist', 'src', 'cli');
const chunks = join(out, 'chunks');

/** Loaded lazily where they are used (src/modules.ts, the XLSX readers and writers). */
const EXTERNAL = ['yaml', 'ajv', 'cli-progress', 'echarts', 'exceljs'];

/** The error messages zod ships for ~60 languages: the command line speaks zh and en and maps zod's errors itself. */
const ZOD_LOCALES = `export { default as en } from './en.js';\nexport { default as zhCN } from './zh-CN.js';\n`;

function bundlePlugin(): Plugin {
  return {
    name: 'eduduty-cli',
    setup(b) {
      b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: ZOD_LOCALES, loader: 'js' }));
      // string-width builds an Intl.Segmenter when it is loaded, which loads ICU's segmentation data (tens of
      // milliseconds) even in runs that never measure a string: built on first use instead
      b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const eager = 'const segmenter = new Intl.Segmenter();';
        if (!source.includes(eager) || !source.includes('segmenter.segment(')) return { errors: [{ text: `string-width no longer builds its segmenter as ${eager}` }] };
        const lazy = 'let segmenterBuilt;\nconst segmenter = { segment: (text) => (segmenterBuilt ??= new Intl.Segmenter()).segment(text) };';
        return { contents: source.replace(eager, lazy), loader: 'js' };
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

rmSync(chunks, { recursive: true, force: true });
await build({
  entryPoints: { bin: join(home, 'src', 'cli', 'entry.ts') },
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
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
  // CommonJS dependencies inside an ES module bundle still call require() for Node's own modules
  banner: { js: "import { createRequire as __edudutyRequire } from 'node:module'; const require = __edudutyRequire(import.meta.url);" },
  plugins: [bundlePlugin()],
});
const files = readdirSync(chunks).filter((f) => f.endsWith('.js'));
console.log(`dist/src/cli/bin.js + ${files.length} chunks`);
