import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue, type Lang } from '../../src/catalogue/catalogue.js';
import { createScorer, type Scorer } from '../../src/engine/score.js';
import type { IndicatorValues } from '../../src/input/model.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { defaultProfile, type Profile } from '../../src/rules/model.js';

export const TEST_DIR = join(fileURLToPath(import.meta.url), '..', '..');
export const FIXTURES = join(TEST_DIR, 'fixtures');
export const SEED = Number(process.env.FC_SEED ?? 20240424);

export const catalogue = loadCatalogue();
export const ruleSet = loadRuleSet(catalogue);
export const newest = defaultProfile(ruleSet);

export function profileNamed(name: string): Profile {
  const profile = ruleSet.profiles.find((p) => p.name === name);
  if (!profile) throw new Error(`no profile ${name}`);
  return profile;
}

const scorers = new Map<string, Scorer>();
export function scorerFor(profile: Profile = newest, lang: Lang = 'zh'): Scorer {
  let scorer = scorers.get(`${profile.name} ${lang}`);
  if (!scorer) {
    scorer = createScorer({ catalogue, ruleSet, profile, lang });
    scorers.set(`${profile.name} ${lang}`, scorer);
  }
  return scorer;
}

/** A one-city file with the given city indicators (and optional counties). */
export function cityFile(indicators: IndicatorValues, counties: { code: string; name: string; indicators: IndicatorValues }[] = []) {
  return {
    schemaVersion: 1 as const,
    year: 2023,
    region: { code: '370100', name: '济南市' },
    indicators,
    counties: counties.map((c) => ({ region: { code: c.code, name: c.name }, indicators: c.indicators })),
  };
}
