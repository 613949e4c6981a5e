import type { FileResult, Finding, ScoreResult } from '../engine/model.js';

/** How much of a passing finding the JSON formats write: `thin` its identity, `full` its evidence and message too. */
export type Detail = 'thin' | 'full';

export interface JsonOptions {
  /** Default `thin`. Failing, missing, invalid and waived findings are always written whole. */
  detail?: Detail;
  /** Two-space indentation for people reading it by eye; default compact. */
  indent?: boolean;
}

/** A passing finding as the thin JSON writes it: which rule passed where. */
export type ThinFinding = Pick<Finding, 'rule' | 'category' | 'severity' | 'status' | 'region'>;

/** A finding as the JSON formats write it. */
export function jsonFinding(finding: Finding, detail: Detail = 'thin'): Finding | ThinFinding {
  if (detail === 'thin' && finding.status === 'pass') return { rule: finding.rule, category: finding.category, severity: finding.severity, status: 'pass', region: finding.region };
  return finding;
}

/** A file result as the JSON formats write it: the same keys in the same order, passes thinned. */
export function jsonFile(file: FileResult, detail: Detail = 'thin'): FileResult | (Omit<FileResult, 'findings'> & { findings: (Finding | ThinFinding)[] }) {
  if (detail === 'full') return file;
  return { ...file, findings: file.findings.map((f) => jsonFinding(f, detail)) };
}

export function stringifyJson(value: unknown, indent = false): string {
  return indent ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

/** FORMAT.md §3: the result model, passes thinned unless `detail: 'full'`, compact unless `indent`; same input → same bytes. */
export function formatJson(result: ScoreResult, options: JsonOptions = {}): string {
  // the keys keep the result's order: files stays where it is
  const written = options.detail === 'full' ? result : { ...result, files: result.files.map((f) => jsonFile(f, options.detail)) };
  return stringifyJson(written, options.indent) + '\n';
}
