/**
 * The JSON Schema of `score --format json`, committed as `indicators/result.schema.json` for consumers that validate
 * what they archive; the test suite checks every output it fuzzes against it.
 */
const position = { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 }, sheet: { type: 'string' }, cell: { type: 'string' } };
const problem = {
  type: 'object',
  required: ['path', 'message', 'code'],
  properties: { path: { type: 'string' }, message: { type: 'string', minLength: 1 }, code: { type: 'string' }, ...position, header: { type: 'string' }, region: { type: 'string' } },
  additionalProperties: false,
};
const value = { type: ['number', 'boolean', 'null'] };
const evidence = {
  type: 'object',
  required: ['indicator', 'actual', 'operator', 'expected', 'expectedFrom', 'passed', 'evaluated'],
  properties: {
    indicator: { type: 'string' },
    field: { enum: ['current', 'previous', 'change', 'changePct'] },
    actual: value,
    operator: { enum: ['==', '!=', '<', '<=', '>', '>='] },
    expected: value,
    expectedFrom: { enum: ['threshold', 'previous', 'current', 'change', 'changePct', 'constant'] },
    threshold: { type: 'string' },
    passed: { type: ['boolean', 'null'] },
    evaluated: { type: 'boolean' },
  },
  additionalProperties: false,
};
const WHOLE = ['title', 'message', 'evidence', 'source'];
/** A passing finding is thin (its identity only: the default) or whole (`--detail full`); every other finding is whole. */
const finding = {
  type: 'object',
  required: ['rule', 'category', 'severity', 'status', 'region'],
  anyOf: [
    { properties: { status: { const: 'pass' } }, not: { anyOf: WHOLE.map((key) => ({ required: [key] })) } },
    { required: WHOLE },
  ],
  properties: {
    rule: { type: 'string' },
    category: { enum: ['reform', 'funding', 'development', 'teachers', 'safety', 'quality'] },
    severity: { enum: ['error', 'warning'] },
    status: { enum: ['pass', 'fail', 'missing', 'waived', 'invalid'] },
    region: { type: 'object', required: ['code', 'name', 'level'], properties: { code: { type: 'string', pattern: '^\\d{6}$' }, name: { type: 'string' }, level: { enum: ['city', 'county'] } }, additionalProperties: false },
    title: { type: 'string' },
    message: { type: 'string', minLength: 1 },
    evidence: { type: 'array', items: evidence, minItems: 1 },
    missing: { type: 'array', items: { type: 'string' }, minItems: 1 },
    absent: { const: true },
    invalid: { type: 'array', items: { type: 'string' }, minItems: 1 },
    source: { type: 'string' },
    provisional: { const: true },
    absorbedBy: { type: 'string' },
    location: { type: 'object', required: ['path'], properties: { path: { type: 'string' }, ...position }, additionalProperties: false },
    waiver: { type: 'object' },
    baseline: { enum: ['new', 'existing'] },
  },
  additionalProperties: false,
};
const count = { type: 'integer', minimum: 0 };
export const SCORE_RESULT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'eduduty score result',
  type: 'object',
  required: ['tool', 'profile', 'files', 'summary'],
  properties: {
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'eduduty' }, version: { type: 'string' } }, additionalProperties: false },
    profile: { type: 'string' },
    profileByYear: { const: true },
    rules: { type: 'object', required: ['count', 'sha256'], properties: { count, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } }, additionalProperties: false },
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'valid', 'errors', 'warnings', 'findings'],
        properties: {
          file: { type: 'string' },
          sheet: { type: 'string' },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          valid: { type: 'boolean' },
          errors: { type: 'array', items: problem },
          warnings: { type: 'array', items: problem },
          year: { type: 'integer' },
          profile: { type: 'string' },
          region: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } }, additionalProperties: false },
          findings: { type: 'array', items: finding },
        },
        additionalProperties: false,
        if: { properties: { valid: { const: false } } },
        // an invalid file is scored in part when only some of its values are bad: its findings stay
        then: { properties: { errors: { minItems: 1 } } },
      },
    },
    summary: {
      type: 'object',
      required: ['files', 'invalid', 'regions', 'findings', 'pass', 'fail', 'missing', 'waived', 'errors', 'warnings'],
      properties: { files: count, invalid: count, regions: count, findings: count, pass: count, fail: count, missing: count, waived: count, errors: count, warnings: count, missingErrors: count, invalidFindings: count },
      additionalProperties: false,
    },
    waivers: { type: 'array' },
    baseline: { type: 'object' },
  },
  additionalProperties: false,
} as const;
