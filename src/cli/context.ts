import { distance } from 'fastest-levenshtein';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { loadRuleSet } from '../rules/load.js';
import { defaultProfile, RuleSetError, type Profile, type RuleSet } from '../rules/model.js';
import { UsageError } from './io.js';
import type { CommonOptions } from './options.js';

export interface RunContext {
  catalogue: Catalogue;
  ruleSet: RuleSet;
  profile: Profile;
}

/** The nearest candidates (all of them when tied), if any is plausibly a typo of `word`. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const scored = candidates.map((c) => [c, distance(word, c)] as const);
  const best = Math.min(...scored.map(([, d]) => d));
  if (!Number.isFinite(best) || best > Math.max(3, word.length / 3)) return '';
  const nearest = scored.filter(([, d]) => d === best).map(([c]) => `"${c}"`);
  return ` (did you mean ${nearest.join(' or ')}?)`;
}

/** Loads the catalogue, the rule set (bundled plus --rules folders) and the chosen profile. */
export function loadContext(options: Pick<CommonOptions, 'rules' | 'profile'>): RunContext {
  const catalogue = loadCatalogue();
  let ruleSet: RuleSet;
  try {
    ruleSet = loadRuleSet(catalogue, options.rules);
  } catch (error) {
    if (error instanceof RuleSetError) {
      throw new UsageError(`refused rules:\n${error.problems.map((p) => `  ${p.file}: ${p.message}`).join('\n')}`);
    }
    throw error;
  }
  if (options.profile === undefined) return { catalogue, ruleSet, profile: defaultProfile(ruleSet) };
  const profile = ruleSet.profiles.find((p) => p.name === options.profile);
  if (!profile) {
    const names = ruleSet.profiles.map((p) => p.name);
    throw new UsageError(`unknown profile "${options.profile}"${didYouMean(options.profile, names)}; available: ${names.join(', ')}`);
  }
  return { catalogue, ruleSet, profile };
}
