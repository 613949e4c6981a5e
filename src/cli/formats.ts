/**
 * The formats each command writes, the first its default. The parser offers exactly these, so a format a
 * command cannot write is a usage error naming those it can; kept apart from the formatters so --help
 * stays light. A test keeps the score formats equal to the format registry's.
 */
export const COMMAND_FORMATS = {
  score: ['pretty', 'json', 'ndjson', 'junit', 'sarif', 'github', 'markdown', 'csv', 'xlsx'],
  validate: ['pretty', 'json'],
  report: ['markdown', 'html', 'json'],
  explain: ['pretty', 'json'],
  rules: ['pretty', 'json'],
  'rules check': ['pretty'],
  'rules test': ['pretty'],
  indicators: ['pretty', 'json'],
  template: ['xlsx', 'csv', 'json', 'yaml'],
} as const;

export type CommandFormats = typeof COMMAND_FORMATS;

/** The score formats; a test keeps this list equal to the format registry's. */
export const SCORE_FORMATS = COMMAND_FORMATS.score;
