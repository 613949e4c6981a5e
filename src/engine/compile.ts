import { OPERATORS, THRESHOLD_FACT, type Condition, type LeafCondition, type Profile, type Rule } from '../rules/model.js';
import { collectEvidence, leafEvidence, type EvaluatedCondition, type RegionEvaluator, type RuleVerdict } from './evaluate.js';
import type { Evidence } from './model.js';
import { strictPath, type Facts } from './facts.js';

/**
 * The rules of a run compiled once into plain functions. They reproduce json-rules-engine's semantics
 * exactly — conditions grouped by priority (highest first), `all` stopping at the first group with a false
 * condition and `any` at the first with a true one, operators with the engine's fact-value validators, and
 * path resolution — so verdicts and evidence are identical (a property test compares the two on thousands
 * of generated records); only the promises, clones and event machinery are gone.
 */

/** What each leaf of the rule being evaluated saw, by leaf index; one buffer reused for every rule. */
interface Slots {
  fact: unknown[];
  value: unknown[];
  /** undefined: not evaluated (short-circuited). */
  result: (boolean | undefined)[];
}

interface Compiled {
  /** Evaluates the node, recording each evaluated leaf in `slots`. */
  run(facts: Facts, slots: Slots): boolean;
}

function valueOf(value: unknown): number | boolean | null {
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** json-rules-engine's check (parseFloat, then not "NaN"), which for a number is simply "not NaN". */
function numberValidator(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

const OPERATOR_FUNCTIONS: Record<keyof typeof OPERATORS, (a: unknown, b: unknown) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  lessThan: (a, b) => numberValidator(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numberValidator(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numberValidator(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numberValidator(a) && (a as number) >= (b as number),
};

/**
 * almanac.factValue: a path applies only to an object value; anything else is returned as it is. Paths were
 * checked at load to be `$.name`, so the key is taken once here instead of parsed on every read.
 */
function reader(fact: string, path: string | undefined): (facts: Facts) => unknown {
  if (path === undefined) return (facts) => facts[fact];
  const key = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path)?.[1];
  if (key === undefined) return (facts) => {
    const value = facts[fact];
    return value !== null && typeof value === 'object' ? strictPath(value, path) : value;
  };
  return (facts) => {
    const value = facts[fact];
    if (value === null || typeof value !== 'object') return value;
    return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  };
}

/** The rule's references as readers: a rule is `missing` where one reads null or nothing. */
function missingCheck(rule: Rule): (facts: Facts) => string[] {
  // as readReference: a path on anything but an object reads as absent
  const reads = rule.references.map((ref) => {
    const key = ref.path?.slice(2);
    return { fact: ref.fact, key };
  });
  return (facts) => {
    let missing: string[] | undefined;
    for (const { fact, key } of reads) {
      let value = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
      if (key !== undefined) value = value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      if (value === null || value === undefined) (missing ??= []).push(fact);
    }
    return missing ? [...new Set(missing)] : NONE;
  };
}

const NONE: string[] = [];

function valueReader(value: unknown, profile: Profile): (facts: Facts) => unknown {
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) {
    const ref = value as { fact: string; path?: string; params?: Record<string, unknown> };
    if (ref.fact === THRESHOLD_FACT) {
      const threshold = profile.thresholds[String(ref.params?.rule)]?.[String(ref.params?.name)] ?? null;
      return () => threshold;
    }
    return reader(ref.fact, ref.path);
  }
  return () => value;
}

function compileCondition(condition: Condition, profile: Profile, leaves: LeafCondition[]): Compiled {
  if ('all' in condition) return compileGroup(condition.all, 'all', profile, leaves);
  if ('any' in condition) return compileGroup(condition.any, 'any', profile, leaves);
  if ('not' in condition) {
    const inner = compileGroup([condition.not], 'not', profile, leaves);
    return { run: (facts, slots) => !inner.run(facts, slots) };
  }
  const index = leaves.push(condition) - 1;
  const left = reader(condition.fact, condition.path);
  const right = valueReader(condition.value, profile);
  const operator = OPERATOR_FUNCTIONS[condition.operator as keyof typeof OPERATORS];
  return {
    run(facts, slots) {
      const valueResult = right(facts);
      const factResult = left(facts);
      const result = operator(factResult, valueResult);
      slots.fact[index] = factResult;
      slots.value[index] = valueResult;
      slots.result[index] = result;
      return result;
    },
  };
}

function priorityOf(condition: Condition): number {
  // a condition's own priority, else its fact's: every fact here has the default priority 1
  return (condition as { priority?: number }).priority || 1;
}

function compileGroup(conditions: Condition[], operator: 'all' | 'any' | 'not', profile: Profile, leaves: LeafCondition[]): Compiled {
  if (conditions.length === 0) return { run: () => true };
  const compiled = conditions.map((c) => ({ priority: priorityOf(c), node: compileCondition(c, profile, leaves) }));
  if (compiled.length === 1) return compiled[0]!.node;
  const priorities = [...new Set(compiled.map((c) => c.priority))].sort((a, b) => b - a);
  const sets = priorities.map((p) => compiled.filter((c) => c.priority === p).map((c) => c.node));
  if (operator === 'any') {
    return {
      run(facts, slots) {
        for (const set of sets) {
          let some = false;
          for (const node of set) if (node.run(facts, slots)) some = true;
          if (some) return true;
        }
        return false;
      },
    };
  }
  return {
    run(facts, slots) {
      for (const set of sets) {
        let every = true;
        for (const node of set) if (!node.run(facts, slots)) every = false;
        if (!every) return false;
      }
      return true;
    },
  };
}

interface CompiledRule {
  rule: Rule;
  root: Compiled;
  missing: (facts: Facts) => string[];
  leaves: LeafCondition[];
  /** Builds an evaluated leaf's evidence: everything but the values is fixed when the rule is compiled. */
  makers: EvidenceMaker[];
}

type EvidenceMaker = (actual: number | boolean | null, expected: number | boolean | null, passed: boolean) => Evidence;

/**
 * One constructor per leaf, with the key order of leafEvidence and a fixed object shape, so that building
 * evidence allocates one object and no spread.
 */
function evidenceMaker(leaf: LeafCondition, profile: Profile): EvidenceMaker {
  const { indicator, field, operator, expectedFrom, threshold } = leafEvidence({ ...leaf, factResult: null } as EvaluatedCondition, {}, profile);
  if (field !== undefined && threshold !== undefined) return (actual, expected, passed) => ({ indicator, field, actual, operator, expected, expectedFrom, threshold, passed, evaluated: true });
  if (field !== undefined) return (actual, expected, passed) => ({ indicator, field, actual, operator, expected, expectedFrom, passed, evaluated: true });
  if (threshold !== undefined) return (actual, expected, passed) => ({ indicator, actual, operator, expected, expectedFrom, threshold, passed, evaluated: true });
  return (actual, expected, passed) => ({ indicator, actual, operator, expected, expectedFrom, passed, evaluated: true });
}

export function createCompiledEvaluator(rules: readonly Rule[], profile: Profile): RegionEvaluator {
  const compiled: CompiledRule[] = rules.map((rule) => {
    const leaves: LeafCondition[] = [];
    const root = compileCondition(rule.definition.conditions as Condition, profile, leaves);
    return { rule, root, missing: missingCheck(rule), leaves, makers: leaves.map((leaf) => evidenceMaker(leaf, profile)) };
  });
  const size = Math.max(0, ...compiled.map((c) => c.leaves.length));
  const slots: Slots = { fact: new Array(size), value: new Array(size), result: new Array(size) };
  const evaluateInOrder = (facts: Facts): RuleVerdict[] =>
    compiled.map(({ rule, root, missing: missingOf, leaves, makers }) => {
      const missing = missingOf(facts);
      if (missing.length > 0) return { status: 'missing', missing, evidence: collectEvidence(rule.definition.conditions as EvaluatedCondition, facts, profile) };
      slots.result.fill(undefined, 0, leaves.length);
      const passed = root.run(facts, slots);
      const evidence = new Array<Evidence>(leaves.length);
      for (let i = 0; i < leaves.length; i++) {
        const result = slots.result[i];
        // a leaf the short-circuit skipped keeps what json-rules-engine's result would show: the values, unevaluated
        evidence[i] =
          result === undefined
            ? leafEvidence({ ...leaves[i]!, factResult: undefined } as EvaluatedCondition, facts, profile)
            : makers[i]!(valueOf(slots.fact[i]), valueOf(slots.value[i]), result);
      }
      return { status: passed ? 'pass' : 'fail', evidence };
    });
  const evaluateSync = (facts: Facts): Map<string, RuleVerdict> => {
    const verdicts = evaluateInOrder(facts);
    return new Map(compiled.map((c, i) => [c.rule.id, verdicts[i]!]));
  };
  return { evaluateInOrder, evaluateSync, evaluate: async (facts) => evaluateSync(facts) };
}
