import type { FileResult, ScoreResult } from '../engine/model.js';
import { jsonFile, type JsonOptions } from './json.js';

/** The first line of an ndjson run: what produced the lines that follow. */
export function ndjsonHeader(result: Pick<ScoreResult, 'tool' | 'profile' | 'profileByYear' | 'rules'>): string {
  return JSON.stringify({ type: 'run', tool: result.tool, profile: result.profile, ...(result.profileByYear ? { profileByYear: true } : {}), ...(result.rules ? { rules: result.rules } : {}) }) + '\n';
}

/** One file's line; passes are thinned as in `json` unless `detail: 'full'`. */
export function ndjsonFile(file: FileResult, options: JsonOptions = {}): string {
  return JSON.stringify({ type: 'file', ...jsonFile(file, options.detail) }) + '\n';
}

export function ndjsonSummary(result: Pick<ScoreResult, 'summary' | 'waivers' | 'baseline'>): string {
  return JSON.stringify({ type: 'summary', summary: result.summary, ...(result.waivers ? { waivers: result.waivers } : {}), ...(result.baseline ? { baseline: result.baseline } : {}) }) + '\n';
}

/**
 * Newline-delimited JSON: a `run` line, a `file` line per result, a `summary` line. The CLI streams it,
 * writing each file's line as soon as the file is scored.
 */
export function formatNdjson(result: ScoreResult, options: JsonOptions = {}): string {
  return ndjsonHeader(result) + result.files.map((f) => ndjsonFile(f, options)).join('') + ndjsonSummary(result);
}
