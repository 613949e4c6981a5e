import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import type { FileResult, Finding } from '../engine/model.js';
import { CATEGORIES, type Category, type Profile, type Rule } from '../rules/model.js';
import { RESOURCE_INDICATORS, type CountyBalance } from '../schools/compute.js';
import { byShortfall } from '../schools/explain.js';
import { bundledLayout, matchesRule, type Placement, type ReportLayout } from './layout.js';
import type { Achievement, CityFeedback, CityRow, CoverageNote, Level, LevelStat, Praise, Problem, ProblemSection, Rectification, Report, Requirements, RuleStat } from './model.js';
import { choosePraiseQuantifier, chooseQuantifier, DEFAULT_SCALE, type Quantifier, type QuantifierScale } from './quantifier.js';
import { chinesePunctuation, clause, countyDisplayName, settleAll, fillThreshold, ordinal, praiseSentence, predicateOf, regionSubject, requirementFocus, sectionText, sentence, topicClauses, unitSubject, type SentenceContext } from './sentences.js';

export interface ReportOptions {
  version: string;
  profile: Profile;
  rules: readonly Rule[];
  catalogue: Catalogue;
  lang: Lang;
  scale?: QuantifierScale;
  /** Headings, order and words of the year's report; the bundled layout of the profile when absent. */
  layout?: ReportLayout;
  /** Name the failing regions in the problems section too (for internal use; the published reports do not). */
  names?: boolean;
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
  /** The assessed findings (pass or fail), for figures that count schools or pupils. */
  assessed: Finding[];
}

const emptyTally = (): Tally => ({ pass: new Set(), fail: new Set(), missing: new Set(), assessed: [] });

