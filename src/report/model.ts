import type { Lang } from '../catalogue/catalogue.js';
import type { InputProblem } from '../input/model.js';
import type { Category, Severity } from '../rules/model.js';
import type { Quantifier } from './quantifier.js';

export type Level = 'city' | 'county';

/** How one rule fared at one level (the cities, or the counties) of the province. */
export interface LevelStat {
  /** Regions with data for the rule (pass + fail); missing data is never counted as passing. */
  assessed: number;
  passing: number;
  /** Codes of failing regions, sorted. */
  failing: string[];
  missing: number;
  quantifier?: Quantifier;
}

export interface Rectification {
  /** Failed last year, pass now. */
  rectified: string[];
  /** Failed last year and now. */
  stillFailing: string[];
  /** Fail now, did not fail last year. */
  newlyFailing: string[];
  /** Failed last year, no data now: not counted as rectified. */
  unverified: string[];
}

/** One sentence of "存在的主要问题": a rule, the word for how many regions fail it, and which. */
export interface Problem {
  rule: string;
  category: Category;
  severity: Severity;
  title: string;
  /** The levels with failures: `city`, `county` or `city+county`. */
  level: 'city' | 'county' | 'city+county';
  quantifier: Quantifier;
  sentence: string;
  failing: string[];
  assessed: number;
  missing: number;
  levels: Record<Level, LevelStat>;
  source: string;
  provisional?: boolean;
  rectification?: Rectification;
}

/** The other side of the same data: "各市和多数县实现…". */
export interface Praise {
  rule: string;
  category: Category;
  title: string;
  quantifier: Record<Level, Quantifier | null>;
  sentence: string;
  levels: Record<Level, LevelStat>;
}

/** Achievements of one category sharing the same quantifiers, as one sentence. */
export interface PraiseGroup {
  category: Category;
  quantifier: Record<Level, Quantifier | null>;
  rules: string[];
  sentence: string;
}

export interface CityRow {
  code: string;
  name: string;
  /** Failing findings of the city and its counties, per category. */
  fails: Record<Category, number>;
  errors: number;
  warnings: number;
  total: number;
  rank: number;
}

export interface RuleStat {
  rule: string;
  title: string;
  category: Category;
  severity: Severity;
  assessed: number;
  passing: number;
  failing: number;
  missing: number;
  /** passing / assessed × 100; null when nothing was assessed. */
  passRate: number | null;
}

export interface CoverageNote {
  rule: string;
  title: string;
  missing: Record<Level, number>;
  regions: string[];
  /** No region had data for the rule. */
  noData: boolean;
}

export interface Report {
  tool: { name: 'eduduty'; version: string };
  profile: string;
  lang: Lang;
  years: number[];
  scope: { files: number; cities: number; counties: number; invalid: { file: string; errors: InputProblem[] }[] };
  praise: Praise[];
  /** The praise grouped per category and quantifiers, in the report's order. */
  praiseGroups: PraiseGroup[];
  /** Rules every assessed region passes. */
  allPassed: { rule: string; title: string }[];
  categories: { category: Category; title: string; problems: Problem[] }[];
  coverage: CoverageNote[];
  cities: CityRow[];
  rules: RuleStat[];
  rectification?: { previousYears: number[]; rectified: number; stillFailing: number; newlyFailing: number; resolved: { rule: string; title: string; rectified: string[] }[] };
  /** Display names by region code ("济南市历城区"). */
  regionNames: Record<string, string>;
  /** With school rosters: each county's weakest schools (fewest standards met, furthest below them). */
  weakestSchools?: { county: string; schools: number; meeting: number; weakest: { code: string; name: string; stage: string; met: number; missed: string[] }[] }[];
}
