import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import { THRESHOLD_FACT, type Condition, type Profile, type Rule } from '../rules/model.js';
import { formatValue, unitOfField } from '../text/values.js';
import type { Noun } from './layout.js';
import type { Level, Problem } from './model.js';
import { QUANTIFIER_WORDS, type Quantifier } from './quantifier.js';

export interface SentenceContext {
  lang: Lang;
  catalogue: Catalogue;
  profile: Profile;
  names: Record<string, string>;
}

/** A rule's title in Chinese prose: full-width punctuation, the ratio colon between numbers ("1∶15"). */
export function chinesePunctuation(text: string): string {
  return text
    .replace(/(\d)\s*:\s*(\d)/g, '$1∶$2')
    .replace(/\s*;\s*/g, '；')
    .replace(/\s*,\s*/g, '，')
    .replace(/\s*\(\s*/g, '（')
    .replace(/\s*\)\s*/g, '）')
    .replace(/\s*:\s*/g, '：');
}

/** How many regions a list names before "等N个地区". */
const NAMED = 10;

/** The report's nouns: 市/县 for regions, and the kinds of schools, staff and pupils it quantifies. */
export const NOUN_WORDS: Record<Exclude<Noun, 'region' | 'aggregate'> | Level | 'city+county', Record<Lang, string>> = {
  city: { zh: '市', en: 'cities' },
  county: { zh: '县', en: 'counties' },
  'city+county': { zh: '市、县', en: 'cities and counties' },
  place: { zh: '地方', en: 'places' },
  school: { zh: '学校', en: 'schools' },
  'primary-secondary': { zh: '中小学校', en: 'primary and secondary schools' },
  'urban-school': { zh: '城镇中小学校', en: 'urban primary and secondary schools' },
  'rural-school': { zh: '乡村学校', en: 'rural schools' },
  'boarding-school': { zh: '寄宿制学校', en: 'boarding schools' },
  kindergarten: { zh: '幼儿园', en: 'kindergartens' },
  'vocational-school': { zh: '职业院校', en: 'vocational schools' },
  'vocational-secondary': { zh: '职业学校', en: 'vocational schools' },
  guard: { zh: '学校安保人员', en: 'school security guards' },
  pupil: { zh: '学生', en: 'pupils' },
};

const ORDINALS: Record<Lang, string[]> = {
  zh: ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'],
  en: ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'],
};

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  // "A county centre…" and "Most…" lower their first letter; acronyms ("GPB…") and the Party keep theirs
  if (/^Party\b/.test(text)) return `the ${text}`;
  return /^[A-Z](?:[a-z]|\s)/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** A result as a clause after "In most cities,": a title without a verb ("No breach of…") reads "there was no breach of…". */
function asClause(title: string): string {
  const text = lowerFirst(title);
  return /^no\b/.test(text) ? `there was ${text}` : text;
}

/** A county as people write it: with its city once ("济南市历城区"), not twice ("潍坊滨海经济技术开发区"). */
export function countyDisplayName(city: string, county: string): string {
  const stem = city.replace(/市$/, '');
  return stem.length > 0 && county.startsWith(stem) ? county : city + county;
}

/** "学前三年毛入园率低于90%": the profile's threshold, with the unit of the condition that reads it. */
export function fillThreshold(template: string, rule: Rule, context: Omit<SentenceContext, 'names'>): string {
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
    if (number === undefined) return [];
    const indicator = context.catalogue.get(leaf.fact);
    return [formatValue(number, indicator ? unitOfField(indicator, leaf.path?.slice(2)) : null, context.catalogue, context.lang)];
  });
  return template.replaceAll('{threshold}', texts.join(context.lang === 'zh' ? '、' : ', ') || (context.lang === 'zh' ? '规定标准' : 'the standard'));
}

export function regionList(codes: readonly string[], context: Pick<SentenceContext, 'lang' | 'names'>): string {
  const shown = codes.slice(0, NAMED).map((code) => context.names[code] ?? code);
  const separator = context.lang === 'zh' ? '、' : ', ';
  const rest = codes.length - shown.length;
  if (rest <= 0) return shown.join(separator);
  return context.lang === 'zh' ? `${shown.join(separator)}等${codes.length}个地区` : `${shown.join(separator)} and ${rest} more`;
}

function quantified(word: Quantifier, noun: string, lang: Lang): string {
  return lang === 'zh' ? `${QUANTIFIER_WORDS[word].zh}${noun}` : `${QUANTIFIER_WORDS[word].en} ${noun}`;
}

/**
 * The subject of a region statement: one level ("部分县"), both with one word ("部分市、县"), or both with
 * their own words ("个别市和部分县"); 各 takes 均 when every level that speaks is 各 ("各市、县均").
 */
export function regionSubject(words: Partial<Record<Level, Quantifier>>, lang: Lang): string {
  const { city, county } = words;
  const all = (!city || city === 'all') && (!county || county === 'all');
  const tail = lang === 'zh' && all ? ALL_MARK : '';
  if (city && county && city === county) return quantified(city, NOUN_WORDS['city+county'][lang], lang) + tail;
  const parts = (['city', 'county'] as const).flatMap((level) => (words[level] ? [quantified(words[level]!, NOUN_WORDS[level][lang], lang)] : []));
  return parts.join(lang === 'zh' ? '和' : ' and ') + tail;
}

