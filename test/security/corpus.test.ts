import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { SCORE_RESULT_SCHEMA } from '../../src/format/result-schema.js';
import { scorePaths } from '../../src/engine/batch.js';
import type { FileResult } from '../../src/engine/model.js';
import { runCli } from '../support/cli.js';
import { scorerFor } from '../support/context.js';

const good = { schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators: { preschool_gross_enrolment_rate: 95 } };
const goodText = JSON.stringify(good);
/** The good file for another city: a region counts once per run, so each good copy names its own. */
const goodFor = (code: string, name: string) => JSON.stringify({ ...good, region: { code, name } });
const head = '{"schemaVersion":1,"year":2023,"region":{"code":"370100","name":"济南市"},';

/** The hostile corpus: every file, and what eduduty must say about it. */
function corpus(dir: string): Record<string, string | Uint8Array> {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`)].join('\n');
  return {
    '00-good.json': goodText,
    'malformed.json': '{"schemaVersion": 1,,}',
    'malformed.yaml': 'schemaVersion: 1\nyear: [2023\n',
    'malformed.csv': 'region_code,region_name,year\n"370100,济南市,2023\n',
    'malformed.xlsx': Buffer.from('PK\u0003\u0004 this is not a workbook'),
    'alias-bomb.yaml': laughs + '\n',
    'custom-tag.yaml': 'schemaVersion: 1\nyear: !!js/function "function () { return 2023 }"\n',
    'nan.yaml': 'schemaVersion: 1\nyear: 2023\nregion: {code: "370100", name: a}\nindicators:\n  large_class_share: .nan\n',
    'inf.yaml': 'schemaVersion: 1\nyear: 2023\nregion: {code: "370100", name: a}\nindicators:\n  large_class_share: -.inf\n',
    'deep.json': nested(200_000),
    'deep-extension.json': `${head}"indicators":{},"x-deep":${nested(5_000)}}`,
    'deep.yaml': nested(50_000) + '\n',
    'huge.json': `${head}"indicators":{},"notes":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    'long-name.json': `${head.replace('"济南市"', `"${'长'.repeat(10_000)}"`)}"indicators":{}}`,
    'long-key.json': `${head}"indicators":{"${'k'.repeat(100_000)}":1}}`,
    'duplicate.json': `${head}"indicators":{"preschool_gross_enrolment_rate":95,\n"preschool_gross_enrolment_rate":80}}`,
    'duplicate.yaml': 'schemaVersion: 1\nyear: 2023\nyear: 2024\n',
    'big-number.json': `${head}"indicators":{"super_large_classes":12345678901234567890}}`,
    'big-number.yaml': 'schemaVersion: 1\nyear: 2023\nregion: {code: "370100", name: a}\nindicators:\n  super_large_classes: 123456789012345678901\n',
    'proto.json': `${head.replace('"region":{', '"region":{"prototype":1,')}"indicators":{"__proto__":{"polluted":true}},"constructor":{}}`,
    'mixed-encoding.json': Buffer.concat([Buffer.from(`${head.replace('370100', '370300')}"indicators":{"preschool_gross_enrolment_rate":95},"notes":"`), Buffer.from([0xb1, 0xb8, 0xd7, 0xa2]), Buffer.from('"}')]),
    'control-chars.json': `${head}"indicators":{},"counties":[{"region":{"code":"370102","name":"历下\\u0000区"},"indicators":{}}]}`,
    'empty.json': '',
    'bom.json': '\uFEFF' + goodFor('370200', '青岛市'),
    [join('nested', 'loop')]: '',
    [join('nested', 'dangling.json')]: '',
    ...(mkdirSync(join(dir, 'nested'), { recursive: true }), {}),
  };
}

