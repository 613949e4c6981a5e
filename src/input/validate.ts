import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Catalogue, Indicator } from '../catalogue/catalogue.js';
import type { RegionList } from '../catalogue/regions.js';
import { buildIndicatorFileSchema } from '../catalogue/schema.js';
import { nearest, suggestion } from '../text/suggest.js';
import { pointerOf, segmentsOf, type IndicatorFile, type InputProblem } from './model.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

export interface Validation {
  file?: IndicatorFile;
  errors: InputProblem[];
  warnings: InputProblem[];
}

export interface Validator {
  validate(value: unknown): Validation;
}

/** Compiles the schema once; the returned validator is reused for every file of a run. */
export function createValidator(catalogue: Catalogue, regions?: RegionList): Validator {
  const ajv = new Ajv({ allErrors: true, strict: true, strictNumbers: true });
  const check: ValidateFunction = ajv.compile(buildIndicatorFileSchema(catalogue));
  const names = catalogue.indicators.flatMap((i) => [i.id, i.name.zh]);
  const byName = new Map(catalogue.indicators.flatMap((i) => [[i.name.zh, i.id] as const, ...(i.formerIds ?? []).map((old) => [old, i.id] as const)]));
  return {
    validate(value) {
      const valid = check(value);
      // a schema-valid file has only known keys outside `x-` extensions, so only those need the walk
      const unsafe = valid ? extensionKeyProblems(value) : unsafeKeyProblems(value);
      if (!valid || unsafe.length > 0) {
        const described = (check.errors ?? []).map((e) => describeAjvError(e, value, catalogue, names, byName));
        const unsafePaths = new Set(unsafe.map((p) => p.path));
        return { errors: dedupe([...unsafe, ...described.filter((p) => !unsafePaths.has(p.path))]), warnings: [] };
      }
      const file = value as IndicatorFile;
      return { file, ...regionProblems(file, regions) };
    },
  };
}

function unsafeKeyProblems(value: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (depth > MAX_DEPTH) {
      problems.push({ path: pointerOf(path), code: 'too-deep', message: `nesting deeper than ${MAX_DEPTH} levels is not an indicator file` });
      return;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: pointerOf([...path, key]), code: 'forbidden-key', message: `the key "${key}" is not allowed in data files` });
      } else {
        walk((node as Record<string, unknown>)[key], [...path, key], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return problems;
}

/** The forbidden-key walk over the values of `x-` keys only, wherever they sit. */
function extensionKeyProblems(value: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)]));
      return;
    }
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (key.startsWith('x-')) problems.push(...unsafeKeyProblems(child).map((p) => ({ ...p, path: pointerOf([...path, key]) + p.path })));
      else if (child !== null && typeof child === 'object' && (key === 'region' || key === 'indicators' || key === 'counties' || key === 'sources' || /^\d+$/.test(key) || catalogueObject(child))) visit(child, [...path, key]);
    }
  };
  visit(value, []);
  return problems;
}

/** Year-over-year values are objects too and may carry `x-` keys. */
function catalogueObject(child: object): boolean {
  return Object.hasOwn(child, 'current') || Object.hasOwn(child, 'previous');
}

function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = p.path + '\u0000' + p.message;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of segmentsOf(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export function showValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The catalogue entry an instance path points into, if it is an indicator value. */
function indicatorAt(pointer: string, catalogue: Catalogue): Indicator | undefined {
  const segments = segmentsOf(pointer);
  const at = segments.lastIndexOf('indicators');
  return at >= 0 ? catalogue.get(segments[at + 1] ?? '') : undefined;
}

function expectedFor(indicator: Indicator): string {
  const range = indicator.range;
  const bounds = range ? `${range.min ?? '−∞'}–${range.max ?? '∞'}` : 'any finite number';
  switch (indicator.kind) {
    case 'boolean':
      return 'true or false';
    case 'count':
      return 'a whole number ≥ 0';
    case 'yoy':
      return `an object { "current": n, "previous": n } (year-over-year, ${indicator.unit ?? 'number'})`;
    case 'percent':
      return `a number ${bounds} (percent)`;
    default:
      return `a number${range ? ' ' + bounds : ''}${indicator.unit ? ` in ${indicator.unit}` : ''}`;
  }
}

const ROOT = 'an indicator file: an object with schemaVersion, year, region and indicators';
const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function hintFor(value: unknown, indicator: Indicator | undefined, expectedType: string): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  const wantsNumber = indicator ? indicator.kind !== 'boolean' : expectedType === 'number' || expectedType === 'integer';
  if (wantsNumber && /^-?[\d,.]+\s*%$/.test(trimmed) && indicator?.kind === 'percent') return `; write ${trimmed.replace(/[%\s,]/g, '')} without the % sign`;
  if (wantsNumber && /^-?[\d,]*\.?\d+$/.test(trimmed)) return `; write ${trimmed.replace(/,/g, '')} without quotes`;
  if ((indicator?.kind === 'boolean' || expectedType === 'boolean') && /^(是|否|yes|no|true|false)$/i.test(trimmed)) return '; write true or false without quotes';
  return '';
}

