import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { Scorer } from '../engine/score.js';
import type { FileResult } from '../engine/model.js';
import { rulesOfProfile, type Profile, type RuleSet } from '../rules/model.js';
import { buildReport, type ReportOptions } from './aggregate.js';
import type { Report } from './model.js';

export interface ProvinceReportOptions extends Omit<ReportOptions, 'profile' | 'rules'> {
  ruleSet: RuleSet;
  /** The run's profile, for a batch without a year. */
  profile: Profile;
  scorer: Pick<Scorer, 'profileFor'>;
  catalogue: Catalogue;
  lang: Lang;
}

/** The province's report on scored files: it speaks for the newest year, by that year's profile; each file was judged by its own. */
export function provinceReport(files: readonly FileResult[], options: ProvinceReportOptions): Report {
  const { ruleSet, scorer, profile: fallback, ...rest } = options;
  const years = files.flatMap((f) => (f.year !== undefined ? [f.year] : []));
  const profile = years.length > 0 ? scorer.profileFor(Math.max(...years)) : fallback;
  const used = ruleSet.profiles.filter((p) => p.name === profile.name || files.some((f) => f.profile === p.name));
  const rules = [...new Map(used.flatMap((p) => rulesOfProfile(ruleSet, p)).map((r) => [r.id, r])).values()];
  return buildReport(files, { ...rest, profile, rules });
}
