import { distance } from 'fastest-levenshtein';

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

/** ` (did you mean "a" or "b"?)`, or nothing for no suggestion. */
export function suggestion(found: readonly string[]): string {
  return found.length ? ` (did you mean ${found.map((c) => `"${c}"`).join(' or ')}?)` : '';
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  return suggestion(nearest(word, candidates));
}
