import type { Catalogue } from '../catalogue/catalogue.js';
import type { IndicatorValues, YoyValue } from '../input/model.js';

export type Facts = Record<string, unknown>;

/** Rounds away binary noise ((110 − 100) / 100 × 100 must be 10, not 10.000000000000002): nine decimals. */
function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export function yoyFact(value: YoyValue): Record<string, number | null> {
  const { current, previous } = value;
  return {
    current,
    previous,
    change: tidy(current - previous),
    // growth from zero has no percentage: rules reading it report missing, never pass
    changePct: previous === 0 ? null : tidy(((current - previous) * 100) / previous),
  };
}

/**
 * The facts one region offers to rules: every catalogue indicator, `null` where the region lacks it
 * (so the engine never meets an undefined fact; rules needing it are already decided `missing`).
 */
export function factsOf(indicators: IndicatorValues, catalogue: Catalogue): Facts {
  // a plain object built in catalogue order keeps V8's fast properties (the keys are catalogue ids only)
  const facts: Facts = {};
  for (const indicator of catalogue.indicators) {
    const value = Object.hasOwn(indicators, indicator.id) ? indicators[indicator.id] : undefined;
    if (value === undefined) facts[indicator.id] = null;
    else facts[indicator.id] = indicator.kind === 'yoy' ? yoyFact(value as YoyValue) : value;
  }
  return facts;
}

/**
 * Resolves a rule path against a fact value: `$.field` on own plain properties only, so no path can
 * reach a prototype or run a JSONPath script.
 */
export function strictPath(value: unknown, path: string): unknown {
  const match = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
  if (!match || value === null || typeof value !== 'object') return undefined;
  const key = match[1]!;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export function readReference(facts: Facts, ref: { fact: string; path?: string }): unknown {
  const value = Object.hasOwn(facts, ref.fact) ? facts[ref.fact] : undefined;
  return ref.path === undefined ? value : strictPath(value, ref.path);
}
