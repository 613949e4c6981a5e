import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { Evidence } from '../engine/model.js';
import { formatPair, formatValue, unitOfField, withUnit } from './values.js';
import { WORDS } from './words.js';

const NEGATED: Record<string, string> = { '>=': '<', '<=': '>', '==': '≠', '!=': '=', '>': '≤', '<': '≥' };
const SHOWN: Record<string, string> = { '>=': '≥', '<=': '≤', '==': '=', '!=': '≠', '>': '>', '<': '<' };

/** "学前三年毛入园率", "一般公共预算教育支出较上年增幅". */
export function evidenceLabel(evidence: Evidence, catalogue: Catalogue, lang: Lang): string {
  const indicator = catalogue.get(evidence.indicator);
  const name = indicator ? indicator.name[lang] : evidence.indicator;
  switch (evidence.field) {
    case 'change':
      return name + WORDS[lang].change;
    case 'changePct':
      return name + WORDS[lang].changePct;
    case 'previous':
      return name + WORDS[lang].previous;
    default:
      return name;
  }
}

/** The two sides of a comparison as text, with units, never printing different numbers the same. */
export function evidenceSides(evidence: Evidence, catalogue: Catalogue, lang: Lang): { actual: string; expected: string } {
  const indicator = catalogue.get(evidence.indicator);
  const unit = indicator ? unitOfField(indicator, evidence.field) : null;
  const from = evidence.expectedFrom;
  const expectedField = from === 'threshold' || from === 'constant' ? evidence.field : from;
  const expectedUnit = indicator ? unitOfField(indicator, expectedField) : null;
  let actual: string;
  let expected: string;
  if (typeof evidence.actual === 'number' && typeof evidence.expected === 'number') {
    const [a, e] = formatPair(evidence.actual, evidence.expected);
    actual = withUnit(a, unit, catalogue, lang);
    expected = withUnit(e, expectedUnit, catalogue, lang);
  } else {
    actual = formatValue(evidence.actual, unit, catalogue, lang);
    expected = formatValue(evidence.expected, expectedUnit, catalogue, lang);
  }
  if (evidence.expectedFrom === 'previous') expected = `${WORDS[lang].previousYear} ${expected}`;
  return { actual, expected };
}

/** A failed equality between numbers reads as the side it missed on: "85.72% < 100%", "3 所 > 0 所". */
function failedOperator(evidence: Evidence): string {
  const { actual, expected, operator } = evidence;
  if (operator === '==' && typeof actual === 'number' && typeof expected === 'number') return actual < expected ? '<' : '>';
  return NEGATED[operator] ?? operator;
}

/** One condition as a line a person reads: "学前三年毛入园率 87.5% < 90%". */
export function evidenceText(evidence: Evidence, catalogue: Catalogue, lang: Lang): string {
  const label = evidenceLabel(evidence, catalogue, lang);
  if (evidence.actual === null && !evidence.evaluated) return `${label}${WORDS[lang].colon}${WORDS[lang].missingData}`;
  const { actual, expected } = evidenceSides(evidence, catalogue, lang);
  if (typeof evidence.actual === 'boolean' || typeof evidence.expected === 'boolean') {
    if (evidence.passed !== false) return `${label}${WORDS[lang].colon}${actual}`;
    return lang === 'zh' ? `${label}：${actual}（应为${expected}）` : `${label}: ${actual} (expected ${expected})`;
  }
  const operator = evidence.passed === false ? failedOperator(evidence) : SHOWN[evidence.operator] ?? evidence.operator;
  return `${label} ${actual} ${operator} ${expected}`;
}

export interface MessageValues {
  region: string;
  code: string;
  evidence: Evidence[];
}

/** Fills a rule's message template; the placeholders were checked when the rule was loaded. */
export function renderTemplate(template: string, values: MessageValues, catalogue: Catalogue, lang: Lang): string {
  const failing = values.evidence.filter((e) => e.passed === false);
  const shown = failing.length > 0 ? failing : values.evidence;
  const first = shown[0];
  const sides = first ? evidenceSides(first, catalogue, lang) : { actual: '—', expected: '—' };
  const fill: Record<string, string> = {
    region: values.region,
    code: values.code,
    indicator: first ? evidenceLabel(first, catalogue, lang) : '',
    actual: sides.actual,
    expected: sides.expected,
    operator: first ? first.operator : '',
    detail: shown.map((e) => evidenceText(e, catalogue, lang)).join(WORDS[lang].listSeparator),
  };
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => fill[name] ?? whole);
}
