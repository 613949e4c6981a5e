import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { FileResult, Finding } from '../engine/model.js';
import { CATEGORIES, compareCategories, type Category, type Profile, type Rule } from '../rules/model.js';
import { CATEGORY_TITLES } from '../text/words.js';
import type { CityRow, CoverageNote, Level, LevelStat, Praise, PraiseGroup, Problem, Rectification, Report, RuleStat } from './model.js';
import { choosePraiseQuantifier, chooseQuantifier, DEFAULT_SCALE, type QuantifierScale } from './quantifier.js';
import { praiseGroupSentence, praiseSentence, problemSentence, type SentenceContext } from './sentences.js';
import { RESOURCE_INDICATORS, type CountyBalance } from '../schools/compute.js';
import { byShortfall } from '../schools/explain.js';

export interface ReportOptions {
  version: string;
  profile: Profile;
  rules: readonly Rule[];
  catalogue: Catalogue;
  lang: Lang;
  scale?: QuantifierScale;
  /** Last year's results, for rectification tracking. */
  previous?: readonly FileResult[];
  /** Quality-balance results by county, from school rosters: the report lists the weakest schools. */
  balances?: ReadonlyMap<string, CountyBalance>;
  /** How many schools per county that list names. */
  weakestPerCounty?: number;
}

const LEVELS: Level[] = ['city', 'county'];
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Tally {
  pass: Set<string>;
  fail: Set<string>;
  missing: Set<string>;
}

function tallyFindings(files: readonly FileResult[]): Map<string, Record<Level, Tally>> {
  const tallies = new Map<string, Record<Level, Tally>>();
  for (const file of files) {
    for (const finding of file.findings) {
      // a problem another rule states more gravely for the region is said once, by that rule
      if (finding.absorbedBy) continue;
      let tally = tallies.get(finding.rule);
      if (!tally) {
        tally = { city: { pass: new Set(), fail: new Set(), missing: new Set() }, county: { pass: new Set(), fail: new Set(), missing: new Set() } };
        tallies.set(finding.rule, tally);
      }
      tally[finding.region.level][finding.status === 'waived' ? 'fail' : finding.status].add(finding.region.code);
    }
  }
  return tallies;
}

function levelStat(tally: Tally, scale: QuantifierScale): LevelStat {
  const assessed = tally.pass.size + tally.fail.size;
  const quantifier = chooseQuantifier(tally.fail.size, assessed, scale);
  return { assessed, passing: tally.pass.size, failing: [...tally.fail].sort(byCode), missing: tally.missing.size, ...(quantifier ? { quantifier } : {}) };
}

function rectify(now: Tally[], before: Map<string, Finding['status']> | undefined): Rectification | undefined {
  if (!before) return undefined;
  const status = (code: string) => (now.some((t) => t.fail.has(code)) ? 'fail' : now.some((t) => t.pass.has(code)) ? 'pass' : 'missing');
  const failedBefore = [...before].filter(([, s]) => s === 'fail').map(([code]) => code).sort(byCode);
  const failingNow = now.flatMap((t) => [...t.fail]).sort(byCode);
  return {
    rectified: failedBefore.filter((c) => status(c) === 'pass'),
    stillFailing: failedBefore.filter((c) => status(c) === 'fail'),
    newlyFailing: failingNow.filter((c) => before.get(c) !== 'fail'),
    unverified: failedBefore.filter((c) => status(c) === 'missing'),
  };
}

function previousStatuses(previous: readonly FileResult[] | undefined): Map<string, Map<string, Finding['status']>> | undefined {
  if (!previous) return undefined;
  const byRule = new Map<string, Map<string, Finding['status']>>();
  for (const file of previous) {
    for (const finding of file.findings) {
      let regions = byRule.get(finding.rule);
      if (!regions) byRule.set(finding.rule, (regions = new Map()));
      regions.set(finding.region.code, finding.status);
    }
  }
  return byRule;
}

