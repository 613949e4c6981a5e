import type { ErrorObject, ValidateFunction } from 'ajv';
import { validatorFor } from './precompiled.js';
import type { Catalogue, Indicator, Lang } from '../catalogue/catalogue.js';
import type { RegionList } from '../catalogue/regions.js';
import { buildIndicatorFileSchema } from '../catalogue/schema.js';
import { msg } from '../text/messages.js';
import { didYouMean, nearest, suggestion } from '../text/suggest.js';
import { pointerOf, segmentsOf, type IndicatorFile, type InputProblem } from './model.js';
import { BUDGETS } from './budget.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

export interface Validation {
  file?: IndicatorFile;
  errors: InputProblem[];
  warnings: InputProblem[];
  /** Errors counted but not described: only the first are, so thousands cost no more than a hundred. */
  omitted?: number;
}

export interface Validator {
  /** The language of the problems it describes; the readers that use it describe theirs in the same. */
  readonly lang: Lang;
  validate(value: unknown): Validation;
}

/** Compiles the schema once; the returned validator is reused for every file of a run. */
export function createValidator(catalogue: Catalogue, lang: Lang, regions?: RegionList): Validator {
  const check: ValidateFunction = validatorFor(buildIndicatorFileSchema(catalogue));
  const names = catalogue.indicators.flatMap((i) => [i.id, i.name.zh]);
  const byName = new Map(catalogue.indicators.flatMap((i) => [[i.name.zh, i.id] as const, ...(i.formerIds ?? []).map((old) => [old, i.id] as const)]));
  return {
    lang,
    validate(value) {
      const valid = check(value);
      // a schema-valid file has only known keys outside `x-` extensions, so only those need the walk
      const unsafe = valid ? extensionKeyProblems(value, lang) : unsafeKeyProblems(value, lang);
      if (!valid || unsafe.length > 0) return describeErrors(unsafe, check.errors ?? [], value, { catalogue, names, byName, lang });
      const file = value as IndicatorFile;
      return { file, ...regionProblems(file, regions, lang) };
    },
  };
}

/** The first errors described, the rest only counted (distinct by place, keyword and parameters). */
function describeErrors(unsafe: InputProblem[], raw: ErrorObject[], value: unknown, describing: Describing): Validation {
  const unsafePaths = new Set(unsafe.map((p) => p.path));
  const seen = new Set<string>();
  const errors: InputProblem[] = [];
  const keep = (problem: InputProblem) => {
    const key = problem.path + '\u0000' + problem.message;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(problem);
  };
  unsafe.forEach(keep);
  let at = 0;
  for (; at < raw.length && errors.length < BUDGETS.problems; at++) {
    const problem = describeAjvError(raw[at]!, value, describing);
    if (!unsafePaths.has(problem.path)) keep(problem);
  }
  const rest = new Set(raw.slice(at).map((e) => `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`));
  return { errors, warnings: [], ...(rest.size > 0 ? { omitted: rest.size } : {}) };
}

function unsafeKeyProblems(value: unknown, lang: Lang): InputProblem[] {
  const problems: InputProblem[] = [];
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (depth > MAX_DEPTH) {
      problems.push({ path: pointerOf(path), code: 'too-deep', message: msg(lang, 'input.too-deep', { levels: MAX_DEPTH }) });
      return;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: pointerOf([...path, key]), code: 'forbidden-key', message: msg(lang, 'input.forbidden-key', { key }) });
      } else {
        walk((node as Record<string, unknown>)[key], [...path, key], depth + 1);
      }
    }
  };
  walk(value, [], 0);
  return problems;
}

/** The forbidden-key walk over the values of `x-` keys only, wherever they sit. */
function extensionKeyProblems(value: unknown, lang: Lang): InputProblem[] {
  const problems: InputProblem[] = [];
  // the path of the node being visited, as a stack: copied only for a problem
  const path: string[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(String(i));
        visit(node[i]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (key.startsWith('x-')) problems.push(...unsafeKeyProblems(child, lang).map((p) => ({ ...p, path: pointerOf([...path, key]) + p.path })));
      else if (child !== null && typeof child === 'object' && (key === 'region' || key === 'indicators' || key === 'counties' || key === 'sources' || /^\d+$/.test(key) || catalogueObject(child))) {
        path.push(key);
        visit(child);
        path.pop();
      }
    }
  };
  visit(value);
  return problems;
}

