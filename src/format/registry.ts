import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { ScoreResult } from '../engine/model.js';
import type { Rule } from '../rules/model.js';
import { formatGithub } from './github.js';
import { formatJson, type Detail } from './json.js';
import { formatJunit } from './junit.js';
import { formatNdjson } from './ndjson.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';
import { formatCsv, formatXlsx } from './table.js';

export interface FormatOptions {
  lang: Lang;
  color: boolean;
  verbose: boolean;
  catalogue: Catalogue;
  /** The rules that were run, for formats that describe them (SARIF). */
  rules: readonly Rule[];
  /** json and ndjson: how much of a passing finding to write (default `thin`). */
  detail?: Detail;
  /** json: indent for reading by eye (default compact). */
  indent?: boolean;
}

/**
 * A format turns the one result model into text (or bytes, for XLSX); it knows nothing of the command
 * line. Binary formats may work asynchronously.
 */
export type Formatter = (result: ScoreResult, options: FormatOptions) => string | Promise<string | Uint8Array>;

export const FORMATTERS = {
  pretty: formatPretty,
  json: formatJson,
  ndjson: formatNdjson,
  junit: formatJunit,
  sarif: formatSarif,
  github: formatGithub,
  markdown: formatMarkdown,
  csv: formatCsv,
  xlsx: formatXlsx,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
