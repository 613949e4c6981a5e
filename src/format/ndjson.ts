import type { ScoreResult } from '../engine/model.js';
import { compactFileWriter, type JsonOptions } from './json.js';
import { formatWhole, type FormatStream } from './stream.js';

/**
 * Newline-delimited JSON: a `run` line, a `file` line per result (passes thinned as in `json` unless
 * `detail: 'full'`), a `summary` line.
 */
export function ndjsonStream(options: JsonOptions = {}): FormatStream {
  const fileJson = compactFileWriter(options.detail ?? 'thin');
  return {
    begin: (head) => JSON.stringify({ type: 'run', tool: head.tool, profile: head.profile, ...(head.profileByYear ? { profileByYear: true } : {}), ...(head.rules ? { rules: head.rules } : {}) }) + '\n',
    file: (file) => {
      const chunks = fileJson(file);
      // the file's object opens with its first chunk's "{": the line's type goes in front of its first key
      chunks[0] = '{"type":"file",' + (chunks[0] as string).slice(1);
      chunks.push('\n');
      return chunks;
    },
    end: (tail) => JSON.stringify({ type: 'summary', summary: tail.summary, ...(tail.waivers ? { waivers: tail.waivers } : {}), ...(tail.baseline ? { baseline: tail.baseline } : {}) }) + '\n',
  };
}

export function formatNdjson(result: ScoreResult, options: JsonOptions = {}): string {
  return formatWhole(ndjsonStream)(result, options);
}
