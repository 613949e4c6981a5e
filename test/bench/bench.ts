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
 * ajv), eduduty's scoring, stock json-rules-engine used per file, the CLI end to end in every streamed format
 * against the floor as a whole process with each run's peak memory, and start-up (--help, rules, one sample
 * file) against `node -e 0`. Prints a table and whether the targets hold.
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

/** A whole process timed, with its peak resident memory (MB) written by the preload as it exits. */
function measured(argv: string[], scratch: string): { ms: number; rssMb: number } {
  const file = join(scratch, `rss-${Math.random().toString(36).slice(2)}.txt`);
  const { ms } = spawnTimed(['-r', RSS_PRELOAD, ...argv], { BENCH_RSS_FILE: file });
  return { ms, rssMb: Number(readFileSync(file, 'utf8')) / 1024 };
}

/** The formats the largest run is written in, each to a file as CI would: ratios to the floor and peak memory. */
const CLI_FORMATS = ['json', 'ndjson', 'sarif', 'junit', 'pretty', 'csv', 'github', 'markdown'] as const;
type CliFormat = (typeof CLI_FORMATS)[number];
const cliArgs = (dir: string, format: CliFormat, scratch: string) => [BIN, 'score', dir, '--format', format, '--no-color', '-o', join(scratch, `out.${format}`), '--fail-on', 'never'];

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
  const formatRuns: Partial<Record<CliFormat, { ratio: number; rssMb: number; ms: number }[]>> = {};
  const floorRss: number[] = [];

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
      const floorRun = measured([FLOOR_BIN, size.dir], scratch);
      t.cliFloor.push(floorRun.ms);
      const jsonRun = measured(cliArgs(size.dir, 'json', scratch), scratch);
      t.cli.push(jsonRun.ms);
      if (size === sizes.at(-1)) {
        // one repetition at this size: a floor run beside each format's run, and every ratio against their median,
        // so no single floor run (its time varies by a third from run to run here) decides the ratios
        const runs: [CliFormat, { ms: number; rssMb: number }][] = [];
        for (const format of CLI_FORMATS) {
          if (format !== 'json') {
            const floorBeside = measured([FLOOR_BIN, size.dir], scratch);
            t.cliFloor.push(floorBeside.ms);
            floorRss.push(floorBeside.rssMb);
          }
          runs.push([format, format === 'json' ? jsonRun : measured(cliArgs(size.dir, format, scratch), scratch)]);
        }
        const floorMs = median(t.cliFloor);
        for (const [format, run] of runs) (formatRuns[format] ??= []).push({ ratio: run.ms / floorMs, rssMb: run.rssMb, ms: run.ms });
        floorRss.push(floorRun.rssMb);
      }
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
  const formats = CLI_FORMATS.map((format) => {
    const runs = formatRuns[format] ?? [];
    return { format, toFloor: median(runs.map((r) => r.ratio)), rssMb: Math.max(...runs.map((r) => r.rssMb)), ms: median(runs.map((r) => r.ms)) };
  });
  process.stdout.write('start-up…\n');
  const sample = join(HOME, 'samples', '2023', '370100.json');
  const startupRuns = { bare: [] as number[], help: [] as number[], rules: [] as number[], one: [] as number[] };
  for (let i = 0; i < (QUICK ? 5 : 31); i++) {
    startupRuns.bare.push(spawnTimed(['-e', '0']).ms);
    startupRuns.help.push(spawnTimed([BIN, '--help']).ms);
    startupRuns.rules.push(spawnTimed([BIN, 'rules', '--no-color']).ms);
    startupRuns.one.push(spawnTimed([BIN, 'score', sample, '--no-color', '--fail-on', 'never']).ms);
  }
  const bare = median(startupRuns.bare);
  const startup = { nodeMs: bare, helpMs: median(startupRuns.help) - bare, rulesMs: median(startupRuns.rules) - bare, oneFileMs: median(startupRuns.one) - bare };
  const memory = { records: largest.records, floorMb: Math.max(...floorRss), formats: formats.map((f) => ({ format: f.format, mb: f.rssMb })) };

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
    table(
      ['format', `CLI/floor at ${fmt(largest.records, 0)} records`, 'CLI s', 'peak RSS MB'],
      formats.map((f) => [f.format, f.toFloor, f.ms / 1000, f.rssMb]),
    ),
    `floor process: peak RSS ${fmt(memory.floorMb)} MB`,
    `start-up over node -e 0 (${fmt(startup.nodeMs)} ms): --help +${fmt(startup.helpMs)} ms, rules +${fmt(startup.rulesMs)} ms, one sample file +${fmt(startup.oneFileMs)} ms`,
    '',
  ];
  const mid = rows.find((r) => r.records > 2_000 && r.records < 20_000) ?? rows.at(-2) ?? rows[0]!;
  const big = rows.at(-1)!;
  const of = (format: CliFormat) => formats.find((f) => f.format === format)!;
  const within5 = (['ndjson', 'sarif', 'junit', 'pretty'] as const).map(of);
  const targets = [
    [`score --format json ≤ 3× the floor at ${fmt(mid.records, 0)} records`, mid.cliToFloor <= 3, `${fmt(mid.cliToFloor, 2)}×`],
    [`score --format json ≤ 4× the floor at ${fmt(big.records, 0)} records`, big.cliToFloor <= 4, `${fmt(big.cliToFloor, 2)}×`],
    ['ndjson, sarif, junit, pretty --no-color ≤ 5× the floor at the largest size', within5.every((f) => f.toFloor <= 5), within5.map((f) => `${f.format} ${fmt(f.toFloor, 2)}×`).join(', ')],
    ['peak RSS ≤ 250 MB for every format at the largest size', formats.every((f) => f.rssMb <= 250), `max ${fmt(Math.max(...formats.map((f) => f.rssMb)))} MB`],
    ['--help ≤ +60 ms over node -e 0', startup.helpMs <= 60, `+${fmt(startup.helpMs)} ms`],
    ['rules ≤ +150 ms over node -e 0', startup.rulesMs <= 150, `+${fmt(startup.rulesMs)} ms`],
    ['scoring one sample file ≤ +250 ms over node -e 0', startup.oneFileMs <= 250, `+${fmt(startup.oneFileMs)} ms`],
    ['evaluation ≥ 20× faster than stock json-rules-engine', rows.every((r) => r.stockToCompiled >= 20), rows.map((r) => `${fmt(r.stockToCompiled, 0)}×`).join(', ')],
    ['same verdicts as stock json-rules-engine', rows.every((r) => r.sameVerdicts === 'yes'), rows.map((r) => r.sameVerdicts).join(', ')],
  ] as const;
  for (const [name, ok, value] of targets) lines.push(`${ok ? '✔' : '✖'} ${name}: ${value}`);
  process.stdout.write(lines.join('\n') + '\n');
  const out = OUT ?? join(tmpdir(), `eduduty-bench-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ quick: QUICK, node: process.version, rows, formats, memory, startup, targets: targets.map(([name, ok, value]) => ({ name, ok, value })) }, null, 2) + '\n');
  process.stdout.write(`\nresults written to ${out}\n`);
  rmSync(root, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
