import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import { THRESHOLD_FACT, type Condition, type Profile, type Rule } from '../rules/model.js';
import { formatValue, unitOfField } from '../text/values.js';
import type { Level, Praise, Problem } from './model.js';
import { QUANTIFIER_WORDS, type Quantifier } from './quantifier.js';

export interface SentenceContext {
  lang: Lang;
  catalogue: Catalogue;
  profile: Profile;
  names: Record<string, string>;
}

/** How many failing regions a sentence names before "等N个". */
const NAMED = 10;

const NOUNS: Record<Level | 'city+county', Record<Lang, string>> = {
  city: { zh: '市', en: 'cities' },
  county: { zh: '县', en: 'counties' },
  'city+county': { zh: '市、县', en: 'cities and counties' },
};

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  // "A county centre…" and "Most…" lower their first letter; acronyms ("GPB…") keep theirs
  return /^[A-Z](?:[a-z]|\s)/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** "学前三年毛入园率未达到90%": the profile's threshold, with the unit of the condition that reads it. */
export function fillThreshold(template: string, rule: Rule, context: SentenceContext): string {
  if (!template.includes('{threshold}')) return template;
  const leaves: { fact: string; path?: string; value: unknown }[] = [];
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else leaves.push(c);
  };
  walk(rule.definition.conditions as Condition);
  const texts = leaves.flatMap((leaf) => {
    const value = leaf.value as { fact?: string; params?: { name?: string } } | null;
    if (!value || value.fact !== THRESHOLD_FACT) return [];
    const number = context.profile.thresholds[rule.id]?.[String(value.params?.name)];
    const indicator = context.catalogue.get(leaf.fact);
    return [formatValue(number, indicator ? unitOfField(indicator, leaf.path?.slice(2)) : null, context.catalogue, context.lang)];
  });
  return template.replaceAll('{threshold}', texts.join(context.lang === 'zh' ? '、' : ', '));
}

export function regionList(codes: readonly string[], context: Pick<SentenceContext, 'lang' | 'names'>): string {
  const shown = codes.slice(0, NAMED).map((code) => context.names[code] ?? code);
  const separator = context.lang === 'zh' ? '、' : ', ';
  const rest = codes.length - shown.length;
  if (rest <= 0) return shown.join(separator);
  return context.lang === 'zh' ? `${shown.join(separator)}等${codes.length}个地区` : `${shown.join(separator)} and ${rest} more`;
}

function quantified(word: Quantifier, noun: string, lang: Lang): { before: string; after: string } {
  if (lang === 'zh') return word === 'all' ? { before: `各${noun}`, after: '均' } : { before: `${QUANTIFIER_WORDS[word].zh}${noun}`, after: '' };
  return { before: `${QUANTIFIER_WORDS[word].en} ${noun}`, after: '' };
}

/** "部分县学前三年毛入园率未达到90%（济南市历城区、…）。" / "Preschool gross enrolment is below 90% in some counties (…)." */
export function problemSentence(problem: Problem, rule: Rule, context: SentenceContext): string {
  const { lang } = context;
  const phrase = fillThreshold(rule.meta.problem[lang], rule, context);
  const { before, after } = quantified(problem.quantifier, NOUNS[problem.level][lang], lang);
  const regions = regionList(problem.failing, context);
  if (lang === 'zh') return `${before}${after}${phrase}（${regions}）。`;
  return `${upperFirst(phrase)} in ${before} (${regions}).`;
}

function praiseSubject(quantifier: Praise['quantifier'], lang: Lang): string {
  const { city, county } = quantifier;
  if (city && county && city === county) return quantified(city, NOUNS['city+county'][lang], lang).before;
  const parts = (['city', 'county'] as const).flatMap((level) => {
    const word = quantifier[level];
    return word ? [quantified(word, NOUNS[level][lang], lang).before] : [];
  });
  return parts.join(lang === 'zh' ? '和' : ' and ');
}

/** "各市和多数县学前三年毛入园率达到规定标准。" */
export function praiseSentence(praise: Pick<Praise, 'quantifier' | 'title'>, context: Pick<SentenceContext, 'lang'>): string {
  return praiseGroupSentence(praise.quantifier, [praise.title], context);
}

/** Several achievements with the same quantifiers in one sentence, as the reports write them. */
export function praiseGroupSentence(quantifier: Praise['quantifier'], titles: readonly string[], context: Pick<SentenceContext, 'lang'>): string {
  const { lang } = context;
  const subject = praiseSubject(quantifier, lang);
  if (lang === 'zh') return `${subject}${titles.join('，')}。`;
  return `In ${subject}: ${titles.map(lowerFirst).join('; ')}.`;
}
