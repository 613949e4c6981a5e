import { OPERATORS, THRESHOLD_FACT, type Condition, type LeafCondition, type Profile, type Rule } from '../rules/model.js';
import { collectEvidence, leafEvidence, missingIndicators, type EvaluatedCondition, type RegionEvaluator, type RuleVerdict } from './evaluate.js';
import type { Evidence } from './model.js';
import { strictPath, type Facts } from './facts.js';

/**
 * The rules of a run compiled once into plain functions. They reproduce json-rules-engine's semantics
 * exactly — conditions grouped by priority (highest first), `all` stopping at the first group with a false
 * condition and `any` at the first with a true one, operators with the engine's fact-value validators, and
 * path resolution — so verdicts and evidence are identical (a property test compares the two on thousands
 * of generated records); only the promises, clones and event machinery are gone.
 */

type Slot = { factResult: unknown; valueResult: unknown; result: boolean } | undefined;

interface Compiled {
  /** Evaluates the node, recording each evaluated leaf in `slots`. */
  run(facts: Facts, slots: Slot[]): boolean;
}

function valueOf(value: unknown): number | boolean | null {
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function numberValidator(value: unknown): boolean {
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

/** almanac.factValue: a path applies only to an object value; anything else is returned as it is. */
function reader(fact: string, path: string | undefined): (facts: Facts) => unknown {
  if (path === undefined) return (facts) => facts[fact];
  return (facts) => {
    const value = facts[fact];
    return value !== null && typeof value === 'object' ? strictPath(value, path) : value;
  };
}

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
      slots[index] = { factResult, valueResult, result };
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
  leaves: LeafCondition[];
  /** What each leaf's evidence says besides the values: built once, copied per record. */
  templates: Evidence[];
}

/** The evidence of a leaf before evaluation: everything but what the values turn out to be. */
function evidenceTemplate(leaf: LeafCondition, profile: Profile): Evidence {
  return leafEvidence({ ...leaf, factResult: null } as EvaluatedCondition, Object.create(null) as Facts, profile);
}

export function createCompiledEvaluator(rules: readonly Rule[], profile: Profile): RegionEvaluator {
  const compiled: CompiledRule[] = rules.map((rule) => {
    const leaves: LeafCondition[] = [];
    const root = compileCondition(rule.definition.conditions as Condition, profile, leaves);
    return { rule, root, leaves, templates: leaves.map((leaf) => evidenceTemplate(leaf, profile)) };
  });
  const evaluateSync = (facts: Facts): Map<string, RuleVerdict> => {
    const verdicts = new Map<string, RuleVerdict>();
    for (const { rule, root, leaves, templates } of compiled) {
      const missing = missingIndicators(rule, facts);
      if (missing.length > 0) {
        verdicts.set(rule.id, { status: 'missing', missing, evidence: collectEvidence(rule.definition.conditions as EvaluatedCondition, facts, profile) });
        continue;
      }
      const slots: Slot[] = new Array(templates.length);
      const passed = root.run(facts, slots);
      const evidence = templates.map((template, i) => {
        const slot = slots[i];
        // a leaf the short-circuit skipped keeps what json-rules-engine's result would show: the values, unevaluated
        if (!slot) return leafEvidence({ ...leaves[i]!, factResult: undefined } as EvaluatedCondition, facts, profile);
        return { ...template, actual: valueOf(slot.factResult), expected: valueOf(slot.valueResult), passed: slot.result, evaluated: true };
      });
      verdicts.set(rule.id, { status: passed ? 'pass' : 'fail', evidence });
    }
    return verdicts;
  };
  return { evaluateSync, evaluate: async (facts) => evaluateSync(facts) };
}

