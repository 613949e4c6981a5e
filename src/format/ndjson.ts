import type { FileResult, ScoreResult } from '../engine/model.js';

/** The first line of an ndjson run: what produced the lines that follow. */
export function ndjsonHeader(result: Pick<ScoreResult, 'tool' | 'profile' | 'rules'>): string {
  return JSON.stringify({ type: 'run', tool: result.tool, profile: result.profile, ...(result.rules ? { rules: result.rules } : {}) }) + '\n';
}

export function ndjsonFile(file: FileResult): string {
  return JSON.stringify({ type: 'file', ...file }) + '\n';
}

export function ndjsonSummary(result: Pick<ScoreResult, 'summary' | 'waivers' | 'baseline'>): string {
  return JSON.stringify({ type: 'summary', summary: result.summary, ...(result.waivers ? { waivers: result.waivers } : {}), ...(result.baseline ? { baseline: result.baseline } : {}) }) + '\n';
}

/**
 * Newline-delimited JSON: a `run` line, a `file` line per result, a `summary` line. The CLI streams it,
 * writing each file's line as soon as the file is scored.
 */
export function formatNdjson(result: ScoreResult): string {
  return ndjsonHeader(result) + result.files.map(ndjsonFile).join('') + ndjsonSummary(result);
}
