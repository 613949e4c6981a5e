import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choosePraiseQuantifier, chooseQuantifier, QUANTIFIERS, QuantifierScale } from '../../src/report/quantifier.js';
import { SEED } from '../support/context.js';

describe('choosing the report’s quantifier', () => {
  it('maps 16 cities as BACKGROUND-report-map §1.3 says: 1–2 个别, 3–8 部分, 9–10 多数, 11–15 大多数, 16 各', () => {
    const words = Array.from({ length: 17 }, (_, k) => chooseQuantifier(k, 16));
    expect(words).toEqual([
      undefined,
      'few', 'few',
      'some', 'some', 'some', 'some', 'some', 'some',
      'majority', 'majority',
      'vast-majority', 'vast-majority', 'vast-majority', 'vast-majority', 'vast-majority',
      'all',
    ]);
  });

  it('holds each boundary for 153 counties', () => {
    expect(chooseQuantifier(2, 153)).toBe('few');
    expect(chooseQuantifier(3, 153)).toBe('some');
    expect(chooseQuantifier(76, 153)).toBe('some'); // 0.497: not more than half
    expect(chooseQuantifier(77, 153)).toBe('majority'); // 0.503
    expect(chooseQuantifier(101, 153)).toBe('majority'); // 0.660
    expect(chooseQuantifier(102, 153)).toBe('vast-majority'); // exactly 2/3
    expect(chooseQuantifier(152, 153)).toBe('vast-majority');
    expect(chooseQuantifier(153, 153)).toBe('all');
  });

  it('needs both a small count and a small share for 个别', () => {
    expect(chooseQuantifier(2, 10)).toBe('few'); // 0.2
    expect(chooseQuantifier(2, 9)).toBe('some'); // 0.22
    expect(chooseQuantifier(1, 4)).toBe('some'); // one of four is a quarter
    expect(chooseQuantifier(1, 1)).toBe('all');
    expect(chooseQuantifier(0, 0)).toBeUndefined();
  });

  it('uses 普遍 only when the scale turns it on, and honours other cut-offs', () => {
    expect(chooseQuantifier(15, 16)).toBe('vast-majority');
    const scale = QuantifierScale.parse({ widespread: 0.9, fewCount: 3, fewShare: 0.25 });
    expect(chooseQuantifier(15, 16, scale)).toBe('widespread');
    expect(chooseQuantifier(3, 16, scale)).toBe('few');
    expect(() => QuantifierScale.parse({ majorty: 0.5 })).toThrow();
  });

  it('never gives a weaker word for more failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (n, a, b) => {
        const [k1, k2] = [Math.min(a, b, n), Math.min(Math.max(a, b), n)];
        const w1 = chooseQuantifier(k1, n);
        const w2 = chooseQuantifier(k2, n);
        if (w1 && w2) expect(QUANTIFIERS.indexOf(w2)).toBeLessThanOrEqual(QUANTIFIERS.indexOf(w1));
        if (w1) expect(w2).toBeDefined();
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('praises with 各 when all pass and 多数 when more than half do', () => {
    expect(choosePraiseQuantifier(16, 16)).toBe('all');
    expect(choosePraiseQuantifier(128, 130)).toBe('majority');
    expect(choosePraiseQuantifier(9, 16)).toBe('majority');
    expect(choosePraiseQuantifier(8, 16)).toBeUndefined();
    expect(choosePraiseQuantifier(0, 0)).toBeUndefined();
  });
});
