import type { RegionLevel } from '../catalogue/catalogue.js';
import type { InputProblem, RegionRef } from '../input/model.js';
import type { Category, Severity } from '../rules/model.js';

export type Status = 'pass' | 'fail' | 'missing';

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
  source: string;
  provisional?: boolean;
}

export interface FileResult {
  file: string;
  valid: boolean;
  errors: InputProblem[];
  warnings: InputProblem[];
  year?: number;
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
  /** Failing findings by severity. */
  errors: number;
  warnings: number;
}

export interface ScoreResult {
  tool: { name: 'eduduty'; version: string };
  profile: string;
  files: FileResult[];
  summary: Summary;
}

export type FailOn = Severity | 'never';
