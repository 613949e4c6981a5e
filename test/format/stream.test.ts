import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult, ScoreResult } from '../../src/engine/model.js';
import { scorePaths } from '../../src/engine/batch.js';
import { buildScoreResult, createScorer, resultHead, summarise } from '../../src/engine/score.js';
import { formatJson, jsonFile } from '../../src/format/json.js';
import { formatNdjson } from '../../src/format/ndjson.js';
import { FORMATTERS, STREAM_FORMATTERS, type FormatOptions } from '../../src/format/registry.js';
import { packageVersion } from '../../src/home.js';
import { runCli } from '../support/cli.js';
import { catalogue, newest, ruleSet, scorerFor } from '../support/context.js';

const SMALL = 'test/fixtures/cli/370100-small.json';
const BROKEN = 'test/fixtures/cli/broken.json';

describe('JSON output', () => {
  it('is JSON.stringify of the result with passes thinned: compact, or indented, for no, one and several files', async () => {
    const scorer = scorerFor();
    const files = [await scorer.scoreSource({ name: SMALL }), await scorer.scoreSource({ name: BROKEN })];
    for (const subset of [[], files.slice(0, 1), files]) {
      const plain = buildScoreResult('0.1.0', newest, subset, scorer.rules);
      const extended: ScoreResult = { ...plain, waivers: [{ rule: 'r.x', regions: '*', reason: 'r', owner: 'o', expires: '2030-01-01', used: 0, expired: false }], baseline: { file: 'b.json', new: 1, existing: 2 } };
      for (const result of [plain, extended]) {
        for (const detail of ['thin', 'full'] as const) {
          const model = JSON.parse(JSON.stringify({ ...result, files: result.files.map((f) => jsonFile(f, detail)) }));
          expect(formatJson(result, { detail })).toBe(JSON.stringify(model) + '\n');
          expect(formatJson(result, { detail, indent: true })).toBe(JSON.stringify(model, null, 2) + '\n');
          const lines = formatNdjson(result, { detail }).trimEnd().split('\n').map((l) => JSON.parse(l));
          expect(lines.map((l) => l.type)).toEqual(['run', ...result.files.map(() => 'file'), 'summary']);
          expect(lines.slice(1, -1).map(({ type: _, ...file }) => file)).toEqual(model.files);
        }
      }
    }
  });
});

describe('streamed output', () => {
  it('writes every format file by file with the bytes of the whole-document formatter, across buffer boundaries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eduduty-stream-'));
    try {
      const names = Object.keys(STREAM_FORMATTERS) as (keyof typeof STREAM_FORMATTERS)[];
      const run = await runCli(['score', 'samples/', BROKEN, '--lang', 'en', '-f', 'junit', ...names.flatMap((n) => ['-o', `${n}=${join(dir, n)}`])]);
      expect(run.code).toBe(2);
      // the library scorer the CLI builds: each file judged by the profile of its year
      const scorer = createScorer({ catalogue, ruleSet, profile: newest, lang: 'en', byYear: true });
      const files: FileResult[] = await scorePaths(scorer, ['samples/', BROKEN]);
      const whole: ScoreResult = { ...resultHead(packageVersion(), scorer, ruleSet.profiles), files, summary: summarise(files) };
      const options: FormatOptions = { lang: 'en', color: false, verbose: false, catalogue, rules: scorer.rules };
      for (const name of names) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(FORMATTERS[name](whole, options));
      // larger than the output buffer: the JUnit preamble came first, then the spooled suites
      expect(Buffer.byteLength(run.stdout)).toBeGreaterThan(1 << 20);
      expect(run.stdout).toBe(readFileSync(join(dir, 'junit'), 'utf8'));
      expect(run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="eduduty shandong-2023" tests=')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
