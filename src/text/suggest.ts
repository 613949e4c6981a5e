import { distance } from 'fastest-levenshtein';
import type { Lang } from '../catalogue/catalogue.js';
import { msg, quoted } from './messages.js';

/** The candidates nearest to a word, all of them when tied, if they are close enough to be a typo of it. */
export function nearest(word: string, candidates: readonly string[]): string[] {
  let best = Math.max(2, Math.floor(word.length / 3));
  let found: string[] = [];
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < best) {
      best = d;
      found = [candidate];
    } else if (d === best && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

/** ` (did you mean "a" or "b"?)` / `（是否想写 “a”或“b”？）`, or nothing for no suggestion. */
export function suggestion(found: readonly string[], lang: Lang): string {
  if (found.length === 0) return '';
  return msg(lang, 'suggest.did-you-mean', { names: found.map((c) => quoted(lang, c)).join(msg(lang, 'suggest.or')) });
}

export function didYouMean(word: string, candidates: readonly string[], lang: Lang): string {
  return suggestion(nearest(word, candidates), lang);
}
