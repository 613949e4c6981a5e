import type { Lang } from '../catalogue/catalogue.js';
import type { InputProblem } from '../input/model.js';
import type { Category, Severity } from '../rules/model.js';
import type { Noun } from './layout.js';
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

/** One statement of "存在的主要问题": a rule, the word for how many fail it, of whom, and which regions. */
export interface Problem {
  rule: string;
  category: Category;
  severity: Severity;
  title: string;
  /** The levels with failures: `city`, `county` or `city+county`. */
  level: 'city' | 'county' | 'city+county';
  /** The strongest word of the statement; null for a province-wide figure ("学生总体近视率上升"). */
  quantifier: Quantifier | null;
  /** Who the statement is about (市/县, 学校, 幼儿园, 学生…). */
  noun: Noun;
  /** The quantified subject as written: "个别市和部分县", "部分学校", "" for a province-wide figure. */
  subject: string;
  /** What fell short, after the subject: "学前三年毛入园率低于90%". */
  predicate: string;
  /** The statement alone, without region names. */
  sentence: string;
  /** Where the report puts it: section, topic and order within the topic (the layout's). */
  place: { section: number; topic: number; order: number };
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

/** One heading of the achievements section with its short praise sentences. */
export interface Achievement {
  title: string;
  rules: string[];
  sentences: string[];
}

/** One section of the problems part: the report's heading and its text, topic by topic. */
export interface ProblemSection {
  category: Category;
  title: string;
  problems: Problem[];
  /** The section's prose: one paragraph, topics enumerated (一是…) where the year's report does. */
  text: string;
}

export interface Requirements {
  heading: string;
  style: 'enumerate' | 'headed';
  lead?: string;
  items: { title?: string; text: string; rules: string[] }[];
  closing: { heading?: string; text: string };
}

/** What the inspectorate sends one city: each failing region with its findings, values and rule ids. */
export interface CityFeedback {
  code: string;
  name: string;
  regions: { code: string; name: string; findings: { rule: string; title: string; severity: Severity; message: string; source: string; provisional?: boolean }[] }[];
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
  /** The profile's title, and the layout (headings, order, words) the report follows. */
  profileTitle: string;
  layout: string;
  headings: { achievements: string; problems: string };
  preamble: string;
  praise: Praise[];
  /** Praise under the report's own achievement headings. */
  achievements: Achievement[];
  sections: ProblemSection[];
  requirements: Requirements;
  /** 逐市反馈: failing regions per city, with values and rule ids; kept out of the report's body. */
  feedback: CityFeedback[];
  coverage: CoverageNote[];
  cities: CityRow[];
  rules: RuleStat[];
  rectification?: { previousYears: number[]; rectified: number; stillFailing: number; newlyFailing: number; resolved: { rule: string; title: string; rectified: string[] }[] };
  /** Display names by region code, as people write them ("济南市历城区", "潍坊滨海经济技术开发区"). */
  regionNames: Record<string, string>;
  /** With school rosters: each county's weakest schools (fewest standards met, furthest below them). */
  weakestSchools?: { county: string; schools: number; meeting: number; weakest: { code: string; name: string; stage: string; met: number; missed: string[] }[] }[];
}
