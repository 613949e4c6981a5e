import type { Ajv, ErrorObject } from 'ajv';
import { modules } from '../modules.js';
import type { Lang } from '../catalogue/catalogue.js';
import { listOf, msg } from '../text/messages.js';
import { didYouMean } from '../text/suggest.js';
import { decodeText } from '../input/decode.js';
import { segmentsOf, type InputProblem, type SourcePosition } from '../input/model.js';
import { parseText, syntaxFor, type Locator } from '../input/parse.js';
import { budgetProblem, forbiddenKeyPath } from '../input/budget.js';
import { loadSource, overBudget } from '../input/read.js';
import { columnLetter, readSheets, TABLE_FILE, tableRefusal, type Cell } from '../input/table.js';
import { RESOURCES, SCHOOL_TYPES, type Resource, type School } from './compute.js';

/** Field names of a roster row, in JSON/YAML objects and as spreadsheet headers alike. */
const RESOURCE_FIELDS: Record<Resource, string> = {
  qualifiedTeachers: 'qualified_teachers',
  backboneTeachers: 'backbone_teachers',
  peArtsTeachers: 'pe_arts_teachers',
  teachingArea: 'teaching_area',
  sportsArea: 'sports_area',
  equipmentValue: 'equipment_value',
  multimediaClassrooms: 'multimedia_classrooms',
};
const count = { type: 'integer', minimum: 0 };
const amount = { type: 'number', minimum: 0 };

export const ROSTER_SCHEMA = {
  type: 'object',
  required: ['schemaVersion', 'kind', 'schools'],
  properties: {
    $schema: { type: 'string' },
    schemaVersion: { const: 1 },
    kind: { const: 'school-roster' },
    year: { type: 'integer', minimum: 1990, maximum: 2100 },
    notes: { type: 'string' },
    schools: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'name', 'county', 'type', ...Object.values(RESOURCE_FIELDS)],
        properties: {
          code: { type: 'string', minLength: 1, maxLength: 40 },
          name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001F\\u007F]*$' },
          county: { type: 'string', pattern: '^[1-9][0-9]{3}(0[1-9]|[1-9][0-9])$' },
          type: { enum: SCHOOL_TYPES },
          teaching_point: { type: 'boolean' },
          pupils_primary: count,
          pupils_junior: count,
          pupils_senior: count,
          ...Object.fromEntries(Object.values(RESOURCE_FIELDS).map((f) => [f, f.endsWith('teachers') || f === 'multimedia_classrooms' ? count : amount])),
        },
        patternProperties: { '^x-': {} },
        additionalProperties: false,
      },
    },
  },
  patternProperties: { '^x-': {} },
  additionalProperties: false,
};

export interface Roster {
  name: string;
  year?: number;
  schools: School[];
  errors: InputProblem[];
  warnings: InputProblem[];
}

let validate: ReturnType<Ajv['compile']> | undefined;

const TYPE_WORDS = { object: 'input.type-object', array: 'input.type-array', string: 'input.type-string', number: 'input.type-number', integer: 'input.type-integer', boolean: 'input.type-boolean' } as const;

function describe(error: ErrorObject, lang: Lang): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return msg(lang, 'roster.unknown-field', { field, hint: didYouMean(field, allowed, lang) });
    }
    case 'required':
      return msg(lang, 'roster.missing-field', { field: String(p.missingProperty) });
    case 'enum':
      return msg(lang, 'roster.one-of', { values: listOf(lang, p.allowedValues as string[]) });
    case 'pattern':
      if (error.instancePath.endsWith('/county')) return msg(lang, 'roster.county-code');
      return String(p.pattern).includes('\\u0000') ? msg(lang, 'roster.control-characters') : msg(lang, 'roster.pattern', { pattern: String(p.pattern) });
    case 'type': {
      const type = String(p.type);
      return msg(lang, 'roster.type', { type: Object.hasOwn(TYPE_WORDS, type) ? msg(lang, TYPE_WORDS[type as keyof typeof TYPE_WORDS]) : type });
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return msg(lang, 'roster.minimum', { limit: String(p.limit) });
    case 'maximum':
    case 'exclusiveMaximum':
      return msg(lang, 'roster.maximum', { limit: String(p.limit) });
    case 'const':
      return msg(lang, 'roster.constant', { value: JSON.stringify(p.allowedValue) });
    case 'minItems':
      return msg(lang, 'roster.too-few', { limit: String(p.limit) });
    default:
      return msg(lang, 'roster.invalid', { keyword: error.keyword });
  }
}

function toSchool(row: Record<string, unknown>): School {
  const n = (field: string) => (typeof row[field] === 'number' ? (row[field] as number) : 0);
  return {
    code: String(row.code),
    name: String(row.name),
    county: String(row.county),
    type: row.type as School['type'],
    ...(row.teaching_point === true ? { teachingPoint: true } : {}),
    pupils: { primary: n('pupils_primary'), junior: n('pupils_junior'), senior: n('pupils_senior') },
    resources: Object.fromEntries(RESOURCES.map((r) => [r, n(RESOURCE_FIELDS[r])])) as Record<Resource, number>,
  };
}

