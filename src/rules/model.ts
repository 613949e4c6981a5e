import { z } from 'zod';

export const CATEGORIES = ['reform', 'funding', 'development', 'teachers', 'safety', 'quality'] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Operators a rule may use: json-rules-engine's comparison operators, nothing that runs code. */
export const OPERATORS = {
  equal: '==',
  notEqual: '!=',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
} as const;

/** The placeholders a message template may use; anything else is refused at load. */
export const PLACEHOLDERS = ['region', 'code', 'indicator', 'actual', 'expected', 'operator', 'detail'] as const;

/** The fact through which conditions read a profile's thresholds. */
export const THRESHOLD_FACT = 'threshold';

/** The schemas of rule and profile files, built on first use: a run from the build's checked rules never needs them. */
function buildSchemas() {
  const Localised = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

  const Scalar = z.union([z.number(), z.boolean(), z.string(), z.null()]);
  const FactReference = z
    .object({ fact: z.string().min(1), path: z.string().optional(), params: z.record(z.string(), Scalar).optional() })
    .strict();

  const LeafCondition = z
    .object({
      fact: z.string().min(1),
      operator: z.string(),
      value: z.union([Scalar, FactReference]),
      path: z.string().optional(),
      params: z.record(z.string(), Scalar).optional(),
      priority: z.number().int().positive().optional(),
      name: z.string().optional(),
    })
    .strict();

  const Extras = { priority: z.number().int().positive().optional(), name: z.string().optional() };
  const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
    z.union([
      z.object({ all: z.array(ConditionSchema), ...Extras }).strict(),
      z.object({ any: z.array(ConditionSchema), ...Extras }).strict(),
      z.object({ not: ConditionSchema, ...Extras }).strict(),
      LeafCondition,
    ]),
  );
  const TopLevelCondition = z.union([
    z.object({ all: z.array(ConditionSchema), ...Extras }).strict(),
    z.object({ any: z.array(ConditionSchema), ...Extras }).strict(),
    z.object({ not: ConditionSchema, ...Extras }).strict(),
  ]);

  const RuleExample = z
    .object({
      expect: z.enum(['pass', 'fail', 'missing']),
      indicators: z.record(z.string(), z.unknown()),
      profile: z.string().optional(),
      /** The thresholds the example runs with, for a rule that no bundled profile holds. */
      thresholds: z.record(z.string(), z.number().finite()).optional(),
      description: z.string().optional(),
    })
    .strict();

  const RuleMeta = z
    .object({
      category: z.enum(CATEGORIES),
      severity: z.enum(SEVERITIES),
      title: Localised,
      message: Localised,
      /** The report's problem phrase, e.g. "学前三年毛入园率未达到{threshold}"; may use {threshold} only. */
      problem: Localised,
      /** The policy text the rule applies. */
      source: z.string().min(1),
      /** The threshold is in no source document checked so far: a province confirms or replaces it in its config. */
      provisional: z.boolean().optional(),
      note: z.string().optional(),
      /** The source documents' own words behind the rule, each led by its place: "[2020 二(一)二] …". */
      quotes: z.array(z.string().min(1)).optional(),
      /**
       * Rules that state this rule's problem more gravely (a looser bar failed, or a graver form of the same fault):
       * when one of them fails in the same region, this rule's failure is absorbed into it and reported once.
       */
      absorbedBy: z.array(z.string().regex(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/)).min(1).optional(),
      examples: z.array(RuleExample).min(1),
    })
    .strict();

  const RuleFileSchema = z
    .object({
      $schema: z.string().optional(),
      name: z.string().regex(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id such as "funding.two-only-increases"'),
      priority: z.number().int().positive().optional(),
      conditions: TopLevelCondition,
      event: z.object({ type: z.string().min(1), params: z.record(z.string(), Scalar).optional() }).strict(),
      meta: RuleMeta,
    })
    .strict();

  const ProfileSchema = z
    .object({
      $schema: z.string().optional(),
      name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
      year: z.number().int(),
      title: Localised,
      description: Localised.optional(),
      thresholds: z.record(z.string(), z.record(z.string(), z.number().finite())),
    })
    .strict();
  return { FactReference, LeafCondition, ConditionSchema, RuleExample, RuleMeta, RuleFileSchema, ProfileSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;
export const ruleSchemas = (): Schemas => (schemas ??= buildSchemas());

type Scalar = number | boolean | string | null;
/** Written out rather than inferred from the schemas: Condition, which their schema is typed by, is made of them. */
export interface FactReference {
  fact: string;
  path?: string | undefined;
  params?: Record<string, Scalar> | undefined;
}
export interface LeafCondition {
  fact: string;
  operator: string;
  value: Scalar | FactReference;
  path?: string | undefined;
  params?: Record<string, Scalar> | undefined;
  priority?: number | undefined;
  name?: string | undefined;
}
export type RuleExample = z.infer<Schemas['RuleExample']>;
export type RuleMeta = z.infer<Schemas['RuleMeta']>;
export type RuleFile = z.infer<Schemas['RuleFileSchema']>;
export type Profile = z.infer<Schemas['ProfileSchema']> & { file: string };

export type Condition =
  | LeafCondition
  | { all: Condition[]; priority?: number; name?: string }
  | { any: Condition[]; priority?: number; name?: string }
  | { not: Condition; priority?: number; name?: string };

/** A rule ready for evaluation: its json-rules-engine definition and what it needs. */
export interface Rule {
  id: string;
  /** Where it was loaded from. */
  file: string;
  definition: RuleFile;
  meta: RuleMeta;
  /** Indicator ids the rule reads; if a region lacks one, the rule is `missing` there. */
  indicators: string[];
  /** Threshold names the rule reads from a profile (`T`, `T1`…). */
  thresholds: string[];
  /** Every indicator value the rule reads (`path` for a yoy field); an absent or null one makes it `missing`. */
  references: { fact: string; path?: string }[];
  /** A provisional threshold a province's config confirmed or replaced: the rule is no longer provisional. */
  settled?: { how: 'confirmed' | 'replaced'; file: string };
}

export interface RuleSet {
  rules: Rule[];
  profiles: Profile[];
}

/** Thresholds by rule id, then by threshold name (`T`, `T1`…), as a config's `thresholds` gives them. */
export type ThresholdOverrides = Record<string, Record<string, number>>;

/** The rule set with the overrides applied to every profile: the province's numbers hold whichever profile judges a file. */
export function withThresholds(ruleSet: RuleSet, profile: Profile, overrides: ThresholdOverrides): { ruleSet: RuleSet; profile: Profile } {
  const overridden = (p: Profile): Profile => {
    const thresholds = { ...p.thresholds };
    for (const [id, values] of Object.entries(overrides)) thresholds[id] = { ...thresholds[id], ...values };
    return { ...p, thresholds };
  };
  const profiles = ruleSet.profiles.map(overridden);
  return { ruleSet: { ...ruleSet, profiles }, profile: profiles.find((p) => p.name === profile.name) ?? overridden(profile) };
}

/** A rule belongs to a profile when the profile gives every threshold it reads. */
export function inProfile(rule: Rule, profile: Profile): boolean {
  const given = profile.thresholds[rule.id];
  return rule.thresholds.every((name) => given !== undefined && Object.hasOwn(given, name));
}

export function rulesOfProfile(set: RuleSet, profile: Profile): Rule[] {
  return set.rules.filter((rule) => inProfile(rule, profile));
}

/**
 * The profile a file of `year` is judged by: that evaluation year's profile, else the newest one before it; a year
 * before every profile takes the oldest. Profiles of one year are told apart by name, as for the default.
 */
export function profileForYear(set: RuleSet, year: number): Profile {
  const byAge = [...set.profiles].sort((a, b) => b.year - a.year || (a.name < b.name ? 1 : -1));
  const chosen = byAge.find((p) => p.year <= year) ?? byAge.at(-1);
  if (!chosen) throw new RuleSetError([{ file: '(rules)', message: 'no profile is defined' }]);
  return chosen;
}

/** The newest profile (highest year, then name) is the default. */
export function defaultProfile(set: RuleSet): Profile {
  const sorted = [...set.profiles].sort((a, b) => b.year - a.year || (a.name < b.name ? 1 : -1));
  const first = sorted[0];
  if (!first) throw new RuleSetError([{ file: '(rules)', message: 'no profile is defined' }]);
  return first;
}

export interface RuleProblem {
  file: string;
  message: string;
}

/** A rule or profile file that cannot be used; the run stops before scoring anything. */
export class RuleSetError extends Error {
  constructor(readonly problems: RuleProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
    this.name = 'RuleSetError';
  }
}

export function compareCategories(a: Category, b: Category): number {
  return CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b);
}