/** 均 after 各…: kept before a verb ("各市、县均存在…"), dropped before a noun ("各市学前三年毛入园率…"). */
const ALL_MARK = '\u0000均';
const VERB_START = /^(存在|未|发生|没有|不|仍|落实|实现|建立|设立|达到|按|保证|开齐|安装|配备|实行)/;

export function settleAll(subject: string, predicate: string): string {
  if (!subject.endsWith(ALL_MARK)) return subject;
  return subject.slice(0, -ALL_MARK.length) + (VERB_START.test(predicate) ? '均' : '');
}

/** The subject of a statement about schools, kindergartens, staff, pupils or places: "部分学校", "多数学生". */
export function unitSubject(word: Quantifier, noun: Exclude<Noun, 'region' | 'aggregate'>, lang: Lang): string {
  return quantified(word, NOUN_WORDS[noun][lang], lang);
}

/** A problem phrase split into what follows the subject; an English phrase names its subject `{who}` first. */
export function predicateOf(phrase: string, lang: Lang): { predicate: string; standalone: boolean } {
  if (lang === 'zh') return { predicate: phrase.replace('{who}', ''), standalone: false };
  if (phrase.startsWith('{who} ')) return { predicate: phrase.slice('{who} '.length), standalone: false };
  return { predicate: phrase, standalone: true };
}

/** One statement: "部分县学前三年毛入园率低于90%" / "Some counties have … below 90%". */
export function clause(subject: string, predicate: string, lang: Lang): string {
  if (!subject) return predicate;
  return lang === 'zh' ? settleAll(subject, predicate) + predicate : `${subject} ${predicate}`;
}

export function sentence(text: string, lang: Lang): string {
  return lang === 'zh' ? `${text}。` : `${upperFirst(text)}.`;
}

function joinPredicates(predicates: readonly string[], lang: Lang): string {
  if (lang === 'zh') return predicates.join('，');
  if (predicates.length <= 1) return predicates.join('');
  return `${predicates.slice(0, -1).join(', ')} and ${predicates.at(-1)}`;
}

/**
 * The clauses of one topic: statements with the same subject side by side share it, as the reports write
 * "部分县公办幼儿园占比、普惠性幼儿园覆盖率未达到规定要求"; with names, each statement keeps its own list.
 */
export function topicClauses(problems: readonly Problem[], context: Pick<SentenceContext, 'lang' | 'names'>, withNames: boolean): string[] {
  const { lang } = context;
  const out: { subject: string; predicates: string[]; names: string }[] = [];
  for (const problem of problems) {
    const names = withNames && problem.failing.length > 0 ? (lang === 'zh' ? `（${regionList(problem.failing, context)}）` : ` (${regionList(problem.failing, context)})`) : '';
    const last = out.at(-1);
    if (last && !withNames && problem.subject && last.subject === problem.subject) last.predicates.push(problem.predicate);
    else out.push({ subject: problem.subject, predicates: [problem.predicate], names });
  }
  return out.map((c) => clause(c.subject, joinPredicates(c.predicates, lang), lang) + c.names);
}

/** A section's prose: topics in order, each "一是…；…。" in a report that enumerates, else "…；…。". */
export function sectionText(topics: readonly string[][], enumerate: boolean, lang: Lang): string {
  const shown = topics.filter((t) => t.length > 0);
  if (lang === 'zh') return shown.map((clauses, i) => `${enumerate ? `${ORDINALS.zh[i] ?? i + 1}是` : ''}${clauses.join('；')}。`).join('');
  return shown.map((clauses, i) => (enumerate ? `${ORDINALS.en[i] ?? `${i + 1}.`}, ${clauses.join('; ')}.` : `${upperFirst(clauses.join('; '))}.`)).join(' ');
}

/** "一是…二是…" for the requirements of a report that enumerates them. */
export function ordinal(index: number, lang: Lang): string {
  return lang === 'zh' ? `${ORDINALS.zh[index] ?? index + 1}是` : `${ORDINALS.en[index] ?? `${index + 1}.`}, `;
}

/** Praise of a few results sharing one subject: "各市和多数县A，B。" / "In all cities and most counties, A and B." */
export function praiseSentence(subject: string, texts: readonly string[], lang: Lang): string {
  if (lang === 'zh') return `${settleAll(subject, texts[0] ?? '')}${texts.join('，')}。`;
  return `In ${subject}, ${joinPredicates(texts.map(asClause), lang)}.`;
}

/** "确保A、B等" / "in particular: a; b": the requirements a failing section calls for, at most a few named. */
export function requirementFocus(titles: readonly string[], lang: Lang, most = 4): string {
  const shown = titles.slice(0, most);
  const more = titles.length > shown.length;
  if (lang === 'zh') return `重点确保${shown.join('，')}${more ? '等' : ''}`;
  return `in particular: ${shown.map(lowerFirst).join('; ')}${more ? '; and more' : ''}`;
}
