import { chmodSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { readIndicatorBytes, readIndicatorFile } from '../../src/input/read.js';
import { scorerFor } from '../support/context.js';

const validator = scorerFor(undefined, 'en').validator;
const read = (name: string, text: string | Uint8Array) => readIndicatorBytes(name, typeof text === 'string' ? Buffer.from(text, 'utf8') : text, validator);
const json = (indicators: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ schemaVersion: 1, year: 2023, region: { code: '370100', name: '济南市' }, indicators, ...extra }, null, 2);

describe('reading an indicator file', () => {
  it('accepts a valid JSON file and a UTF-8 BOM', () => {
    const text = json({ preschool_gross_enrolment_rate: 96.7 });
    expect(read('a.json', text).file?.region.code).toBe('370100');
    expect(read('a.json', '\uFEFF' + text).errors).toEqual([]);
  });

  it('accepts YAML', () => {
    const result = read('a.yaml', 'schemaVersion: 1\nyear: 2023\nregion: { code: "370100", name: 济南市 }\nindicators:\n  preschool_gross_enrolment_rate: 126\n');
    expect(result.errors).toEqual([]);
    expect(result.file?.indicators.preschool_gross_enrolment_rate).toBe(126);
  });

  it('locates a JSON syntax error by line and column', () => {
    const result = read('a.json', '{\n  "schemaVersion": 1,\n  "year": 2023,\n}');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'syntax', line: 4, column: 1 })]);
    expect(result.errors[0]!.message).toMatch(/JSON syntax error/);
  });

  it('locates a YAML syntax error by line and column', () => {
    const result = read('a.yml', 'schemaVersion: 1\nyear: [2023\nregion: x\n');
    expect(result.errors[0]).toMatchObject({ code: 'syntax' });
    expect(result.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate YAML keys', () => {
    const result = read('a.yaml', 'schemaVersion: 1\nyear: 2023\nyear: 2024\n');
    expect(result.errors[0]).toMatchObject({ code: 'duplicate-key', line: 3 });
  });

  it('says an empty file is empty', () => {
    expect(read('a.json', '').errors).toEqual([expect.objectContaining({ code: 'empty', path: '' })]);
    expect(read('a.yaml', '  \n').errors[0]!.code).toBe('empty');
  });

  it('explains "90%" given for a percent, with the JSON path and position', () => {
    const [error] = read('a.json', json({ preschool_gross_enrolment_rate: '90%' })).errors;
    expect(error).toMatchObject({ path: '/indicators/preschool_gross_enrolment_rate', code: 'type', line: 9 });
    expect(error!.message).toBe('expected a number 0–200 (percent), got the string "90%"; write 90 without the % sign');
  });

  it('suggests the nearest id for an unknown indicator, and the id for a Chinese name', () => {
    const errors = read('a.json', json({ preschool_gross_enrolment: 90, 学前三年毛入园率: 90 })).errors;
    expect(errors.map((e) => e.message)).toEqual([
      'unknown indicator id "preschool_gross_enrolment" (did you mean "preschool_gross_enrolment_rate"?)',
      'unknown indicator id "学前三年毛入园率" (did you mean "preschool_gross_enrolment_rate"? indicators are named by id)',
    ]);
    expect(errors[0]).toMatchObject({ path: '/indicators/preschool_gross_enrolment', code: 'unknown-key' });
  });

  it('names the current id for an id of an earlier draft, as in FORMAT.md’s example, and still refuses it', () => {
    const [error] = read('a.json', json({ general_budget_edu_expenditure: { current: 2138084, previous: 1862375 } })).errors;
    expect(error).toMatchObject({ code: 'unknown-key', path: '/indicators/general_budget_edu_expenditure' });
    expect(error!.message).toBe('unknown indicator id "general_budget_edu_expenditure" (did you mean "gpb_edu_expenditure"? the indicator has been renamed)');
  });

  it('refuses unknown top-level keys but ignores x- keys everywhere', () => {
    expect(read('a.json', json({}, { extra: 1 })).errors[0]).toMatchObject({ path: '/extra', code: 'unknown-key' });
    const ok = read('a.json', json({ 'x-note': 'n', gpb_edu_expenditure: { current: 2, previous: 1, 'x-src': 's' } }, { 'x-meta': {} }));
    expect(ok.errors).toEqual([]);
  });

  it('refuses values out of range', () => {
    const errors = read('a.json', json({ teacher_training_360h_completion: 101, super_large_classes: -1, preschool_gross_enrolment_rate: 201 })).errors;
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['/indicators/teacher_training_360h_completion', 'range'],
      ['/indicators/super_large_classes', 'range'],
      ['/indicators/preschool_gross_enrolment_rate', 'range'],
    ]);
    expect(errors[0]!.message).toMatch(/101 is above the maximum 100/);
  });

  it('reads a fractional count (a slip warned of when scored) and refuses a negative one', () => {
    expect(read('a.json', json({ super_large_classes: 1.5 })).errors).toEqual([]);
    expect(read('a.json', json({ super_large_classes: -1 })).errors[0]!.message).toMatch(/-1 is below the minimum 0/);
  });

  it('refuses a year-over-year indicator given as a plain number or without "previous"', () => {
    const errors = read('a.json', json({ gpb_edu_expenditure: 2138084, myopia_rate: { current: 52 } })).errors;
    expect(errors[0]).toMatchObject({ path: '/indicators/gpb_edu_expenditure', code: 'type' });
    expect(errors[0]!.message).toMatch(/expected an object \{ "current": n, "previous": n \}/);
    expect(errors[1]).toMatchObject({ path: '/indicators/myopia_rate', code: 'required' });
    expect(errors[1]!.message).toMatch(/missing "previous"/);
  });

  it('refuses a malformed region code for the city and for a county', () => {
    const errors = read('a.json', json({}, { region: { code: '37010', name: '济南市' }, counties: [{ region: { code: '370100', name: 'x' }, indicators: {} }] })).errors;
    expect(errors.map((e) => e.path)).toEqual(['/region/code', '/counties/0/region/code']);
    expect(errors[0]!.message).toMatch(/not a valid city code/);
    expect(errors[1]!.message).toMatch(/not a valid county code/);
  });

  it('refuses __proto__, constructor and prototype keys anywhere, without touching any prototype', () => {
    const result = read('a.json', '{"schemaVersion":1,"year":2023,"region":{"code":"370100","name":"a"},"indicators":{"__proto__":{"polluted":true}},"constructor":1}');
    expect(result.errors.map((e) => e.path)).toEqual(['/indicators/__proto__', '/constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts numbers exactly as JavaScript writes them, but refuses digits a double cannot keep', () => {
    expect(read('a.json', json({ resource_cv_primary_max: 0.6666666666666666, large_class_share: 0.1543627566055116 })).errors).toEqual([]);
    expect(read('a.json', json({ super_large_classes: 9007199254740993 }).replace('9007199254740992', '9007199254740993')).errors[0]).toMatchObject({ code: 'precision' });
  });

  it('finds a forbidden key inside an x- extension of an otherwise valid file', () => {
    const text = json({ gpb_edu_expenditure: { current: 2, previous: 1, 'x-raw': { constructor: { prototype: 1 } } } }, { counties: [{ region: { code: '370102', name: '历下区' }, indicators: {}, 'x-meta': [{ __proto__x: 1 }, JSON.parse('{"__proto__": 1}')] }] });
    expect(read('a.json', text).errors.map((e) => e.path)).toEqual(['/indicators/gpb_edu_expenditure/x-raw/constructor', '/counties/0/x-meta/1/__proto__']);
  });

  it('refuses non-finite numbers (JSON overflow, YAML .inf and .nan)', () => {
    expect(read('a.json', json({}).replace('"indicators": {}', '"indicators": {"large_class_share": 1e999}')).errors[0]!.code).toBe('type');
    const yaml = 'schemaVersion: 1\nyear: 2023\nregion: {code: "370100", name: a}\nindicators:\n  large_class_share: .inf\n  myopia_rate: {current: .nan, previous: 1}\n';
    expect(read('a.yaml', yaml).errors.map((e) => e.path)).toEqual(['/indicators/large_class_share', '/indicators/myopia_rate/current']);
  });

  it('decodes a GBK file and says it is not UTF-8', () => {
    const gbk = Buffer.from(json({ preschool_gross_enrolment_rate: 95 }).replace('济南市', 'JINAN'), 'utf8');
    const name = Buffer.from([0xbc, 0xc3, 0xc4, 0xcf, 0xca, 0xd0]); // 济南市 in GBK
    const bytes = Buffer.from(gbk.toString('latin1').replace('JINAN', name.toString('latin1')), 'latin1');
    const result = read('a.json', bytes);
    expect(result.errors).toEqual([]);
    expect(result.file?.region.name).toBe('济南市');
    expect(result.warnings[0]).toMatchObject({ code: 'encoding' });
  });

  it('warns, without refusing, about a county outside its city, an unlisted code and a renamed region', () => {
    const result = read('a.json', json({}, { counties: [{ region: { code: '370202', name: '市南区' }, indicators: {} }, { region: { code: '370199', name: 'new' }, indicators: {} }, { region: { code: '370102', name: '历下' }, indicators: {} }] }));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['region-outside-city', 'unknown-region', 'region-name']);
  });

  it('says what a whole file should be when it is not an object', () => {
    for (const text of ['[]', 'null', '42', '"x"']) {
      expect(read('a.json', text).errors[0]!.message).toMatch(/^expected an indicator file: an object with schemaVersion, year, region and indicators, got /);
    }
  });

  it('hints at quotes around a number anywhere a number is expected', () => {
    expect(read('a.json', json({}, { year: '2023' })).errors[0]!.message).toBe('expected a whole number, got the string "2023"; write 2023 without quotes');
  });

  it('refuses control characters in region names', () => {
    const errors = read('a.json', json({}, { counties: [{ region: { code: '370102', name: '历下区\u0007' }, indicators: {} }] })).errors;
    expect(errors[0]).toMatchObject({ path: '/counties/0/region/name', code: 'control-character' });
  });

  it('refuses the same county twice', () => {
    const county = { region: { code: '370102', name: '历下区' }, indicators: {} };
    expect(read('a.json', json({}, { counties: [county, county] })).errors[0]).toMatchObject({ code: 'duplicate-region', path: '/counties/1/region/code' });
  });

  it('names a missing or unreadable file without throwing', async () => {
    expect((await readIndicatorFile({ name: '/no/such/file.json' }, validator)).errors[0]!.message).toBe('no such file or folder');
    const dir = tempDir('eduduty-');
    expect((await readIndicatorFile({ name: dir }, validator)).errors[0]!.message).toBe('is a folder, not a file');
    const locked = join(dir, 'locked.json');
    writeFileSync(locked, json({}));
    chmodSync(locked, 0o000);
    const result = await readIndicatorFile({ name: locked }, validator);
    // root can read anything; everyone else gets the permission message
    if (process.getuid?.() !== 0) expect(result.errors[0]!.message).toMatch(/permission denied/);
    else expect(result.errors).toEqual([]);
  });

  it('refuses a file over the size limit by its size, without reading it', async () => {
    const dir = tempDir('eduduty-sparse-');
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 40 * 1024 ** 3); // a sparse 40 GB file: reading it would exhaust memory
    const result = await readIndicatorFile({ name: huge }, validator);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'too-large', message: `the file is ${40 * 1024 ** 3} bytes, over the limit of 33554432 (raise it with --max-file-size)` })]);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const result = readIndicatorBytes('big.json', Buffer.alloc(2048, 32), validator, 1024);
    expect(result.errors[0]).toMatchObject({ code: 'too-large' });
  });
});
