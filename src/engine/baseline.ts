import { plainFinding } from './finding.js';
import type { FileResult, ScoreResult } from './model.js';

/** The failures of an earlier JSON output, by rule and region. */
export function baselineKeys(previous: Pick<ScoreResult, 'files'>): Set<string> {
  const keys = new Set<string>();
  for (const file of previous.files ?? []) {
    for (const finding of file.findings ?? []) {
      if (finding.status === 'fail' || finding.status === 'waived') keys.add(`${finding.rule}|${finding.region.code}`);
    }
  }
  return keys;
}

/** Marks each failure of a file `new` or `existing` against the baseline. */
export function markFile(file: FileResult, keys: Set<string>): FileResult {
  return {
    ...file,
    findings: file.findings.map((finding) =>
      finding.status === 'fail' || finding.status === 'waived' ? { ...plainFinding(finding), baseline: keys.has(`${finding.rule}|${finding.region.code}`) ? ('existing' as const) : ('new' as const) } : finding,
    ),
  };
}