function regionNames(files: readonly FileResult[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const file of files) {
    if (!file.region) continue;
    names[file.region.code] = file.region.name;
    for (const finding of file.findings) {
      if (finding.region.level === 'county') names[finding.region.code] = file.region.name + finding.region.name;
    }
  }
  return names;
}

function groupPraise(praise: readonly Praise[], context: Pick<SentenceContext, 'lang'>): PraiseGroup[] {
  const groups = new Map<string, PraiseGroup & { titles: string[] }>();
  const sorted = [...praise].sort((a, b) => compareCategories(a.category, b.category) || (a.rule < b.rule ? -1 : 1));
  for (const entry of sorted) {
    const key = `${entry.category}|${entry.quantifier.city}|${entry.quantifier.county}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { category: entry.category, quantifier: entry.quantifier, rules: [], sentence: '', titles: [] }));
    group.rules.push(entry.rule);
    group.titles.push(entry.title);
  }
  return [...groups.values()].map(({ titles, ...group }) => ({ ...group, sentence: praiseGroupSentence(group.quantifier, titles, context) }));
}

function cityRows(files: readonly FileResult[]): CityRow[] {
  const rows: Omit<CityRow, 'rank'>[] = files
    .filter((f) => f.valid && f.region)
    .map((file) => {
      const fails = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
      let errors = 0;
      let warnings = 0;
      for (const finding of file.findings) {
        if (finding.status !== 'fail' || finding.absorbedBy) continue;
        fails[finding.category]++;
        if (finding.severity === 'error') errors++;
        else warnings++;
      }
      return { code: file.region!.code, name: file.region!.name, fails, errors, warnings, total: errors + warnings };
    });
  // fewer errors rank higher; warnings break ties, then the code keeps the order stable
  rows.sort((a, b) => a.errors - b.errors || a.warnings - b.warnings || byCode(a.code, b.code));
  let rank = 0;
  return rows.map((row, index) => {
    const previous = rows[index - 1];
    if (!previous || previous.errors !== row.errors || previous.warnings !== row.warnings) rank = index + 1;
    return { ...row, rank };
  });
}

/** Turns scored files into the report: problems with quantifiers, praise, coverage, tables, rectification. */
export function buildReport(files: readonly FileResult[], options: ReportOptions): Report {
  const scale = options.scale ?? DEFAULT_SCALE;
  const valid = files.filter((f) => f.valid);
  const tallies = tallyFindings(valid);
  const before = previousStatuses(options.previous);
  const names = regionNames([...(options.previous ?? []), ...valid]);
  const context = { lang: options.lang, catalogue: options.catalogue, profile: options.profile, names };
  const problems: Problem[] = [];
  const praise: Praise[] = [];
  const allPassed: Report['allPassed'] = [];
  const coverage: CoverageNote[] = [];
  const ruleStats: RuleStat[] = [];
  const resolved: NonNullable<Report['rectification']>['resolved'] = [];
  for (const rule of options.rules) {
    const tally = tallies.get(rule.id);
    if (!tally) continue;
    const levels = { city: levelStat(tally.city, scale), county: levelStat(tally.county, scale) };
    const title = rule.meta.title[options.lang];
    const assessed = levels.city.assessed + levels.county.assessed;
    const passing = levels.city.passing + levels.county.passing;
    const failing = [...levels.city.failing, ...levels.county.failing];
    const missing = levels.city.missing + levels.county.missing;
    ruleStats.push({ rule: rule.id, title, category: rule.meta.category, severity: rule.meta.severity, assessed, passing, failing: failing.length, missing, passRate: assessed ? (passing * 100) / assessed : null });
    if (missing > 0) {
      coverage.push({ rule: rule.id, title, missing: { city: levels.city.missing, county: levels.county.missing }, regions: [...tally.city.missing, ...tally.county.missing].sort(byCode), noData: assessed === 0 });
    }
    const rectification = rectify([tally.city, tally.county], before?.get(rule.id));
    if (failing.length === 0) {
      if (assessed > 0) allPassed.push({ rule: rule.id, title });
      if (rectification && rectification.rectified.length > 0) resolved.push({ rule: rule.id, title, rectified: rectification.rectified });
      continue;
    }
    const failingLevels = LEVELS.filter((l) => levels[l].failing.length > 0);
    const share = (l: Level) => levels[l].failing.length / levels[l].assessed;
    const leading = failingLevels.reduce((a, b) => (share(b) > share(a) ? b : a));
    const problem: Problem = {
      rule: rule.id,
      category: rule.meta.category,
      severity: rule.meta.severity,
      title,
      level: failingLevels.length === 2 ? 'city+county' : failingLevels[0]!,
      quantifier: levels[leading].quantifier!,
      sentence: '',
      failing,
      assessed,
      missing,
      levels,
      source: rule.meta.source,
      ...(rule.meta.provisional ? { provisional: true } : {}),
      ...(rectification ? { rectification } : {}),
    };
    problem.sentence = problemSentence(problem, rule, context);
    problems.push(problem);
    const praised = { city: choosePraiseQuantifier(levels.city.passing, levels.city.assessed, scale) ?? null, county: choosePraiseQuantifier(levels.county.passing, levels.county.assessed, scale) ?? null };
    if (praised.city || praised.county) {
      const entry: Praise = { rule: rule.id, category: rule.meta.category, title, quantifier: praised, sentence: '', levels };
      entry.sentence = praiseSentence(entry, context);
      praise.push(entry);
    }
  }
  praise.sort((a, b) => compareCategories(a.category, b.category) || byCode(a.rule, b.rule));
  const severityOrder = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  problems.sort((a, b) => compareCategories(a.category, b.category) || severityOrder(a) - severityOrder(b) || b.failing.length - a.failing.length || byCode(a.rule, b.rule));
  const years = [...new Set(valid.map((f) => f.year!))].sort();
  const report: Report = {
    tool: { name: 'eduduty', version: options.version },
    profile: options.profile.name,
    lang: options.lang,
    years,
    scope: {
      files: files.length,
      cities: new Set(valid.map((f) => f.region!.code)).size,
      counties: new Set(valid.flatMap((f) => f.findings.filter((x) => x.region.level === 'county').map((x) => x.region.code))).size,
      invalid: files.filter((f) => !f.valid).map((f) => ({ file: f.file, errors: f.errors })),
    },
    praise,
    praiseGroups: groupPraise(praise, context),
    allPassed,
    categories: CATEGORIES.map((category) => ({ category, title: CATEGORY_TITLES[category][options.lang], problems: problems.filter((p) => p.category === category) })),
    coverage,
    cities: cityRows(valid),
    rules: ruleStats,
    regionNames: names,
  };
  if (options.balances && options.balances.size > 0) {
    report.weakestSchools = [...options.balances.values()]
      .sort((a, b) => byCode(a.county, b.county))
      .map((balance) => ({
        county: balance.county,
        schools: balance.schools,
        meeting: balance.meeting,
        weakest: balance.parts
          .filter((p) => p.met < 7)
          .sort(byShortfall)
          .slice(0, options.weakestPerCounty ?? 5)
          .map((p) => ({ code: p.school.code, name: p.school.name, stage: p.stage, met: p.met, missed: RESOURCE_INDICATORS.filter((_, i) => p.ratios[i]! < 1).map((ind) => ind.id) })),
      }));
  }
  if (options.previous) {
    const count = (key: 'rectified' | 'stillFailing' | 'newlyFailing') => problems.reduce((n, p) => n + (p.rectification?.[key].length ?? 0), 0) + (key === 'rectified' ? resolved.reduce((n, r) => n + r.rectified.length, 0) : 0);
    report.rectification = {
      previousYears: [...new Set(options.previous.filter((f) => f.valid).map((f) => f.year!))].sort(),
      rectified: count('rectified'),
      stillFailing: count('stillFailing'),
      newlyFailing: count('newlyFailing'),
      resolved,
    };
  }
  return report;
}
