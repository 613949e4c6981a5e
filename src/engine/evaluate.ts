import { Engine } from 'json-rules-engine';
import { OPERATORS, THRESHOLD_FACT, type Profile, type Rule } from '../rules/model.js';
import { readReference, strictPath, type Facts } from './facts.js';
import type { Evidence, Status } from './model.js';

export interface RuleVerdict {
  status: Status;
  evidence: Evidence[];
  missing?: string[];
  /** For an `invalid` verdict: the indicators whose given values are invalid. */
  invalid?: string[];
}

/** Scores one region's facts against every rule of a profile. */
export interface RegionEvaluator {
  evaluate(facts: Facts): Promise<Map<string, RuleVerdict>>;
  /** Present when the evaluator needs no promise (the compiled one): the scorer's fast path. */
  evaluateSync?(facts: Facts): Map<string, RuleVerdict>;
  /** The verdicts in the order of the rules the evaluator was built with (no map to build). */
  evaluateInOrder?(facts: Facts): RuleVerdict[];
}

export interface EvaluatedCondition {
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  fact?: string;
  path?: string;
  params?: Record<string, unknown>;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

const UNUSED_OPERATORS = ['in', 'notIn', 'contains', 'doesNotContain'];

function isReference(value: unknown): value is { fact: string; path?: string; params?: Record<string, unknown> } {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

function asValue(value: unknown): number | boolean | null {
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function fieldOf(path: string | undefined): string | undefined {
  return path?.startsWith('$.') ? path.slice(2) : undefined;
}

export function leafEvidence(leaf: EvaluatedCondition, facts: Facts, profile: Profile): Evidence {
  const evaluated = leaf.result !== undefined;
  const value = leaf.value;
  let expectedFrom: Evidence['expectedFrom'] = 'constant';
  let threshold: string | undefined;
  let expected: unknown = value;
  if (isReference(value)) {
    if (value.fact === THRESHOLD_FACT) {
      expectedFrom = 'threshold';
      threshold = String(value.params?.name);
      expected = evaluated ? leaf.valueResult : profile.thresholds[String(value.params?.rule)]?.[threshold];
    } else {
      expectedFrom = (fieldOf(value.path) ?? 'constant') as Evidence['expectedFrom'];
      expected = evaluated ? leaf.valueResult : readReference(facts, value);
    }
  }
  const actual = evaluated ? leaf.factResult : readReference(facts, { fact: leaf.fact!, ...(leaf.path ? { path: leaf.path } : {}) });
  const field = fieldOf(leaf.path);
  return {
    indicator: leaf.fact!,
    ...(field ? { field } : {}),
    actual: asValue(actual),
    operator: OPERATORS[leaf.operator as keyof typeof OPERATORS] ?? String(leaf.operator),
    expected: asValue(expected),
    expectedFrom,
    ...(threshold ? { threshold } : {}),
    passed: evaluated ? leaf.result! : null,
    evaluated,
  };
}

/** Every leaf condition in rule order, evaluated or not (short-circuited ones are kept, marked). */
export function collectEvidence(condition: EvaluatedCondition, facts: Facts, profile: Profile): Evidence[] {
  if (condition.all) return condition.all.flatMap((c) => collectEvidence(c, facts, profile));
  if (condition.any) return condition.any.flatMap((c) => collectEvidence(c, facts, profile));
  if (condition.not) return collectEvidence(condition.not, facts, profile);
  return [leafEvidence(condition, facts, profile)];
}

const NONE: string[] = [];

export function missingIndicators(rule: Rule, facts: Facts): string[] {
  let missing: Set<string> | undefined;
  for (const ref of rule.references) {
    const value = readReference(facts, ref);
    if (value === null || value === undefined) (missing ??= new Set()).add(ref.fact);
  }
  return missing ? [...missing] : NONE;
}

/**
 * Builds one json-rules-engine Engine for the run. Runs must be awaited one at a time: an Engine's run
 * state is shared, and concurrent runs on one Engine lose results.
 */
export function createRegionEvaluator(rules: readonly Rule[], profile: Profile): RegionEvaluator {
  const engine = new Engine([], { allowUndefinedFacts: false, allowUndefinedConditions: false, pathResolver: strictPath });
  for (const name of UNUSED_OPERATORS) engine.removeOperator(name);
  engine.addFact(THRESHOLD_FACT, (params: Record<string, unknown>) => profile.thresholds[String(params.rule)]?.[String(params.name)] ?? null);
  for (const rule of rules) engine.addRule(rule.definition as never);
  let running = Promise.resolve();
  return {
    evaluate(facts) {
      const next = running.then(() => evaluateRegion(engine, rules, profile, facts));
      running = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    },
  };
}

async function evaluateRegion(engine: Engine, rules: readonly Rule[], profile: Profile, facts: Facts): Promise<Map<string, RuleVerdict>> {
  const { results, failureResults } = await engine.run(facts);
  const byName = new Map([...results, ...failureResults].map((r) => [String(r.name), r]));
  const verdicts = new Map<string, RuleVerdict>();
  for (const rule of rules) {
    const missing = missingIndicators(rule, facts);
    if (missing.length > 0) {
      verdicts.set(rule.id, {
        status: 'missing',
        missing,
        evidence: collectEvidence(rule.definition.conditions as EvaluatedCondition, facts, profile),
      });
      continue;
    }
    const result = byName.get(rule.id);
    if (!result) throw new Error(`the engine returned no result for rule ${rule.id}`);
    verdicts.set(rule.id, {
      status: result.result ? 'pass' : 'fail',
      evidence: collectEvidence(result.conditions as unknown as EvaluatedCondition, facts, profile),
    });
  }
  return verdicts;
}
