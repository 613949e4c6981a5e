import type { Catalogue, Indicator, Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import { formatNumber, withUnit } from '../text/values.js';
import { regionsOf, segmentsOf, type IndicatorFile, type InputProblem, type RegionRecord, type YoyValue } from './model.js';
import type { Locator } from './parse.js';

/**
 * Slips a clerk makes in one value that the schema cannot see: a percent typed as a fraction (0.95 for 95),
 * a year-over-year pair in two different money units (元 against 万元), a count that is not whole. Each is a
 * warning at the value's own cell with the value it probably should be; the value is scored as given.
 */
export interface SlipContext {
  catalogue: Catalogue;
  lang: Lang;
  locator?: Locator;
  /** The largest profile threshold a rule compares each indicator with. */
  thresholds?: ReadonlyMap<string, number>;
}

/** Factors between units a clerk may confuse: a decimal place, a fraction of 100, 元/万元/亿元. */
const FACTORS = [10, 100, 10_000];
/** How near a ratio must come to a factor (in orders of magnitude) to read as a slip: about ±25%. */
const NEAR = Math.log10(1.25);

interface Place {
  region: RegionRecord;
  indicator: Indicator;
  field?: 'current' | 'previous';
  value: number;
}

const distance = (a: number, b: number) => Math.abs(Math.log10(a / b));

/**
 * Whether 100 × value lands near the reference (within a factor of 3) and stays a possible percent. Only a
 * reference of 10% or more counts: below it, rates of 0.5% (a dropout rate, a share of large classes) are real.
 */
function readsAsFraction(value: number, reference: number, indicator: Indicator): boolean {
  const max = indicator.range?.max ?? 100;
  return value > 0 && value <= 1 && reference >= 10 && value * 100 <= max && distance(value * 100, reference) < Math.log10(3);
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function valueOf(region: RegionRecord, indicator: Indicator, field?: 'current' | 'previous'): number | undefined {
  const value = region.indicators[indicator.id];
  if (field) return typeof value === 'object' ? (value as YoyValue)[field] : undefined;
  return typeof value === 'number' ? value : undefined;
}

const YOY_FIELDS = ['current', 'previous'] as const;
const NO_FIELD = [undefined] as const;

export function slipWarnings(file: IndicatorFile, context: SlipContext): InputProblem[] {
  const regions = regionsOf(file);
  const problems: InputProblem[] = [];
  const warn = (place: Place, code: string, message: string) => {
    const path = `${place.region.pointer}/${place.indicator.id}${place.field ? `/${place.field}` : ''}`;
    problems.push({ path, code, message, ...(context.locator?.locate(segmentsOf(path)) ?? {}) });
  };
  for (const indicator of context.catalogue.indicators) {
    const percent = indicator.unit === 'percent';
    const count = indicator.kind === 'count';
    const yoy = indicator.kind === 'yoy';
    // a value of any other kind (a flag, an amount that is neither a share nor a count) has no slip to look for
    if (!percent && !count && !yoy) continue;
    const fields = yoy ? YOY_FIELDS : NO_FIELD;
    for (const region of regions) {
      let flagged = false;
      for (const field of fields) {
        const value = valueOf(region, indicator, field);
        if (value === undefined) continue;
        const place = { region, indicator, ...(field ? { field } : {}), value };
        const fraction = percent ? fractionSlip(place, regions, context) : undefined;
        if (fraction) {
          flagged = true;
          warn(place, 'slip-percent', fraction);
        } else if (count && !Number.isInteger(value)) {
          warn(place, 'slip-count', msg(context.lang, 'slip.count', { value: formatNumber(value, 6), likely: Math.round(value) }));
        }
      }
      if (yoy && !flagged) unitSlip(region, indicator, regions, context, warn);
    }
  }
  return problems;
}

/** A percent ≤ 1 where the previous year, the other regions or the threshold say the indicator runs above 1. */
function fractionSlip(place: Place, regions: RegionRecord[], context: SlipContext): string | undefined {
  const { indicator, value, region } = place;
  // only a share in (0, 1] can be a fraction typed for a percentage: every other value is settled before any median
  if (!(value > 0 && value <= 1)) return undefined;
  const { lang } = context;
  const likely = () => formatNumber(value * 100);
  const shown = () => formatNumber(value);
  if (place.field === 'current') {
    const previous = valueOf(region, indicator, 'previous');
    if (previous !== undefined && readsAsFraction(value, previous, indicator)) return msg(lang, 'slip.percent-previous', { value: shown(), previous: formatNumber(previous), likely: likely() });
  }
  const others = median(regions.filter((r) => r !== region).map((r) => valueOf(r, indicator, place.field)).filter((v): v is number => v !== undefined));
  if (others !== undefined && readsAsFraction(value, others, indicator)) return msg(lang, 'slip.percent-regions', { value: shown(), median: formatNumber(others), likely: likely() });
  const threshold = context.thresholds?.get(indicator.id);
  if (threshold !== undefined && readsAsFraction(value, threshold, indicator)) return msg(lang, 'slip.percent-threshold', { value: shown(), threshold: formatNumber(threshold), likely: likely() });
  return undefined;
}

/** Current and previous a factor of 10, 100 or 10,000 apart: the one further from the other regions is the slip. */
function unitSlip(region: RegionRecord, indicator: Indicator, regions: RegionRecord[], context: SlipContext, warn: (place: Place, code: string, message: string) => void): void {
  const current = valueOf(region, indicator, 'current');
  const previous = valueOf(region, indicator, 'previous');
  if (!current || !previous || current < 0 || previous < 0) return;
  const ratio = Math.max(current, previous) / Math.min(current, previous);
  const factor = FACTORS.find((f) => distance(ratio, f) < NEAR);
  if (factor === undefined) return;
  const typical = median(regions.filter((r) => r !== region).flatMap((r) => [valueOf(r, indicator, 'current'), valueOf(r, indicator, 'previous')]).filter((v): v is number => v !== undefined && v > 0));
  const slipped: 'current' | 'previous' = typical !== undefined && distance(previous, typical) > distance(current, typical) ? 'previous' : 'current';
  const value = slipped === 'current' ? current : previous;
  const other = slipped === 'current' ? previous : current;
  const likely = value > other ? value / factor : value * factor;
  const unit = (n: number) => withUnit(formatNumber(n), indicator.unit, context.catalogue, context.lang);
  warn({ region, indicator, field: slipped, value }, 'slip-unit', msg(context.lang, slipped === 'current' ? 'slip.unit-current' : 'slip.unit-previous', { value: unit(value), other: unit(other), factor: formatNumber(factor), likely: unit(likely) }));
}
