import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { ScoreResult } from '../engine/model.js';
import type { Rule } from '../rules/model.js';
import { githubStream } from './github.js';
import { formatJson, jsonStream, type Detail } from './json.js';
import { junitStream } from './junit.js';
import { markdownStream } from './markdown.js';
import { formatNdjson, ndjsonStream } from './ndjson.js';
import { prettyStream } from './pretty.js';
import { sarifStream } from './sarif.js';
import { formatWhole, type StreamFormatter } from './stream.js';
import { csvStream, formatXlsx } from './table.js';

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

/** Every text format, produced file by file (the CLI writes them as results arrive). */
export const STREAM_FORMATTERS = {
  pretty: prettyStream,
  json: jsonStream,
  ndjson: ndjsonStream,
  junit: junitStream,
  sarif: sarifStream,
  github: githubStream,
  markdown: markdownStream,
  csv: csvStream,
} as const satisfies Record<string, StreamFormatter>;

export type StreamFormatName = keyof typeof STREAM_FORMATTERS;
export const isStreamFormat = (format: string): format is StreamFormatName => Object.hasOwn(STREAM_FORMATTERS, format);

export const FORMATTERS = {
  pretty: formatWhole(prettyStream),
  json: formatJson,
  ndjson: formatNdjson,
  junit: formatWhole(junitStream),
  sarif: formatWhole(sarifStream),
  github: formatWhole(githubStream),
  markdown: formatWhole(markdownStream),
  csv: formatWhole(csvStream),
  xlsx: formatXlsx,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