function suggest(key: string, names: string[], byName: Map<string, string>): string {
  const exact = byName.get(key);
  if (exact) return /^[a-z0-9_]+$/.test(key) ? ` (did you mean "${exact}"? the indicator has been renamed)` : ` (did you mean "${exact}"? indicators are named by id)`;
  // a near Chinese name suggests its indicator's id
  return suggestion([...new Set(nearest(key, names).map((name) => byName.get(name) ?? name))]);
}

function describeAjvError(
  error: ErrorObject,
  root: unknown,
  catalogue: Catalogue,
  names: string[],
  byName: Map<string, string>,
): InputProblem {
  const path = error.instancePath;
  const value = valueAt(root, path);
  const indicator = indicatorAt(path, catalogue);
  const yoyField = indicator?.kind === 'yoy' && /\/(current|previous)$/.test(path);
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const fullKey = String(error.params.additionalProperty);
      const key = fullKey.length > 60 ? fullKey.slice(0, 60) + '…' : fullKey;
      const inIndicators = /(^|\/)indicators$/.test(path) || /(^|\/)sources$/.test(path);
      const hint = inIndicators ? suggest(key, names, byName) : '';
      const where = inIndicators ? 'unknown indicator id' : 'unknown key';
      return { path: pointerOf([...segmentsOf(path), fullKey]), code: 'unknown-key', message: `${where} "${key}"${hint}` };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      if (indicator?.kind === 'yoy') {
        return { path, code: 'required', message: `missing "${missing}": a year-over-year indicator needs both "current" and "previous"` };
      }
      return { path, code: 'required', message: `missing required key "${missing}"` };
    }
    case 'type': {
      const expected = indicator && !yoyField ? expectedFor(indicator) : path === '' ? ROOT : (TYPE_WORDS[String(error.params.type)] ?? String(error.params.type));
      return { path, code: 'type', message: `expected ${expected}, got ${showValue(value)}${hintFor(value, indicator, String(error.params.type))}` };
    }
    case 'minimum':
    case 'maximum': {
      const limit = error.params.limit as number;
      const side = error.keyword === 'minimum' ? 'below the minimum' : 'above the maximum';
      const what = indicator ? ` for ${indicator.id} (expected ${expectedFor(indicator)})` : '';
      return { path, code: 'range', message: `${String(value)} is ${side} ${limit}${what}` };
    }
    case 'pattern': {
      if (!path.endsWith('/code')) return { path, code: 'control-character', message: `${showValue(value)} contains control characters` };
      const county = path.startsWith('/counties/');
      const expected = county ? 'a 6-digit county code not ending in 00 (GB/T 2260)' : 'a 6-digit city code ending in 00 (GB/T 2260)';
      return { path, code: 'region-code', message: `${showValue(value)} is not a valid ${county ? 'county' : 'city'} code: expected ${expected}` };
    }
    case 'const':
      return { path, code: 'version', message: `expected ${JSON.stringify(error.params.allowedValue)}, got ${showValue(value)}` };
    case 'minLength':
      return { path, code: 'empty', message: 'must not be empty' };
    case 'maxLength':
      return { path, code: 'too-long', message: `longer than ${error.params.limit} characters` };
    default:
      return { path, code: error.keyword, message: error.message ?? `invalid (${error.keyword})` };
  }
}

function regionProblems(file: IndicatorFile, regions: RegionList | undefined): Omit<Validation, 'file'> {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const seen = new Map<string, number>();
  const cityPrefix = file.region.code.slice(0, 4);
  const known = (code: string, name: string, path: string): void => {
    if (!regions || !code.startsWith(regions.provincePrefix)) return;
    const entry = regions.get(code);
    if (!entry) warnings.push({ path, code: 'unknown-region', message: `region code ${code} is not in the bundled division list (accepted; divisions change yearly)` });
    else if (entry.name !== name) warnings.push({ path, code: 'region-name', message: `region ${code} is listed as "${entry.name}", the file says "${name}"` });
  };
  known(file.region.code, file.region.name, '/region/code');
  (file.counties ?? []).forEach((county, index) => {
    const path = `/counties/${index}/region/code`;
    const code = county.region.code;
    const first = seen.get(code);
    if (first !== undefined) errors.push({ path, code: 'duplicate-region', message: `county ${code} appears twice (first at /counties/${first})` });
    else seen.set(code, index);
    if (!code.startsWith(cityPrefix)) {
      warnings.push({ path, code: 'region-outside-city', message: `county ${code} does not belong to city ${file.region.code} by its code` });
    }
    known(code, county.region.name, path);
  });
  return { errors, warnings };
}
