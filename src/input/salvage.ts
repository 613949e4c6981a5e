import { segmentsOf, type IndicatorFile, type InputProblem } from './model.js';
import type { Validator } from './validate.js';

/** A problem with one indicator value of one region: what a partial score can leave aside. */
export interface ValueProblem {
  /** JSON pointer of the region's `indicators` object. */
  regionPointer: string;
  indicator: string;
  problem: InputProblem;
}

const VALUE_PATH = /^((?:\/counties\/\d+)?\/indicators)\/([a-z0-9_]+)(?:\/(?:current|previous))?$/;
/** Problems with the shape of the file itself, never with one value. */
const NOT_A_VALUE = new Set(['unknown-key', 'forbidden-key', 'too-deep']);

export function valueProblemOf(problem: InputProblem): ValueProblem | undefined {
  if (NOT_A_VALUE.has(problem.code)) return undefined;
  const match = VALUE_PATH.exec(problem.path);
  return match ? { regionPointer: match[1]!, indicator: match[2]!, problem } : undefined;
}

function withoutValues(document: unknown, problems: readonly ValueProblem[]): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  for (const { regionPointer, indicator } of problems) {
    let node: unknown = copy;
    for (const segment of segmentsOf(regionPointer)) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    if (node !== null && typeof node === 'object' && Object.hasOwn(node, indicator)) delete (node as Record<string, unknown>)[indicator];
  }
  return copy;
}

/**
 * When every error of a document is a bad indicator value, the document without those values: the rest of the
 * file can be scored (the file stays invalid). `errors` gains what the validator finds once the values are gone.
 */
export function salvageDocument(document: unknown, errors: readonly InputProblem[], validator: Validator): { file: IndicatorFile; errors: InputProblem[] } | undefined {
  let all = [...errors];
  // a validator may stop at the first error of a value: a few rounds find the rest
  for (let round = 0; round < 4; round++) {
    const values = all.map(valueProblemOf);
    if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
    const { file, errors: more } = validator.validate(withoutValues(document, values as ValueProblem[]));
    if (file && more.length === 0) return { file, errors: all };
    const added = more.filter((m) => !all.some((e) => e.path === m.path));
    if (added.length === 0) return undefined;
    all = [...all, ...added];
  }
  return undefined;
}
