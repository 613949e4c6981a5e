import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { packageHome } from '../home.js';
import { pageHtml } from './html.js';

/**
 * Part of `npm run build`: the page in dist/web. Classic scripts (IIFE), not ES modules, because Chromium
 * refuses modules loaded from other files of a page opened from file://. The library runs as it is, over
 * shims of the few Node APIs it uses and an embedded copy of its data files; ExcelJS and the charts are
 * scripts of their own, injected only when needed.
 */
const home = packageHome();
const source = join(home, 'src');
const shims = join(source, 'web', 'shims');
const out = join(home, 'dist', 'web');
const WEB_HOME = '/eduduty';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/** The data files the library reads, minified, by the path the page's file system gives them. */
function embeddedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const { name, version } = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { name: string; version: string };
  files[`${WEB_HOME}/package.json`] = JSON.stringify({ name, version });
  const data = ['indicators/catalogue.json', 'indicators/units.json', 'indicators/regions-shandong.json'].map((f) => join(home, f));
  for (const dir of ['rules', 'report-layouts']) data.push(...listFiles(join(home, dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')));
  for (const file of data) files[`${WEB_HOME}/${relative(home, file)}`] = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
  return files;
}

const NODE_SHIMS: Record<string, string> = {
  'node:fs': 'fs.ts',
  'node:fs/promises': 'fs-promises.ts',
  'node:path': 'path.ts',
  'node:crypto': 'crypto.ts',
  'node:buffer': 'buffer.ts',
  'node:util': 'util.ts',
  'node:zlib': 'zlib.ts',
  exceljs: 'exceljs.ts',
};

/** Modules of the library replaced whole in the page: where it finds its package, its lazy libraries, its validator. */
const REPLACED: Record<string, string> = {
  [join(source, 'home.ts')]: 'home.ts',
  [join(source, 'modules.ts')]: 'modules.ts',
  [join(source, 'input', 'precompiled.ts')]: 'precompiled.ts',
  [join(source, 'input', 'workbook.ts')]: 'workbook.ts',
};

function browserPlugin(): Plugin {
  return {
    name: 'eduduty-browser',
    setup(b) {
      b.onResolve({ filter: /^(node:[a-z/]+|exceljs)$/ }, (args) => {
        const shim = NODE_SHIMS[args.path];
        return shim ? { path: join(shims, shim) } : { errors: [{ text: `no browser shim for ${args.path}` }] };
      });
      b.onResolve({ filter: /^eduduty:files$/ }, () => ({ path: 'files', namespace: 'eduduty' }));
      b.onResolve({ filter: /^eduduty:validator$/ }, () => ({ path: join(home, 'dist', 'src', 'input', 'indicator-file.validate.cjs') }));
      b.onLoad({ filter: /^files$/, namespace: 'eduduty' }, () => ({ contents: `export default ${JSON.stringify(embeddedFiles())};`, loader: 'js' }));
      b.onResolve({ filter: /(home|modules|precompiled|workbook)\.js$/ }, (args) => {
        const target = join(args.resolveDir, args.path).replace(/\.js$/, '.ts');
        const shim = REPLACED[target];
        return shim && !args.importer.startsWith(shims) ? { path: join(shims, shim) } : undefined;
      });
    },
  };
}

const COMMON = { bundle: true, format: 'iife', platform: 'browser', target: ['chrome109', 'firefox115', 'safari16'] as string[], minify: true, legalComments: 'none', logLevel: 'warning', charset: 'utf8' } as const;

export interface BuiltAsset {
  file: string;
  bytes: number;
}

export async function buildPage(): Promise<BuiltAsset[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const main = await build({
    ...COMMON,
    entryPoints: [join(source, 'web', 'page', 'main.ts')],
    outfile: join(out, 'eduduty.js'),
    plugins: [browserPlugin()],
    inject: [join(shims, 'globals.ts')],
    metafile: true,
  });
  if (process.env.EDUDUTY_WEB_META) writeFileSync(process.env.EDUDUTY_WEB_META, JSON.stringify(main.metafile));
  await build({ ...COMMON, entryPoints: [join(source, 'web', 'page', 'charts.ts')], outfile: join(out, 'charts.js') });
  // ExcelJS's own browser build: bundling its Node source would mean shimming streams and zlib
  copyFileSync(join(home, 'node_modules', 'exceljs', 'dist', 'exceljs.min.js'), join(out, 'exceljs.js'));
  copyFileSync(join(source, 'web', 'page', 'page.css'), join(out, 'eduduty.css'));
  writeFileSync(join(out, 'index.html'), pageHtml());
  return readdirSync(out).map((file) => ({ file, bytes: statSync(join(out, file)).size }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const asset of await buildPage()) process.stdout.write(`dist/web/${asset.file}  ${(asset.bytes / 1024).toFixed(0)} KiB\n`);
}