function build(): string {
  const dir = tempDir('eduduty-hostile-');
  for (const [name, content] of Object.entries(corpus(dir))) {
    if (name === join('nested', 'loop')) symlinkSync(dir, join(dir, name));
    else if (name === join('nested', 'dangling.json')) symlinkSync(join(dir, 'no-such-target.json'), join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('the hostile-input corpus', () => {
  it('gives every hostile file a precise, located error, exits 2, and still scores the good ones', async () => {
    const dir = build();
    const run = await runCli(['score', dir, '--format', 'json', '--max-file-size', '1', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout);
    const validOutput = new Ajv({ allErrors: true, strict: false }).compile(SCORE_RESULT_SCHEMA);
    expect(validOutput(output), JSON.stringify(validOutput.errors)).toBe(true);
    const files = output.files as FileResult[];
    const by = (name: string) => files.find((f) => f.file === join(dir, name))!;
    const first = (name: string) => by(name).errors[0]!;

    expect(by('00-good.json')).toMatchObject({ valid: true });
    expect(by('00-good.json').findings.length).toBeGreaterThan(60);
    expect(by('bom.json')).toMatchObject({ valid: true });
    expect(first('malformed.json')).toMatchObject({ code: 'syntax', line: 1, column: 21 });
    expect(first('malformed.yaml')).toMatchObject({ code: 'syntax', line: 3 });
    expect(first('malformed.csv').message).toMatch(/^not a readable CSV: .*[Qq]uote/);
    expect(first('malformed.xlsx').message).toMatch(/^not a readable XLSX workbook/);
    expect(first('alias-bomb.yaml')).toMatchObject({ code: 'over-budget' });
    expect(first('alias-bomb.yaml').message).toMatch(/alias/i);
    expect(first('custom-tag.yaml')).toMatchObject({ code: 'syntax', line: 2 });
    expect(first('custom-tag.yaml').message).toMatch(/tag/i);
    expect(first('nan.yaml')).toMatchObject({ code: 'type', path: '/indicators/large_class_share', line: 5 });
    expect(first('inf.yaml')).toMatchObject({ code: 'type', path: '/indicators/large_class_share' });
    expect(['too-deep', 'syntax']).toContain(first('deep.json').code);
    expect(first('deep-extension.json')).toMatchObject({ code: 'too-deep' });
    expect(first('deep.yaml').code).toMatch(/syntax|too-deep|type/);
    expect(first('huge.json')).toMatchObject({ code: 'too-large' });
    expect(first('huge.json').message).toMatch(/over the limit of 1048576 \(raise it with --max-file-size\)/);
    expect(first('long-name.json')).toMatchObject({ code: 'too-long', path: '/region/name' });
    expect(first('long-key.json').message.length).toBeLessThan(200);
    expect(first('duplicate.json')).toMatchObject({ code: 'duplicate-key', path: '/indicators/preschool_gross_enrolment_rate', line: 2, column: 1 });
    expect(first('duplicate.yaml')).toMatchObject({ code: 'duplicate-key', line: 3 });
    expect(first('big-number.json')).toMatchObject({ code: 'precision', path: '/indicators/super_large_classes' });
    expect(first('big-number.yaml')).toMatchObject({ code: 'precision', line: 5 });
    expect(by('proto.json').errors.map((e) => [e.code, e.path])).toEqual([
      ['forbidden-key', '/region/prototype'],
      ['forbidden-key', '/indicators/__proto__'],
      ['forbidden-key', '/constructor'],
    ]);
    expect(by('mixed-encoding.json')).toMatchObject({ valid: true });
    expect(by('mixed-encoding.json').warnings[0]).toMatchObject({ code: 'encoding' });
    expect(first('control-chars.json')).toMatchObject({ code: 'control-character', path: '/counties/0/region/name' });
    expect(first('empty.json')).toMatchObject({ code: 'empty' });
    expect(first(join('nested', 'dangling.json')).message).toBe('no such file or folder');
    // the loop back to the corpus folder is followed once, so every file is scored exactly once
    expect(files.filter((f) => f.file.endsWith('00-good.json'))).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a file that vanishes mid-run and scores the rest', async () => {
    const dir = tempDir('eduduty-vanish-');
    for (const [name, code] of [['a.json', '370100'], ['b.json', '370200'], ['c.json', '370300']] as const) writeFileSync(join(dir, name), goodFor(code, name));
    const results = await scorePaths(scorerFor(undefined, 'en'), [dir], { onResult: (r) => (r.file.endsWith('a.json') ? unlinkSync(join(dir, 'b.json')) : undefined) });
    expect(results.map((r) => [r.file.slice(-6), r.valid, r.errors[0]?.message])).toEqual([
      ['a.json', true, undefined],
      ['b.json', false, 'no such file or folder'],
      ['c.json', true, undefined],
    ]);
  });

  it('reports a crash while scoring one file as that file’s error and goes on', async () => {
    const dir = tempDir('eduduty-crash-');
    for (const name of ['a.json', 'b.json']) writeFileSync(join(dir, name), goodText);
    const scorer = scorerFor(undefined, 'en');
    const faulty = { ...scorer, scoreSources: async (source: { name: string }) => (source.name.endsWith('a.json') ? Promise.reject(new Error('boom')) : scorer.scoreSources(source)) };
    const results = await scorePaths(faulty, [dir]);
    expect(results[0]).toMatchObject({ valid: false, errors: [{ code: 'internal', message: 'internal error while scoring this file: boom' }] });
    expect(results[1]).toMatchObject({ valid: true });
  });
});
