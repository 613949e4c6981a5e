import type { Catalogue, Indicator } from './catalogue.js';

export const SCHEMA_ID = 'https://eduduty.dev/schemas/indicator-file/1.json';

type JsonSchema = Record<string, unknown>;

/** Keys starting with `x-` are allowed anywhere and ignored (FORMAT.md §1). */
const EXTENSIONS = { '^x-': {} };

const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001F\\u007F]*$';
const CITY_CODE = '^[1-9][0-9]{3}00$';
const COUNTY_CODE = '^[1-9][0-9]{3}(0[1-9]|[1-9][0-9])$';

function describe(indicator: Indicator): string {
  const unit = indicator.unit ? ` [${indicator.unit}]` : '';
  return `${indicator.name.zh} — ${indicator.name.en}${unit}. ${indicator.source}`;
}

function numberSchema(indicator: Indicator): JsonSchema {
  // a count that is not whole is a slip warned of at its cell (input/slips.ts), not a reason to refuse the file
  const schema: JsonSchema = { type: 'number' };
  if (indicator.range?.min !== undefined) schema.minimum = indicator.range.min;
  if (indicator.range?.max !== undefined) schema.maximum = indicator.range.max;
  return schema;
}

export function indicatorValueSchema(indicator: Indicator): JsonSchema {
  const base = { title: indicator.name.zh, description: describe(indicator) };
  switch (indicator.kind) {
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'yoy':
      return {
        ...base,
        type: 'object',
        properties: { current: numberSchema(indicator), previous: numberSchema(indicator) },
        required: ['current', 'previous'],
        patternProperties: EXTENSIONS,
        additionalProperties: false,
      };
    default:
      return { ...base, ...numberSchema(indicator) };
  }
}

function regionSchema(codePattern: string): JsonSchema {
  return {
    type: 'object',
    properties: {
      code: { type: 'string', pattern: codePattern, description: '6-digit GB/T 2260 administrative division code' },
      name: { type: 'string', minLength: 1, maxLength: 100, pattern: NO_CONTROL_CHARACTERS },
    },
    required: ['code', 'name'],
    patternProperties: EXTENSIONS,
    additionalProperties: false,
  };
}

/**
 * The JSON Schema of an indicator file (schemaVersion 1), derived from the catalogue so the two can never
 * disagree. Committed as `indicators/indicator-file.schema.json` for editors; ajv compiles this same object.
 */
export function buildIndicatorFileSchema(catalogue: Catalogue): JsonSchema {
  const indicatorProperties = Object.fromEntries(catalogue.indicators.map((i) => [i.id, indicatorValueSchema(i)]));
  const indicators = {
    type: 'object',
    properties: indicatorProperties,
    patternProperties: EXTENSIONS,
    additionalProperties: false,
  };
  const sources = {
    type: 'object',
    description: 'Where each figure comes from, by indicator id',
    properties: Object.fromEntries(catalogue.indicators.map((i) => [i.id, { type: 'string' }])),
    patternProperties: EXTENSIONS,
    additionalProperties: false,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'eduduty indicator file',
    description: "One city's education indicators for one year, with its counties.",
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      schemaVersion: { const: 1 },
      year: { type: 'integer', minimum: 1990, maximum: 2100 },
      region: regionSchema(CITY_CODE),
      indicators,
      counties: {
        type: 'array',
        items: {
          type: 'object',
          properties: { region: regionSchema(COUNTY_CODE), indicators, sources, notes: { type: 'string' } },
          required: ['region', 'indicators'],
          patternProperties: EXTENSIONS,
          additionalProperties: false,
        },
      },
      sources,
      notes: { type: 'string' },
    },
    required: ['schemaVersion', 'year', 'region', 'indicators'],
    patternProperties: EXTENSIONS,
    additionalProperties: false,
  };
}

export function serialiseSchema(schema: JsonSchema): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
