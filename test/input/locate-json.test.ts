import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { indexJson, spotAt, type Spot } from '../../src/input/locate-json.js';
import { pointerOf } from '../../src/input/model.js';

const count = (spot: Spot): number => 1 + (spot.children ? [...spot.children.values()].reduce((n, c) => n + count(c), 0) : 0);

/** Every path of a tree, as jsonc-parser sees it: the reference the one-pass index is checked against. */
function paths(node: Node, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (node.type === 'object') for (const property of node.children ?? []) paths(property.children![1]!, [...path, property.children![0]!.value as string], out);
  if (node.type === 'array') (node.children ?? []).forEach((child, i) => paths(child, [...path, i], out));
  return out;
}

const layouts = fc.constantFrom(0, 2, '\t', ' \r\n ');

describe('the JSON position index', () => {
  it('gives every value and key the offset jsonc-parser gives it, for any JSON in any layout', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), layouts, (value, space) => {
        const text = JSON.stringify(value, null, space as string | number);
        const root = parseTree(text)!;
        const index = indexJson(text);
        const unique = new Map(paths(root).map((p) => [pointerOf(p), p]));
        for (const [pointer, path] of unique) {
          const node = findNodeAtLocation(root, path)!;
          const spot = spotAt(index, path.map(String));
          expect(spot?.value, pointer).toBe(node.offset);
          expect(spot?.key, pointer).toBe(node.parent?.type === 'property' ? node.parent.offset : -1);
        }
        expect(count(index)).toBe(unique.size);
      }),
      { seed: 15, numRuns: 400 },
    );
  });

  it('reads escaped keys and keys that need pointer escaping', () => {
    const text = '{"a/b": {"x~y": [1, {"\\u0041\\"": true}]}, "": null}';
    const index = indexJson(text);
    expect(spotAt(index, ['a/b', 'x~y', '1', 'A"'])!.value).toBe(text.indexOf('true'));
    expect(spotAt(index, [''])!.value).toBe(text.indexOf('null'));
    expect(spotAt(index, ['a/b', 'x~y', '0'])!.value).toBe(text.indexOf('1'));
    expect(spotAt(index, ['a/b', 'x~y', '01'])).toBeUndefined();
    expect(spotAt(index, ['a/b', 'x~y', '2'])).toBeUndefined();
  });
});