/** Year-over-year values are objects too and may carry `x-` keys. */
function catalogueObject(child: object): boolean {
  return Object.hasOwn(child, 'current') || Object.hasOwn(child, 'previous');
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of segmentsOf(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export function showValue(value: unknown, lang: Lang): string {
  if (typeof value === 'string') return msg(lang, 'input.value-string', { text: JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value) });
  if (value === null) return 'null';
  if (Array.isArray(value)) return msg(lang, 'input.value-list');
  if (typeof value === 'object') return msg(lang, 'input.value-object');
  return String(value);
}

/** The catalogue entry an instance path points into, if it is an indicator value. */
function indicatorAt(pointer: string, catalogue: Catalogue): Indicator | undefined {
  const segments = segmentsOf(pointer);
  const at = segments.lastIndexOf('indicators');
  return at >= 0 ? catalogue.get(segments[at + 1] ?? '') : undefined;
}

function unitName(unit: string | null, catalogue: Catalogue, lang: Lang): string | undefined {
  if (!unit) return undefined;
  return catalogue.units[unit]?.[lang] || unit;
}

function expectedFor(indicator: Indicator, catalogue: Catalogue, lang: Lang): string {
  const range = indicator.range;
  const bounds = range ? `${range.min ?? '−∞'}–${range.max ?? '∞'}` : undefined;
  const unit = unitName(indicator.unit, catalogue, lang);
  switch (indicator.kind) {
    case 'boolean':
      return msg(lang, 'input.expect-boolean');
    case 'count':
      return msg(lang, 'input.expect-count');
    case 'yoy':
      return msg(lang, 'input.expect-yoy', { unit: unit ?? msg(lang, 'input.plain-number') });
    case 'percent':
      return msg(lang, 'input.expect-percent', { bounds: bounds ?? msg(lang, 'input.any-number') });
    default: {
      const what = bounds ? msg(lang, 'input.expect-number-range', { bounds }) : msg(lang, 'input.expect-number');
      return unit ? msg(lang, 'input.in-unit', { what, unit }) : what;
    }
  }
}

const TYPE_WORDS = {
  object: 'input.type-object',
  array: 'input.type-array',
  string: 'input.type-string',
  number: 'input.type-number',
  integer: 'input.type-integer',
  boolean: 'input.type-boolean',
} as const;

function typeWord(type: string, lang: Lang): string {
  return Object.hasOwn(TYPE_WORDS, type) ? msg(lang, TYPE_WORDS[type as keyof typeof TYPE_WORDS]) : type;
}

function hintFor(value: unknown, indicator: Indicator | undefined, expectedType: string, lang: Lang): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  const wantsNumber = indicator ? indicator.kind !== 'boolean' : expectedType === 'number' || expectedType === 'integer';
  if (wantsNumber && /^-?[\d,.]+\s*%$/.test(trimmed) && indicator?.kind === 'percent') return msg(lang, 'input.hint-percent', { number: trimmed.replace(/[%\s,]/g, '') });
  if (wantsNumber && /^-?[\d,]*\.?\d+$/.test(trimmed)) return msg(lang, 'input.hint-quotes', { number: trimmed.replace(/,/g, '') });
  if ((indicator?.kind === 'boolean' || expectedType === 'boolean') && /^(是|否|yes|no|true|false)$/i.test(trimmed)) return msg(lang, 'input.hint-boolean');
  return '';
}

function suggestIndicator(key: string, names: string[], byName: Map<string, string>, lang: Lang): string {
  const exact = byName.get(key);
  if (exact) return /^[a-z0-9_]+$/.test(key) ? msg(lang, 'input.renamed', { id: exact }) : msg(lang, 'input.named-by-id', { id: exact });
  // a near Chinese name suggests its indicator's id
  return suggestion([...new Set(nearest(key, names).map((name) => byName.get(name) ?? name))], lang);
}