function tallyFindings(files: readonly FileResult[]): Map<string, Record<Level, Tally>> {
  const tallies = new Map<string, Record<Level, Tally>>();
  for (const file of files) {
    for (const finding of file.findings) {
      // a problem another rule states more gravely for the region is said once, by that rule
      if (finding.absorbedBy) continue;
      let tally = tallies.get(finding.rule);
      if (!tally) tallies.set(finding.rule, (tally = { city: emptyTally(), county: emptyTally() }));
      // a value that could not be read decides nothing: like missing data, it is never counted as passing
      const status = finding.status === 'waived' ? 'fail' : finding.status === 'invalid' ? 'missing' : finding.status;
      const level = tally[finding.region.level];
      level[status].add(finding.region.code);
      if (status !== 'missing') level.assessed.push(finding);
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
      if (finding.region.level === 'county') names[finding.region.code] = countyDisplayName(file.region.name, finding.region.name);
    }
  }
  return names;
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

/** The first numeric figure a finding compared (the rule's main indicator). */
function figure(finding: Finding, index = 0): { actual: number; expected: number | null; operator: string } | undefined {
  const evidence = finding.evidence?.[index];
  if (!evidence || typeof evidence.actual !== 'number') return undefined;
  return { actual: evidence.actual, expected: typeof evidence.expected === 'number' ? evidence.expected : null, operator: evidence.operator };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The word for schools, kindergartens or staff: by their number when the figure counts them, by the share falling short when it is a rate. */
function unitQuantifier(placement: Placement, tally: Record<Level, Tally>, scale: QuantifierScale): Quantifier {
  const assessed = [...tally.city.assessed, ...tally.county.assessed];
  const failing = assessed.filter((f) => f.status !== 'pass');
  const regions = failing.length;
  if (placement.measure === 'count') {
    const counted = failing.map((f) => figure(f)?.actual).filter((n): n is number => n !== undefined);
    if (counted.length > 0) return counted.reduce((a, b) => a + b, 0) <= scale.fewCount ? 'few' : 'some';
  }
  if (placement.measure === 'share') {
    const shares = assessed.map((f) => figure(f)?.actual).filter((n): n is number => n !== undefined);
    if (shares.length > 0) {
      const short = Math.min(1, Math.max(0, 1 - mean(shares) / 100));
      if (short >= scale.vastMajority) return 'vast-majority';
      if (short > scale.majority) return 'majority';
      if (placement.noun !== 'pupil' && regions <= scale.fewCount && short <= scale.fewShare) return 'few';
      return 'some';
    }
  }
  // regions failing say that some of their schools fail, never how many of all schools do
  return chooseQuantifier(regions, assessed.length, scale) === 'few' && placement.noun !== 'pupil' ? 'few' : 'some';
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Does the province-wide figure itself fall short: the cities' mean against the mean of what each was held to? */
function aggregateFails(tally: Record<Level, Tally>): boolean {
  const findings = tally.city.assessed.length > 0 ? tally.city.assessed : tally.county.assessed;
  const conditions = findings[0]?.evidence?.length ?? 0;
  for (let i = 0; i < conditions; i++) {
    const figures = findings.map((f) => figure(f, i)).filter((x): x is NonNullable<typeof x> => x !== undefined && x.expected !== null);
    const compare = figures[0] && COMPARE[figures[0].operator];
    if (!compare || figures.length === 0) continue;
    if (!compare(mean(figures.map((x) => x.actual)), mean(figures.map((x) => x.expected!)))) return true;
  }
  return false;
}

interface Spoken {
  quantifier: Quantifier | null;
  subject: string;
  predicate: string;
  sentence: string;
}

/** The statement in the report's words: its noun, the quantifier for that noun, and the phrase of the year. */
function speak(rule: Rule, levels: Record<Level, LevelStat>, tally: Record<Level, Tally>, placement: Placement, context: SentenceContext, scale: QuantifierScale): Spoken {
  const { lang } = context;
  const fallback = lang === 'zh' ? rule.meta.problem.zh : `${rule.meta.problem.en} in {who}`;
  const aggregate = placement.noun === 'aggregate' && aggregateFails(tally);
  // a province-wide phrase ("学生总体近视率上升") speaks for regions in the shared words when the province's figure holds
  const wording = placement.noun === 'aggregate' && !aggregate ? placement.regional : placement.problem;
  const phrase = inProse(fillThreshold(wording?.[lang] ?? fallback, rule, context), lang);
  const { predicate, standalone } = predicateOf(phrase, lang);
  if (aggregate) return { quantifier: null, subject: '', predicate, sentence: sentence(predicate, lang) };
  let quantifier: Quantifier;
  let subject: string;
  if (placement.noun === 'region' || placement.noun === 'aggregate') {
    const words = regionWords(levels, scale);
    subject = regionSubject(words, lang);
    quantifier = strongest(Object.values(words));
  } else if (placement.noun === 'place') {
    const failing = levels.city.failing.length + levels.county.failing.length;
    quantifier = chooseQuantifier(failing, levels.city.assessed + levels.county.assessed, scale)!;
    subject = unitSubject(quantifier, 'place', lang);
  } else {
    quantifier = unitQuantifier(placement, tally, scale);
    subject = unitSubject(quantifier, placement.noun, lang);
  }
  if (standalone) return { quantifier, subject, predicate: phrase.replace('{who}', subject), sentence: sentence(phrase.replace('{who}', subject), lang) };
  return { quantifier, subject: lang === 'zh' ? settleAll(subject, predicate) : subject, predicate, sentence: sentence(clause(subject, predicate, lang), lang) };
}

const STRENGTH: Quantifier[] = ['all', 'widespread', 'vast-majority', 'majority', 'some', 'few'];
const strongest = (words: readonly Quantifier[]): Quantifier => [...words].sort((a, b) => STRENGTH.indexOf(a) - STRENGTH.indexOf(b))[0]!;

/** Each failing level's own word; 个别 never covers more than `fewCount` regions in all. */
function regionWords(levels: Record<Level, LevelStat>, scale: QuantifierScale): Partial<Record<Level, Quantifier>> {
  const words: Partial<Record<Level, Quantifier>> = {};
  for (const level of LEVELS) if (levels[level].quantifier) words[level] = levels[level].quantifier!;
  const failing = levels.city.failing.length + levels.county.failing.length;
  if (words.city === 'few' && words.county === 'few' && failing > scale.fewCount) {
    words.city = 'some';
    words.county = 'some';
  }
  return words;
}

/** Praise is for results achieved: a title that states an aim (力争…) is praised only in the layout's words. */
function praiseText(rule: Rule, placement: Placement | undefined, context: SentenceContext): string | undefined {
  const text = placement?.praise?.[context.lang] ?? rule.meta.title[context.lang];
  if (/力争|strive|aim/i.test(text)) return undefined;
  return inProse(fillThreshold(text, rule, context), context.lang);
}

const inProse = (text: string, lang: Lang) => (lang === 'zh' ? chinesePunctuation(text) : text);

function praiseSubject(quantifier: Praise['quantifier'], lang: Lang): string {
  const words: Partial<Record<Level, Quantifier>> = {};
  if (quantifier.city) words.city = quantifier.city;
  if (quantifier.county) words.county = quantifier.county;
  return regionSubject(words, lang);
}

/** At most three results to a sentence and four sentences to a heading: the reports' praise is short. */
const PRAISE_PER_SENTENCE = 3;
const SENTENCES_PER_HEADING = 4;

function achievements(layout: ReportLayout, praise: readonly Praise[], texts: Map<string, string>, lang: Lang): Achievement[] {
  const byRule = new Map(praise.map((p) => [p.rule, p]));
  return layout.file.achievements.flatMap((heading) => {
    const entries = heading.rules.flatMap((id) => (byRule.has(id) && texts.has(id) ? [byRule.get(id)!] : []));
    const sentences: string[] = [];
    const rules: string[] = [];
    let group: Praise[] = [];
    const flush = () => {
      if (group.length === 0 || sentences.length >= SENTENCES_PER_HEADING) return;
      sentences.push(praiseSentence(praiseSubject(group[0]!.quantifier, lang), group.map((p) => texts.get(p.rule)!), lang));
      rules.push(...group.map((p) => p.rule));
    };
    for (const entry of entries) {
      const same = group[0] && group[0].quantifier.city === entry.quantifier.city && group[0].quantifier.county === entry.quantifier.county;
      if (!same || group.length >= PRAISE_PER_SENTENCE) {
        flush();
        group = [];
      }
      group.push(entry);
    }
    flush();
    return sentences.length > 0 ? [{ title: heading.title[lang], rules, sentences }] : [];
  });
}

function requirements(layout: ReportLayout, problems: readonly Problem[], rules: ReadonlyMap<string, Rule>, context: SentenceContext): Requirements {
  const { lang } = context;
  const spec = layout.file.requirements;
  // what each failing rule asks for: its result in the layout's words where its title states an aim
  const asked = (p: Problem) => {
    const rule = rules.get(p.rule);
    const praise = layout.placements.get(p.rule)?.praise?.[lang];
    return inProse(rule && praise ? fillThreshold(praise, rule, context) : p.title, lang);
  };
  const items = spec.items.flatMap((item) => {
    const matched = problems.filter((p) => item.when.some((pattern) => matchesRule(pattern, p.rule)));
    if (matched.length === 0) return [];
    const focus = requirementFocus(matched.map(asked), lang);
    const lead = item.text?.[lang];
    const text = lang === 'zh' ? `${lead ? `${lead}，` : ''}${focus}。` : `${lead ? `${lead}, ${focus}` : upperFirstOf(focus)}.`;
    return [{ ...(item.title ? { title: item.title[lang] } : {}), text, rules: matched.map((p) => p.rule) }];
  });
  return {
    heading: spec.heading[lang],
    style: spec.style,
    ...(spec.lead ? { lead: spec.lead[lang] } : {}),
    items: spec.style === 'enumerate' ? items.map((item, i) => ({ ...item, text: ordinal(i, lang) + item.text })) : items,
    closing: { ...(spec.closing.heading ? { heading: spec.closing.heading[lang] } : {}), text: spec.closing.text[lang] },
  };
}

const upperFirstOf = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** 逐市反馈: each city's failing regions (the city first), with the finding's values, rule id and basis. */
function feedback(files: readonly FileResult[], names: Record<string, string>, order: (rule: string) => number): CityFeedback[] {
  return files
    .filter((f) => f.valid && f.region)
    .map((file) => {
      const regions = new Map<string, CityFeedback['regions'][number]>();
      for (const finding of file.findings) {
        if ((finding.status !== 'fail' && finding.status !== 'waived') || finding.absorbedBy) continue;
        let region = regions.get(finding.region.code);
        if (!region) regions.set(finding.region.code, (region = { code: finding.region.code, name: names[finding.region.code] ?? finding.region.name, findings: [] }));
        region.findings.push({ rule: finding.rule, title: finding.title, severity: finding.severity, message: finding.message, source: finding.source, ...(finding.provisional ? { provisional: true } : {}) });
      }
      const sorted = [...regions.values()].sort((a, b) => (a.code === file.region!.code ? -1 : b.code === file.region!.code ? 1 : byCode(a.code, b.code)));
      for (const region of sorted) region.findings.sort((a, b) => order(a.rule) - order(b.rule) || byCode(a.rule, b.rule));
      return { code: file.region!.code, name: file.region!.name, regions: sorted };
    })
    .filter((city) => city.regions.length > 0)
    .sort((a, b) => byCode(a.code, b.code));
}

/** Turns scored files into the report: the year's headings and order, problems with quantified nouns, praise, requirements, feedback. */
export function buildReport(files: readonly FileResult[], options: ReportOptions): Report {
  const scale = options.scale ?? DEFAULT_SCALE;
  const { lang } = options;
  const layout = options.layout ?? bundledLayout(options.profile, options.rules);
  const valid = files.filter((f) => f.valid);
  const tallies = tallyFindings(valid);
  const before = previousStatuses(options.previous);
  const names = regionNames([...(options.previous ?? []), ...valid]);
  const context: SentenceContext = { lang, catalogue: options.catalogue, profile: options.profile, names };
  const problems: Problem[] = [];
  const praise: Praise[] = [];
  const praiseTexts = new Map<string, string>();
  const coverage: CoverageNote[] = [];
  const ruleStats: RuleStat[] = [];
  const resolved: NonNullable<Report['rectification']>['resolved'] = [];
  for (const rule of options.rules) {
    const tally = tallies.get(rule.id);
    if (!tally) continue;
    const placement = layout.placements.get(rule.id)!;
    const levels = { city: levelStat(tally.city, scale), county: levelStat(tally.county, scale) };
    const title = rule.meta.title[lang];
    const assessed = levels.city.assessed + levels.county.assessed;
    const passing = levels.city.passing + levels.county.passing;
    const failing = [...levels.city.failing, ...levels.county.failing];
    const missing = levels.city.missing + levels.county.missing;
    ruleStats.push({ rule: rule.id, title, category: rule.meta.category, severity: rule.meta.severity, assessed, passing, failing: failing.length, missing, passRate: assessed ? (passing * 100) / assessed : null });
    if (missing > 0) {
      coverage.push({ rule: rule.id, title, missing: { city: levels.city.missing, county: levels.county.missing }, regions: [...tally.city.missing, ...tally.county.missing].sort(byCode), noData: assessed === 0 });
    }
    const rectification = rectify([tally.city, tally.county], before?.get(rule.id));
    const praised = { city: choosePraiseQuantifier(levels.city.passing, levels.city.assessed, scale) ?? null, county: choosePraiseQuantifier(levels.county.passing, levels.county.assessed, scale) ?? null };
    const text = praiseText(rule, placement, context);
    if ((praised.city || praised.county) && text) {
      praise.push({ rule: rule.id, category: rule.meta.category, title, quantifier: praised, sentence: praiseSentence(praiseSubject(praised, lang), [text], lang), levels });
      praiseTexts.set(rule.id, text);
    }
    if (failing.length === 0) {
      if (rectification && rectification.rectified.length > 0) resolved.push({ rule: rule.id, title, rectified: rectification.rectified });
      continue;
    }
    const failingLevels = LEVELS.filter((l) => levels[l].failing.length > 0);
    const spoken = speak(rule, levels, tally, placement, context, scale);
    problems.push({
      rule: rule.id,
      category: rule.meta.category,
      severity: rule.meta.severity,
      title,
      level: failingLevels.length === 2 ? 'city+county' : failingLevels[0]!,
      noun: placement.noun,
      ...spoken,
      place: { section: placement.section, topic: placement.topic, order: placement.order },
      failing,
      assessed,
      missing,
      levels,
      source: rule.meta.source,
      ...(rule.meta.provisional ? { provisional: true } : {}),
      ...(rectification ? { rectification } : {}),
    });
  }
  const position = (p: Problem) => [p.place.section, p.place.topic, p.place.order];
  problems.sort((a, b) => {
    const [x, y] = [position(a), position(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]! || byCode(a.rule, b.rule);
  });
  const sections: ProblemSection[] = layout.file.problems.map((section, index) => {
    const own = problems.filter((p) => p.place.section === index);
    const topics = [...new Set(own.map((p) => p.place.topic))].sort((a, b) => a - b).map((t) => topicClauses(own.filter((p) => p.place.topic === t), context, options.names ?? false));
    return { category: section.category, title: section.title[lang], problems: own, text: sectionText(topics, layout.file.enumerate, lang) };
  });
  const years = [...new Set(valid.map((f) => f.year!))].sort();
  const scope = {
    files: files.length,
    cities: new Set(valid.map((f) => f.region!.code)).size,
    // a county the division list names but the file lacks was not evaluated: it shows in the coverage note only
    counties: new Set(valid.flatMap((f) => f.findings.filter((x) => x.region.level === 'county' && !x.absent).map((x) => x.region.code))).size,
    invalid: files.filter((f) => !f.valid).map((f) => ({ file: f.file, errors: f.errors })),
  };
  const ruleById = new Map(options.rules.map((r) => [r.id, r]));
  const rank = (id: string) => {
    const p = layout.placements.get(id);
    return p ? p.section * 1e6 + p.topic * 1e3 + p.order : Number.MAX_SAFE_INTEGER;
  };
  const report: Report = {
    tool: { name: 'eduduty', version: options.version },
    profile: options.profile.name,
    profileTitle: options.profile.title[lang],
    layout: layout.file.profile,
    lang,
    years,
    scope,
    headings: { achievements: layout.file.headings.achievements[lang], problems: layout.file.headings.problems[lang] },
    preamble: layout.file.preamble[lang].replaceAll('{cities}', String(scope.cities)).replaceAll('{counties}', String(scope.counties)),
    praise,
    achievements: achievements(layout, praise, praiseTexts, lang),
    sections,
    requirements: requirements(layout, problems, ruleById, context),
    feedback: feedback(valid, names, rank),
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
