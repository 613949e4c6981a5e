import type { ScoreResult } from '../engine/model.js';

/** FORMAT.md §3: the result model itself, two-space indented, same input → same bytes. */
export function formatJson(result: ScoreResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