/** The keys an object's schema allows, for a "did you mean" on an unknown one. */
function allowedKeys(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

interface Describing {
  catalogue: Catalogue;
  names: string[];
  byName: Map<string, string>;
  lang: Lang;
}

function describeAjvError(error: ErrorObject, root: unknown, { catalogue, names, byName, lang }: Describing): InputProblem {
  const path = error.instancePath;
  const value = valueAt(root, path);
  const indicator = indicatorAt(path, catalogue);
  const yoyField = indicator?.kind === 'yoy' && /\/(current|previous)$/.test(path);
  const shown = showValue(value, lang);
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const fullKey = String(error.params.additionalProperty);
      const key = fullKey.length > 60 ? fullKey.slice(0, 60) + '…' : fullKey;
      const inIndicators = /(^|\/)indicators$/.test(path) || /(^|\/)sources$/.test(path);
      const at = pointerOf([...segmentsOf(path), fullKey]);
      if (inIndicators) return { path: at, code: 'unknown-key', message: msg(lang, 'input.unknown-indicator', { key, hint: suggestIndicator(key, names, byName, lang) }) };
      return { path: at, code: 'unknown-key', message: msg(lang, 'input.unknown-key', { key, hint: didYouMean(fullKey, allowedKeys(error), lang) }) };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      if (indicator?.kind === 'yoy') return { path, code: 'required', message: msg(lang, 'input.missing-yoy', { key: missing }) };
      return { path, code: 'required', message: msg(lang, 'input.missing-key', { key: missing }) };
    }
    case 'type': {
      const type = String(error.params.type);
      const expected = indicator && !yoyField ? expectedFor(indicator, catalogue, lang) : path === '' ? msg(lang, 'input.expect-root') : typeWord(type, lang);
      // a whole file read as one string is not shown: it may be a file the user never meant to give (a link to /etc/passwd)
      const got = path === '' && typeof value === 'string' ? msg(lang, 'input.value-plain-text') : shown;
      return { path, code: 'type', message: msg(lang, 'input.expected-got', { expected, got, hint: hintFor(value, indicator, type, lang) }) };
    }
    case 'minimum':
    case 'maximum': {
      const what = indicator ? msg(lang, 'input.range-for', { id: indicator.id, expected: expectedFor(indicator, catalogue, lang) }) : '';
      const values = { value: String(value), limit: error.params.limit as number, what };
      return { path, code: 'range', message: error.keyword === 'minimum' ? msg(lang, 'input.below-minimum', values) : msg(lang, 'input.above-maximum', values) };
    }
    case 'pattern': {
      if (!path.endsWith('/code')) return { path, code: 'control-character', message: msg(lang, 'input.control-characters', { value: shown }) };
      const county = path.startsWith('/counties/');
      return { path, code: 'region-code', message: msg(lang, county ? 'input.bad-county-code' : 'input.bad-city-code', { value: shown }) };
    }
    case 'const':
      return { path, code: 'version', message: msg(lang, 'input.expected-constant', { expected: JSON.stringify(error.params.allowedValue), got: shown }) };
    case 'minLength':
      return { path, code: 'empty', message: msg(lang, 'input.empty-value') };
    case 'maxLength':
      return { path, code: 'too-long', message: msg(lang, 'input.too-long', { limit: error.params.limit as number }) };
    default:
      return { path, code: error.keyword, message: msg(lang, 'input.invalid', { keyword: error.keyword }) };
  }
}

function regionProblems(file: IndicatorFile, regions: RegionList | undefined, lang: Lang): Omit<Validation, 'file'> {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const seen = new Map<string, number>();
  const cityPrefix = file.region.code.slice(0, 4);
  const known = (code: string, name: string, path: string): void => {
    if (!regions || !code.startsWith(regions.provincePrefix)) return;
    const entry = regions.get(code);
    if (!entry) warnings.push({ path, code: 'unknown-region', message: msg(lang, 'input.unknown-region', { code }) });
    else if (entry.name !== name) warnings.push({ path, code: 'region-name', message: msg(lang, 'input.region-name', { code, listed: entry.name, given: name }) });
  };
  known(file.region.code, file.region.name, '/region/code');
  (file.counties ?? []).forEach((county, index) => {
    const path = `/counties/${index}/region/code`;
    const code = county.region.code;
    const first = seen.get(code);
    if (first !== undefined) errors.push({ path, code: 'duplicate-region', message: msg(lang, 'input.duplicate-county', { code, first }) });
    else seen.set(code, index);
    if (!code.startsWith(cityPrefix)) {
      warnings.push({ path, code: 'region-outside-city', message: msg(lang, 'input.county-outside-city', { code, city: file.region.code }) });
    }
    known(code, county.region.name, path);
  });
  return { errors, warnings };
}
