import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Engine } from 'json-rules-engine';
import { loadCatalogue } from '../../src/catalogue/catalogue.js';
import { createCompiledEvaluator } from '../../src/engine/compile.js';
import { factsOf, strictPath, type Facts } from '../../src/engine/facts.js';
import { createScorer } from '../../src/engine/score.js';
import { packageHome } from '../../src/home.js';
import { regionsOf, type IndicatorFile } from '../../src/input/model.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { defaultProfile, rulesOfProfile, THRESHOLD_FACT } from '../../src/rules/model.js';
import { generateProvince, seededRandom, type CityOutline } from '../support/province.js';
import { createFloor, listFiles } from './floor.js';

/**
 * npm run bench [-- --quick] [-- --out results.json]
 * Generates seeded provinces at three sizes, then times (medians, interleaved) the floor (read + parse +
 * ajv), eduduty's scoring, stock json-rules-engine used per file, the CLI end to end, peak memory of the
 * largest run streamed as ndjson, and start-up of --help. Prints a table and whether the targets hold.
 */
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const HOME = packageHome();
const BIN = join(HOME, 'dist', 'src', 'cli', 'bin.js');
const FLOOR_BIN = join(HOME, 'dist', 'test', 'bench', 'floor.js');
const RSS_PRELOAD = join(HOME, 'test', 'bench', 'rss-preload.cjs');
const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];

function outline(province: number, cities: number, rng: () => number): CityOutline[] {
  return Array.from({ length: cities }, (_, c) => {
    const city = `${province}${String(c + 1).padStart(2, '0')}00`;
    const counties = 5 + Math.floor(rng() ** 3 * 16); // 5–20 counties, most cities at the low end
    return {
      region: { code: city, name: `市${province}${c + 1}` },
      counties: Array.from({ length: counties }, (_, k) => ({ code: `${city.slice(0, 4)}${String(k + 1).padStart(2, '0')}`, name: `县${k + 1}` })),
    };
  });
}

function writeFiles(dir: string, files: IndicatorFile[]): number {
  mkdirSync(dir, { recursive: true });
  let records = 0;
  for (const file of files) {
    writeFileSync(join(dir, `${file.region.code}.json`), JSON.stringify(file));
    records += 1 + (file.counties?.length ?? 0);
  }
  return records;
}

interface Size {
  name: string;
  dir: string;
  records: number;
  files: number;
}

