import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { modules } from '../modules.js';
import { loadPrecompiled } from './precompiled-file.js';

export { PRECOMPILED_FILE } from './precompiled-file.js';

/**
 * verbose: an unknown key's error carries its object's schema, whose keys are the suggestions. inlineRefs false:
 * a subschema used in several places (a region's indicators, for the city and for every county) becomes one
 * function called from each, not a copy of its code in each.
 */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictNumbers: true, verbose: true, inlineRefs: false } as const;

/**
 * The same schema with every subschema of an object that occurs more than once (by identity, as the catalogue's
 * schema builder reuses them) moved to `definitions` and referred to: what ajv compiles, never what is published.
 */
export function compilableSchema(schema: object): object {
  const seen = new Map<object, number>();
  const count = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const times = (seen.get(node) ?? 0) + 1;
    seen.set(node, times);
    if (times === 1) for (const child of Object.values(node)) count(child);
  };
  count(schema);
  const shared = new Map<object, string>();
  for (const [node, times] of seen) if (times > 1 && (node as { type?: unknown }).type === 'object') shared.set(node, `shared${shared.size}`);
  if (shared.size === 0) return schema;
  const rewrite = (node: unknown, root = false): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const name = shared.get(node);
    if (name && !root) return { $ref: `#/definitions/${name}` };
    if (Array.isArray(node)) return node.map((child) => rewrite(child));
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, rewrite(child)]));
  };
  const definitions = Object.fromEntries([...shared].map(([node, name]) => [name, rewrite(node, true)]));
  return { ...(rewrite(schema) as object), definitions };
}

export function schemaHash(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

export interface Precompiled {
  default: ValidateFunction;
  schemaHash: string;
}

let precompiled: Precompiled | null | undefined;

/**
 * The validating function for a schema: the build's precompiled one when it was generated from this very
 * schema (a catalogue of one's own gets its own), else compiled now with ajv.
 */
export function validatorFor(schema: object): ValidateFunction {
  precompiled ??= loadPrecompiled();
  if (precompiled && precompiled.schemaHash === schemaHash(schema)) return precompiled.default;
  return new (modules.ajv())(AJV_OPTIONS).compile(compilableSchema(schema));
}
