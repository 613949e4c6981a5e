import type { Catalogue, Indicator, Lang } from '../catalogue/catalogue.js';
import { WORDS } from './words.js';
import { msg } from './messages.js';

const formats = new Map<number, Intl.NumberFormat>();

function numberFormat(digits: number): Intl.NumberFormat {
  let format = formats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: true });
    formats.set(digits, format);
  }
  return format;
}

/** Digits shown by default: two decimals, three for small coefficients and ratios (0.515). */
function defaultDigits(value: number): number {
  return Math.abs(value) < 1 && value !== 0 ? 3 : 2;
}

export function formatNumber(value: number, digits = defaultDigits(value)): string {
  // whole numbers are grouped by threes as Intl's en-US grouping does, without loading Intl's number data
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (value > -1000 && value < 1000 && !Object.is(value, -0)) {
    // no grouping below 1,000, and no rounding when the shortest decimal form has no more digits than allowed:
    // that form is what Intl would print
    const shown = String(value);
    const point = shown.indexOf('.');
    if (!shown.includes('e') && point !== -1 && shown.length - point - 1 <= digits) return shown;
  }
  return numberFormat(digits).format(value);
}

/**
 * Formats two numbers that are compared, with enough decimals that different values never print the
 * same (99.996 against 100 must not read "100% < 100%").
 */
export function formatPair(a: number, b: number): [string, string] {
  let digits = Math.max(defaultDigits(a), defaultDigits(b));
  for (; digits < 12; digits++) {
    const pair: [string, string] = [formatNumber(a, digits), formatNumber(b, digits)];
    if (a === b || pair[0] !== pair[1]) return pair;
  }
  return [String(a), String(b)];
}

export function withUnit(text: string, unit: string | null, catalogue: Catalogue, lang: Lang): string {
  if (!unit) return text;
  const shown = catalogue.units[unit];
  if (!shown || shown[lang] === '') return text;
  return shown.suffix ? `${text}${shown[lang]}` : `${text} ${shown[lang]}`;
}

export function formatValue(value: unknown, unit: string | null, catalogue: Catalogue, lang: Lang): string {
  if (typeof value === 'boolean') return value ? WORDS[lang].yes : WORDS[lang].no;
  if (typeof value === 'number') return withUnit(formatNumber(value), unit, catalogue, lang);
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}

/** The unit of a yoy field: growth is a percentage, a change of a percentage is in points. */
export function unitOfField(indicator: Indicator, field: string | undefined): string | null {
  if (field === 'changePct') return 'percent';
  if (field === 'change' && indicator.unit === 'percent') return 'percentage_points';
  return indicator.unit;
}

/** A unit as a word for listings: its written form, or for unitless ratios and coefficients their name. */
export function unitName(unit: string | null, catalogue: Catalogue, lang: Lang): string {
  if (!unit) return '';
  const shown = catalogue.units[unit]?.[lang];
  if (shown) return shown;
  if (unit === 'ratio' || unit === 'coefficient') return msg(lang, `term.unit.${unit}`);
  return unit;
}

/** Columns as a terminal shows them: CJK characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
