import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { ScoreResult } from '../engine/model.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';

export interface FormatOptions {
  lang: Lang;
  color: boolean;
  verbose: boolean;
  catalogue: Catalogue;
}

/** A format turns the one result model into text; it knows nothing of the command line. */
export type Formatter = (result: ScoreResult, options: FormatOptions) => string;

export const FORMATTERS = {
  pretty: formatPretty,
  json: formatJson,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