function fromDocument(name: string, value: unknown, locator: Locator | undefined, warnings: InputProblem[], lang: Lang): Roster {
  // verbose: an unknown field's error carries its object's schema, whose fields are the suggestions
  validate ??= new (modules.ajv())({ allErrors: true, strict: false, verbose: true }).compile(ROSTER_SCHEMA);
  if (!validate(value)) {
    const errors = (validate.errors ?? []).map((e): InputProblem => {
      const path = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
      return { path, code: e.keyword, message: describe(e, lang), ...(locator?.locate(segmentsOf(path)) ?? {}) };
    });
    return { name, schools: [], errors, warnings };
  }
  const doc = value as { year?: number; schools: Record<string, unknown>[] };
  const schools = doc.schools.map(toSchool);
  const errors: InputProblem[] = [];
  const seen = new Set<string>();
  schools.forEach((school, i) => {
    if (seen.has(school.code)) errors.push({ path: `/schools/${i}/code`, code: 'duplicate-school', message: msg(lang, 'roster.duplicate-school', { code: school.code }), ...(locator?.locate(['schools', String(i), 'code']) ?? {}) });
    seen.add(school.code);
  });
  return { name, ...(doc.year !== undefined ? { year: doc.year } : {}), schools: errors.length ? [] : schools, errors, warnings };
}

/** A roster table: a header row of field names, then one row per school (the year in a `year` column). */
async function fromTable(name: string, bytes: Uint8Array, lang: Lang): Promise<Roster> {
  const { sheets, warnings } = await readSheets(name, bytes, lang);
  const sheet = sheets.find((s) => (s.rows[0] ?? []).some((c) => String(c ?? '').trim() === 'county'));
  if (!sheet) return { name, schools: [], errors: [{ path: '', code: 'no-table', message: msg(lang, 'roster.no-table') }], warnings };
  const header = (sheet.rows[0] ?? []).map((c) => String(c ?? '').trim());
  const positions = new Map<string, SourcePosition>();
  const schools: Record<string, unknown>[] = [];
  let year: number | undefined;
  const numeric = new Set(['pupils_primary', 'pupils_junior', 'pupils_senior', ...Object.values(RESOURCE_FIELDS)]);
  sheet.rows.slice(1).forEach((row, r) => {
    if (row.every((c) => c === null || String(c).trim() === '')) return;
    const index = schools.length;
    const school: Record<string, unknown> = {};
    header.forEach((field, c) => {
      const cell: Cell = row[c] ?? null;
      if (field === '' || cell === null || String(cell).trim() === '') return;
      positions.set(`/schools/${index}/${field}`, { sheet: sheet.name, cell: `${columnLetter(c)}${r + 2}`, header: field, ...(sheet.name === 'csv' ? { line: r + 2 } : {}) });
      const text = String(cell).normalize('NFKC').trim();
      if (field === 'year') year = Number(text);
      else if (field === 'teaching_point') school[field] = /^(true|是|1|yes|y)$/i.test(text);
      else if (numeric.has(field)) school[field] = typeof cell === 'number' ? cell : /^[-+]?[\d,]*\.?\d+$/.test(text) ? Number(text.replace(/,/g, '')) : text;
      else school[field] = text.replace(/\.0+$/, '');
    });
    schools.push(school);
  });
  const locator: Locator = {
    locate(segments) {
      for (let n = segments.length; n >= 0; n--) {
        const found = positions.get('/' + segments.slice(0, n).join('/'));
        if (found) return found;
      }
      return undefined;
    },
  };
  return fromDocument(name, { schemaVersion: 1, kind: 'school-roster', ...(year !== undefined ? { year } : {}), schools }, locator, warnings, lang);
}

/** Reads a school roster (JSON, YAML, CSV or XLSX). Never throws on user input. */
export async function readRoster(name: string, lang: Lang, maxBytes?: number): Promise<Roster> {
  const loaded = loadSource({ name }, lang, maxBytes);
  if (!loaded.ok) return { name, schools: [], errors: [loaded.problem], warnings: [] };
  const { bytes } = loaded;
  if (TABLE_FILE.test(name)) {
    try {
      return await fromTable(name, bytes, lang);
    } catch (error) {
      const refused = tableRefusal(error, lang);
      if (refused) return { name, schools: [], errors: [refused], warnings: [] };
      return { name, schools: [], errors: [{ path: '', code: 'syntax', message: msg(lang, 'roster.not-readable-table', { reason: (error as Error).message.split('\n')[0]! }) }], warnings: [] };
    }
  }
  const { text, warnings } = decodeText(bytes, lang);
  const parsed = parseText(text, syntaxFor(name, text), lang);
  if (!parsed.ok) return { name, schools: [], errors: parsed.problems.map((p) => (p.code === 'too-deep' ? { ...budgetProblem('depth', lang), ...(p.line !== undefined ? { line: p.line, column: p.column } : {}) } : p)), warnings };
  const over = overBudget(parsed.value, lang);
  if (over) return { name, schools: [], errors: [over], warnings };
  const key = forbiddenKeyPath(parsed.value);
  if (key !== undefined) return { name, schools: [], errors: [{ path: '', code: 'forbidden-key', message: msg(lang, 'budget.forbidden-key', { key: key.split('.').at(-1)!, path: key }) }], warnings };
  return fromDocument(name, parsed.value, parsed.locator, warnings, lang);
}
