import type { RegionLevel } from '../catalogue/catalogue.js';
import type { InputProblem, RegionRef } from '../input/model.js';
import type { Category, Severity } from '../rules/model.js';

/**
 * `waived`: a failure a live waiver covers (CI runs only). `invalid`: the rule reads a value of its region that the
 * file gives but that is not valid (the file is invalid; the rest of it is still scored).
 */
export type Status = 'pass' | 'fail' | 'missing' | 'waived' | 'invalid';

/** What one condition of a rule compared, read back from the engine's condition result. */
export interface Evidence {
  indicator: string;
  /** For a year-over-year indicator: `current`, `previous`, `change` or `changePct`. */
  field?: string;
  actual: number | boolean | null;
  operator: string;
  expected: number | boolean | null;
  /** Where `expected` came from: a profile threshold, the previous year, or a constant in the rule. */
  expectedFrom: 'threshold' | 'previous' | 'change' | 'changePct' | 'current' | 'constant';
  threshold?: string;
  /** `null` when the condition was not evaluated (short-circuited, or data missing). */
  passed: boolean | null;
  evaluated: boolean;
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  status: Status;
  region: RegionRef & { level: RegionLevel };
  title: string;
  message: string;
  evidence: Evidence[];
  /** Indicators the region lacks, for a `missing` finding. */
  missing?: string[];
  /** For a `missing` finding: the region is in the division list under the file's city, but not in the file. */
  absent?: true;
  /** Indicators whose given value is not valid, for an `invalid` finding (`location` points at the first). */
  invalid?: string[];
  source: string;
  provisional?: boolean;
  /** A failure another failing rule of the same region already states more gravely (the problem is said once). */
  absorbedBy?: string;
  waiver?: { reason: string; owner: string; expires: string };
  /** Against a baseline: was this failure there before? */
  baseline?: 'new' | 'existing';
  /** Where a failing finding points in its file: the JSON pointer of the indicator, and line/column when known. */
  location?: { path: string; line?: number; column?: number; sheet?: string; cell?: string };
}

export interface FileResult {
  file: string;
  /** For spreadsheets: the sheet this city came from (a table yields one result per city). */
  sheet?: string;
  /** sha256 of the file's bytes. */
  sha256?: string;
  valid: boolean;
  errors: InputProblem[];
  warnings: InputProblem[];
  year?: number;
  /** The profile whose thresholds judged the file (chosen by its year unless one was given). */
  profile?: string;
  region?: RegionRef;
  findings: Finding[];
}

export interface Summary {
  files: number;
  invalid: number;
  regions: number;
  findings: number;
  pass: number;
  fail: number;
  missing: number;
  waived: number;
  /** Failing findings by severity. */
  errors: number;
  warnings: number;
  /** `missing` findings of error-severity rules: no pass can be decided, so they fail the run (unless allowed). */
  missingErrors: number;
  /** Findings left unscored because a value they read is invalid (status `invalid`). */
  invalidFindings: number;
}

export interface ScoreResult {
  tool: { name: 'eduduty'; version: string };
  /** The profile given; when each file's is chosen by its year (`profileByYear`), the newest. */
  profile: string;
  profileByYear?: true;
  /** The rule set that produced the findings: count and sha256, so an archived result can be audited. */
  rules?: { count: number; sha256: string };
  files: FileResult[];
  summary: Summary;
  /** Waivers of the run, with how many failures each covered and whether it has expired. */
  waivers?: { rule: string; regions: string[] | '*'; reason: string; owner: string; expires: string; used: number; expired: boolean }[];
  baseline?: { file: string; new: number; existing: number };
}

export type FailOn = Severity | 'never';
