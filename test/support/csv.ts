import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Reads one of the domain spec's reference CSVs as records keyed by header. */
export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}
