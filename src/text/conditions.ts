import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import { OPERATORS, THRESHOLD_FACT, type Condition } from '../rules/model.js';
import { formatValue } from './values.js';
import { WORDS } from './words.js';

/** The words of `explain`: a rule's conditions, thresholds and trace, in either language. */
export const EXPLAIN_WORDS = {
  zh: { category: '类别', severity: '严重性', error: '错误', warning: '警告', source: '依据', all: '条件（须全部满足）', any: '条件（满足其一即可）', none: '不满足以下条件', thresholds: '各方案阈值', notIn: '不适用（该方案未设此规则）', noThreshold: '无阈值，适用', note: '说明', trace: '评价过程', notEvaluated: '未评价（短路）', current: '本年', selected: '当前方案' },
  en: { category: 'category', severity: 'severity', error: 'error', warning: 'warning', source: 'basis', all: 'conditions (all must hold)', any: 'conditions (any one suffices)', none: 'none of these may hold', thresholds: 'thresholds per profile', notIn: 'not in this profile', noThreshold: 'no threshold; applies', note: 'note', trace: 'evaluation trace', notEvaluated: 'not evaluated (short-circuited)', current: 'current', selected: 'selected' },
} as const;

const UI = EXPLAIN_WORDS;

function bracket(text: string, note: string, lang: Lang): string {
  return lang === 'zh' ? `${text}（${note}）` : `${text} (${note})`;
}

function sideText(ref: unknown, catalogue: Catalogue, lang: Lang): string {
  if (ref !== null && typeof ref === 'object' && 'fact' in ref) {
    const r = ref as { fact: string; path?: string; params?: Record<string, unknown> };
    if (r.fact === THRESHOLD_FACT) return String(r.params?.name ?? 'T');
    const name = catalogue.get(r.fact)?.name[lang] ?? r.fact;
    const field = r.path?.slice(2);
    if (field === 'previous') return bracket(name, WORDS[lang].previousYear, lang);
    if (field === 'change' || field === 'changePct') return name + WORDS[lang][field];
    if (field === 'current') return bracket(name, UI[lang].current, lang);
    return name;
  }
  return formatValue(ref, null, catalogue, lang);
}

/** A rule's conditions as indented lines: "• 学前三年毛入园率 ≥ T". */
export function conditionLines(condition: Condition, catalogue: Catalogue, lang: Lang, indent: string): string[] {
  if ('all' in condition || 'any' in condition || 'not' in condition) {
    const [word, list] = 'all' in condition ? [UI[lang].all, condition.all] : 'any' in condition ? [UI[lang].any, condition.any] : [UI[lang].none, [condition.not]];
    return [`${indent}${word}`, ...list.flatMap((c) => conditionLines(c, catalogue, lang, indent + '  '))];
  }
  const left = sideText({ fact: condition.fact, path: condition.path }, catalogue, lang);
  const op = OPERATORS[condition.operator as keyof typeof OPERATORS] ?? condition.operator;
  return [`${indent}• ${left} ${op} ${sideText(condition.value, catalogue, lang)}`];
}