function generate(root: string): Size[] {
  const rng = seededRandom(7);
  const options = { failRate: 0.1, missingRate: 0.02 };
  const province = outline(37, 16, rng);
  const nation = PROVINCES.flatMap((p) => outline(p, QUICK ? 2 : 10 + (p % 3), rng));
  const sizes: Size[] = [];
  const add = (name: string, dir: string, files: IndicatorFile[][]) => {
    const records = files.reduce((n, year) => n + writeFiles(dir.replace('{year}', String(year[0]!.year)), year), 0);
    sizes.push({ name, dir: dir.replace('/{year}', ''), records, files: files.reduce((n, f) => n + f.length, 0) });
  };
  add('province', join(root, 'province'), [generateProvince(province, { seed: 1, year: 2023, ...options })]);
  add('nation', join(root, 'nation'), [generateProvince(nation, { seed: 2, year: 2023, ...options })]);
  const years = QUICK ? 2 : 10;
  add(`nation × ${years} years`, join(root, 'decade', '{year}'), Array.from({ length: years }, (_, y) => generateProvince(nation, { seed: 10 + y, year: 2014 + y, ...options })));
  return sizes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function spawnTimed(argv: string[], env: Record<string, string> = {}): { ms: number; status: number | null } {
  const start = performance.now();
  const run = spawnSync(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { ms, status: run.status };
}

function peakRss(argv: string[], scratch: string): number {
  const file = join(scratch, `rss-${Math.random().toString(36).slice(2)}.txt`);
  spawnTimed(['-r', RSS_PRELOAD, ...argv], { BENCH_RSS_FILE: file });
  return Number(readFileSync(file, 'utf8')) / 1024;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'eduduty-bench-'));
  const scratch = join(root, 'out');
  mkdirSync(scratch);
  process.stdout.write(`generating seeded provinces in ${root}${QUICK ? ' (quick)' : ''}…\n`);
  const sizes = generate(root);
  const catalogue = loadCatalogue();
  const ruleSet = loadRuleSet(catalogue);
  const profile = defaultProfile(ruleSet);
  const rules = rulesOfProfile(ruleSet, profile);
  const floor = createFloor();
  const scorer = createScorer({ catalogue, ruleSet, profile });
  const compiled = createCompiledEvaluator(rules, profile);
  interface Row {
    size: string;
    files: number;
    records: number;
    floorUsPerRecord: number;
    scoreUsPerRecord: number;
    scoreToFloor: number;
    recordsPerSecond: number;
    evalCompiledUsPerRecord: number;
    evalStockUsPerRecord: number;
    stockToCompiled: number;
    sameVerdicts: string;
    cliFloorMs: number;
    cliMs: number;
    cliToFloor: number;
  }
  const rows: Row[] = [];

  for (const size of sizes) {
    const files = listFiles(size.dir);
    const reps = QUICK ? 2 : size.records > 20_000 ? 1 : size.records > 2_000 ? 3 : 7;
    process.stdout.write(`${size.name}: ${size.files} files, ${size.records} records, ${reps} repetitions…\n`);
    const facts: Facts[][] = files.map((f) => regionsOf(JSON.parse(readFileSync(f, 'utf8')) as IndicatorFile).map((r) => factsOf(r.indicators, catalogue)));
    const t = { floor: [] as number[], score: [] as number[], compiled: [] as number[], stock: [] as number[], cliFloor: [] as number[], cli: [] as number[] };
    let verdicts = { compiled: 0, stock: 0 };
    for (let rep = 0; rep < reps; rep++) {
      t.floor.push(time(() => files.forEach((f) => floor(f))));
      t.score.push(await timeAsync(async () => {
        for (const f of files) await scorer.scoreSources({ name: f });
      }));
      let passed = 0;
      t.compiled.push(time(() => {
        for (const regions of facts) for (const region of regions) for (const v of compiled.evaluateInOrder!(region)) if (v.status === 'pass') passed++;
      }));
      verdicts.compiled = passed;
      if (rep === 0 || size.records <= 20_000) {
        let stockPassed = 0;
        t.stock.push(await timeAsync(async () => {
          for (const regions of facts) {
            // the obvious use: one Engine per file, jsonpath-plus paths, then run per region
            const engine = new Engine([], { allowUndefinedFacts: true });
            engine.addFact(THRESHOLD_FACT, (p: Record<string, unknown>) => profile.thresholds[String(p.rule)]?.[String(p.name)]);
            for (const rule of rules) engine.addRule(rule.definition as never);
            for (const region of regions) {
              const missing = new Set(rules.filter((r) => r.references.some((ref) => { const v = ref.path ? strictPath(region[ref.fact], ref.path) : region[ref.fact]; return v === null || v === undefined; })).map((r) => r.id));
              const { results } = await engine.run({ ...region });
              stockPassed += results.filter((r) => !missing.has(String(r.name))).length;
            }
          }
        }));
        verdicts.stock = stockPassed;
      }
      t.cliFloor.push(spawnTimed([FLOOR_BIN, size.dir]).ms);
      t.cli.push(spawnTimed([BIN, 'score', size.dir, '--format', 'json', '-o', join(scratch, 'out.json'), '--fail-on', 'never']).ms);
    }
    const us = (ms: number) => (ms * 1000) / size.records;
    rows.push({
      size: size.name,
      files: size.files,
      records: size.records,
      floorUsPerRecord: us(median(t.floor)),
      scoreUsPerRecord: us(median(t.score)),
      scoreToFloor: median(t.score) / median(t.floor),
      recordsPerSecond: size.records / (median(t.score) / 1000),
      evalCompiledUsPerRecord: us(median(t.compiled)),
      evalStockUsPerRecord: us(median(t.stock)),
      stockToCompiled: median(t.stock) / median(t.compiled),
      sameVerdicts: verdicts.compiled === verdicts.stock ? 'yes' : `no (${verdicts.compiled} vs ${verdicts.stock})`,
      cliFloorMs: median(t.cliFloor),
      cliMs: median(t.cli),
      cliToFloor: median(t.cli) / median(t.cliFloor),
    });
  }

  const largest = sizes.at(-1)!;
  process.stdout.write(`peak memory on ${largest.name}…\n`);
  const rssNdjson = peakRss([BIN, 'score', largest.dir, '--format', 'ndjson', '-o', join(scratch, 'out.ndjson'), '--fail-on', 'never'], scratch);
  const rssStream = peakRss([BIN, 'score', largest.dir, '--format', 'ndjson', '--fail-on', 'never'], scratch);
  process.stdout.write('start-up…\n');
  const bare: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < (QUICK ? 5 : 15); i++) {
    bare.push(spawnTimed(['-e', '0']).ms);
    help.push(spawnTimed([BIN, '--help']).ms);
  }
  const startup = { nodeMs: median(bare), helpMs: median(help), overheadMs: median(help) - median(bare) };
  const memory = { records: largest.records, ndjsonStreamedMb: rssStream, ndjsonToFileMb: rssNdjson };

  const fmt = (n: number | string, digits = 1) => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : n);
  const table = (headers: string[], body: (string | number)[][]) => {
    const cells = [headers, ...body.map((r) => r.map((c) => fmt(c)))];
    const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
    return cells.map((r) => r.map((c, i) => String(c).padStart(widths[i]!)).join('  ')).join('\n');
  };
  const lines = [
    '',
    table(
      ['size', 'records', 'floor µs/rec', 'score µs/rec', 'score/floor', 'records/s', 'eval µs/rec', 'stock µs/rec', 'stock/eval', 'same verdicts', 'CLI ms', 'floor ms', 'CLI/floor'],
      rows.map((r) => [r.size, r.records, r.floorUsPerRecord, r.scoreUsPerRecord, r.scoreToFloor, r.recordsPerSecond, r.evalCompiledUsPerRecord, r.evalStockUsPerRecord, r.stockToCompiled, r.sameVerdicts, r.cliMs, r.cliFloorMs, r.cliToFloor]),
    ),
    '',
    `peak RSS, ${fmt(memory.records, 0)} records streamed as ndjson: ${fmt(memory.ndjsonStreamedMb)} MB to stdout, ${fmt(memory.ndjsonToFileMb)} MB via -o (which keeps results)`,
    `start-up: node -e 0 ${fmt(startup.nodeMs)} ms, eduduty --help ${fmt(startup.helpMs)} ms (+${fmt(startup.overheadMs)} ms)`,
    '',
  ];
  const big = rows.at(-1)!;
  const targets = [
    ['scoring ≤ 2× the floor per record', big.scoreToFloor <= 2, `${fmt(big.scoreToFloor, 2)}×`],
    ['evaluation ≥ 20× faster than stock json-rules-engine', rows.every((r) => r.stockToCompiled >= 20), rows.map((r) => `${fmt(r.stockToCompiled, 0)}×`).join(', ')],
    ['same verdicts as stock json-rules-engine', rows.every((r) => r.sameVerdicts === 'yes'), rows.map((r) => r.sameVerdicts).join(', ')],
    ['CLI end to end ≤ 4× the floor process', big.cliToFloor <= 4, `${fmt(big.cliToFloor, 2)}×`],
    ['peak RSS ≤ 400 MB streaming the largest run', memory.ndjsonStreamedMb <= 400, `${fmt(memory.ndjsonStreamedMb)} MB`],
    ['--help within 150 ms of node -e 0', startup.overheadMs <= 150, `+${fmt(startup.overheadMs)} ms`],
  ] as const;
  for (const [name, ok, value] of targets) lines.push(`${ok ? '✔' : '✖'} ${name}: ${value}`);
  process.stdout.write(lines.join('\n') + '\n');
  const out = OUT ?? join(tmpdir(), `eduduty-bench-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ quick: QUICK, node: process.version, rows, memory, startup, targets: targets.map(([name, ok, value]) => ({ name, ok, value })) }, null, 2) + '\n');
  process.stdout.write(`\nresults written to ${out}\n`);
  rmSync(root, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
