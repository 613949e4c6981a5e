import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/text/values.js';

const formats = new Map<number, Intl.NumberFormat>();
const intl = (value: number, digits: number) => {
  if (!formats.has(digits)) formats.set(digits, new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: true }));
  return formats.get(digits)!.format(value);
};

describe('formatNumber', () => {
  it('prints what Intl prints (grouping, rounding) for any number and digits, its shortcuts included', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 12 }), (value, digits) => {
        fc.pre(!Object.is(value, -0));
        expect(formatNumber(value, digits)).toBe(intl(value, digits));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), fc.integer({ min: 0, max: 4 }), (value, digits) => {
        fc.pre(!Object.is(value, -0));
        expect(formatNumber(value, digits)).toBe(intl(value, digits));
      }),
      { numRuns: 1000 },
    );
    // decimals as people type them: few places, often more than allowed
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (n, scale, digits) => {
        const value = n / 10 ** scale;
        fc.pre(!Object.is(value, -0));
        expect(formatNumber(value, digits)).toBe(intl(value, digits));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds where the value has more decimals than allowed, and groups from 1,000', () => {
    expect(formatNumber(86.79)).toBe('86.79');
    expect(formatNumber(86.796)).toBe('86.8');
    expect(formatNumber(1.005, 2)).toBe(intl(1.005, 2));
    expect(formatNumber(1499.5)).toBe('1,499.5');
    expect(formatNumber(-1.81)).toBe('-1.81');
  });
});
