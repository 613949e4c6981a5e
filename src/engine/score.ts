import { createHash } from 'node:crypto';
import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import { loadShandongRegions, type RegionList } from '../catalogue/regions.js';
import { regionsOf, segmentsOf, type IndicatorFile, type InputProblem, type RegionRecord, type RegionRef, type SourcePosition } from '../input/model.js';
import { valueProblemOf } from '../input/salvage.js';
import { msg } from '../text/messages.js';
import type { Locator } from '../input/parse.js';
import { readIndicatorBytes, readIndicatorFile, readIndicatorSources, type InputSource, type ReadResult } from '../input/read.js';
import { createValidator, type Validator } from '../input/validate.js';
import { compareCategories, profileForYear, rulesOfProfile, THRESHOLD_FACT, type Condition, type Profile, type Rule, type RuleSet } from '../rules/model.js';
import { slipWarnings } from '../input/slips.js';
import { renderTemplate } from '../text/evidence.js';
import { WORDS } from '../text/words.js';
import { createCompiledEvaluator } from './compile.js';
import { ScoredFinding } from './finding.js';
import type { School } from '../schools/compute.js';
import { balancesByCounty, feedRoster } from '../schools/feed.js';
import { createRegionEvaluator, type RegionEvaluator, type RuleVerdict } from './evaluate.js';
import { factsOf } from './facts.js';
import type { FailOn, FileResult, Finding, ScoreResult, Summary } from './model.js';

export interface ScorerOptions {
  catalogue: Catalogue;
  ruleSet: RuleSet;
  /** The profile every file is judged by; with `byYear`, the one used for a file without a year. */
  profile: Profile;
  /**
   * Judge each file by the profile of its own `year`: that year's profile, or the newest one before it (the
   * oldest profile for a year before them all). Without it, every file is judged by `profile`.
   */
  byYear?: boolean;
  lang?: Lang;
  /** Only these rules (ids); default every rule of the profile. */
  only?: readonly string[];
  /**
   * `compiled` (default): the rules compiled once into functions. `json-rules-engine`: stock
   * json-rules-engine, the reference the compiled path is tested against (and `explain` uses).
   */
  engine?: 'compiled' | 'json-rules-engine';
  /** Inputs larger than this many bytes are refused unread (default 32 MiB). */
  maxBytes?: number;
  /** Schools of the counties scored: their quality-balance indicators are computed and fed to the rules. */
  schools?: readonly School[];
  /** Division codes, by year, that did not exist that year: a file is not blamed for lacking them. */
  absentDivisions?: Readonly<Record<string, readonly string[]>>;
}

/** A region as scored: one of the file's, or a county of the division list that the file lacks (`absent`). */
interface ScoredRegion extends RegionRecord {
  absent?: true;
  /** The region's invalid values, by indicator: the rules reading them are reported `invalid`. */
  invalid?: ReadonlyMap<string, InputProblem>;
}

/** Everything a run builds once (schema validator, engine, rule order) and reuses for every file. */
export interface Scorer {
  readonly profile: Profile;
  /** Whether each file's profile is chosen by its year. */
  readonly byYear: boolean;
  /** The profile a file of this year is judged by. */
  profileFor(year: number | undefined): Profile;
  /** Every rule a file may be judged by (of every profile, when chosen by year), in report order. */
  readonly rules: readonly Rule[];
  readonly validator: Validator;
  /** The size limit of its inputs, in bytes (stdin included). */
  readonly maxBytes?: number;
  scoreSource(source: InputSource): Promise<FileResult>;
  /** Every document of an input: one for JSON/YAML, one per city for CSV/XLSX. */
  scoreSources(source: InputSource): Promise<FileResult[]>;
  /** Read and validate only: the same results without findings, and no rule evaluated. */
  validateSources(source: InputSource): Promise<FileResult[]>;
  validateBytes(name: string, bytes: Uint8Array): FileResult;
  scoreBytes(name: string, bytes: Uint8Array): Promise<FileResult>;
  scoreFile(file: IndicatorFile, name?: string, locator?: Locator, invalid?: readonly InputProblem[]): Promise<FileResult>;
  /** Scores one region by `profile`. */
  scoreRegion(region: RegionRecord, locator?: Locator): Promise<Finding[]>;
}

function byReportOrder(a: Rule, b: Rule): number {
  return compareCategories(a.meta.category, b.meta.category) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One profile's rules compiled, and how a region is scored with them. */
interface ProfileRun {
  profile: Profile;
  rules: Rule[];
  scoreRegion(region: ScoredRegion, locator?: Locator): Promise<Finding[]>;
  thresholds: ReadonlyMap<string, number>;
}

function createProfileRun(options: ScorerOptions, profile: Profile): ProfileRun {
  const { catalogue } = options;
  const lang = options.lang ?? 'zh';
  const rules = rulesOfProfile(options.ruleSet, profile)
    .filter((r) => !options.only || options.only.includes(r.id))
    .sort(byReportOrder);
  const evaluator: RegionEvaluator = options.engine === 'json-rules-engine' ? createRegionEvaluator(rules, profile) : createCompiledEvaluator(rules, profile);

  const namesOf = (ids: readonly string[]) => ids.map((id) => catalogue.get(id)?.name[lang] ?? id).join(WORDS[lang].nameSeparator);
  const messageOf = (rule: Rule, region: RegionRef, verdict: Pick<Finding, 'status' | 'evidence' | 'missing' | 'absent' | 'invalid'>): string => {
    const values = { region: region.name, code: region.code, evidence: verdict.evidence };
    const title = rule.meta.title[lang];
    if (verdict.status === 'fail') return renderTemplate(rule.meta.message[lang], values, catalogue, lang);
    if (verdict.status === 'missing') {
      if (verdict.absent) return msg(lang, 'score.absent-finding', { title, region: region.name, code: region.code });
      return msg(lang, 'score.missing-finding', { title, names: namesOf(verdict.missing ?? []) });
    }
    if (verdict.status === 'invalid') return msg(lang, 'score.invalid-finding', { title, names: namesOf(verdict.invalid ?? []) });
    // a pass states the requirement met; its numbers are in the evidence
    return title;
  };
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const indexOf = new Map(rules.map((rule, i) => [rule.id, i]));
  // a failure is absorbed only into a rule of this run at least as severe (a config may have changed severities)
  const absorbers = rules.map((rule) =>
    (rule.meta.absorbedBy ?? []).filter((id) => byId.has(id) && (byId.get(id)!.meta.severity === 'error' || rule.meta.severity === 'warning')),
  );
  const plainDetails = { message: (f: Finding) => messageOf(byId.get(f.rule)!, f.region, f) };

  /**
   * A failure points at the indicator that failed, a missing finding at the first value it lacks (where that
   * value would go, or else the region), located in its file when an output asks.
   */
  const failureDetails = (region: ScoredRegion, locator: Locator | undefined) => {
    // a spreadsheet's absent county is the row to add; a JSON file keeps the pointer of the value it lacks
    const place = region.absent ? absentPlace(locator) : undefined;
    const row = place?.path === '' ? { path: '', ...(place.line !== undefined ? { line: place.line } : {}), sheet: place.sheet!, cell: place.cell! } : undefined;
    return {
      message: plainDetails.message,
      location: (found: Finding): Finding['location'] => {
        if (row) return { ...row };
        const failing = found.evidence.find((e) => e.passed === false) ?? found.evidence[0];
        const indicator = found.status === 'missing' ? found.missing?.[0] : failing?.indicator;
        const path = indicator ? `${region.pointer}/${indicator}` : region.pointer;
        const at = locator?.locate(segmentsOf(path)) ?? locator?.locate(segmentsOf(region.pointer));
        const position = at ? { ...(at.line !== undefined ? { line: at.line } : {}), ...(at.column !== undefined ? { column: at.column } : {}), ...(at.sheet ? { sheet: at.sheet, cell: at.cell } : {}) } : {};
        return { path, ...position };
      },
    };
  };

  /** An invalid finding points at the cell or line of the first bad value it reads. */
  const invalidDetails = (invalid: ReadonlyMap<string, InputProblem>) => ({
    message: plainDetails.message,
    location: (found: Finding): Finding['location'] => {
      const problem = invalid.get(found.invalid![0]!)!;
      const { path, line, column, sheet, cell } = problem;
      return { path, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), ...(sheet && cell ? { sheet, cell } : {}) };
    },
  });

  const findingsOf = (region: ScoredRegion, given: readonly RuleVerdict[], locator: Locator | undefined): Finding[] => {
    // one region object shared by the region's findings: they are read, never changed
    const place = { code: region.code, name: region.name, level: region.level };
    const verdicts = region.invalid ? given.map((verdict, i) => invalidVerdict(rules[i]!, verdict, region.invalid!)) : given;
    let failures: ReturnType<typeof failureDetails> | undefined;
    const invalids = region.invalid ? invalidDetails(region.invalid) : undefined;
    const failed = (id: string) => verdicts[indexOf.get(id) ?? -1]?.status === 'fail';
    return rules.map((rule, i) => {
      const verdict = verdicts[i]!;
      const details = verdict.status === 'invalid' ? invalids! : verdict.status !== 'pass' ? (failures ??= failureDetails(region, locator)) : plainDetails;
      const meta = rule.meta;
      const absorbedBy = verdict.status === 'fail' ? absorbers[i]!.find(failed) : undefined;
      const extra = verdict.status === 'pass' ? undefined : { absent: region.absent === true && verdict.status === 'missing', ...(verdict.invalid ? { invalid: verdict.invalid } : {}) };
      return new ScoredFinding(rule.id, meta.category, meta.severity, verdict.status, place, meta.title[lang], verdict.evidence, verdict.missing, meta.source, meta.provisional === true, details, absorbedBy, extra);
    });
  };

  const scoreRegion = async (region: ScoredRegion, locator?: Locator): Promise<Finding[]> => {
    const facts = factsOf(region.indicators, catalogue);
    if (evaluator.evaluateInOrder) return findingsOf(region, evaluator.evaluateInOrder(facts), locator);
    const verdicts = await evaluator.evaluate(facts);
    return findingsOf(region, rules.map((rule) => verdicts.get(rule.id)!), locator);
  };
  return { profile, rules, scoreRegion, thresholds: thresholdsByIndicator(rules, profile) };
}

/** The largest threshold any rule compares each indicator with, so a value far below its scale stands out. */
function thresholdsByIndicator(rules: readonly Rule[], profile: Profile): Map<string, number> {
  const largest = new Map<string, number>();
  const visit = (condition: Condition): void => {
    if ('all' in condition) return condition.all.forEach(visit);
    if ('any' in condition) return condition.any.forEach(visit);
    if ('not' in condition) return visit(condition.not);
    const ref = condition.value;
    if (ref === null || typeof ref !== 'object' || ref.fact !== THRESHOLD_FACT) return;
    const value = profile.thresholds[String(ref.params?.rule)]?.[String(ref.params?.name)];
    if (value !== undefined) largest.set(condition.fact, Math.max(value, largest.get(condition.fact) ?? value));
  };
  for (const rule of rules) visit(rule.definition.conditions);
  return largest;
}

export function createScorer(options: ScorerOptions): Scorer {
  const { catalogue, ruleSet, profile } = options;
  const lang = options.lang ?? 'zh';
  const validator = createValidator(catalogue, lang, loadShandongRegions());
  const runs = new Map<string, ProfileRun>();
  const runOf = (chosen: Profile): ProfileRun => {
    let run = runs.get(chosen.name);
    if (!run) runs.set(chosen.name, (run = createProfileRun(options, chosen)));
    return run;
  };
  const fixed = runOf(profile);
  const profileFor = (year: number | undefined): Profile => (options.byYear && year !== undefined ? profileForYear(ruleSet, year) : profile);
  // with profiles chosen by year, every rule any profile may bring, in report order
  const rules = options.byYear ? [...new Map(ruleSet.profiles.flatMap((p) => runOf(p).rules).map((r) => [r.id, r])).values()].sort(byReportOrder) : fixed.rules;

  const balances = balancesByCounty(options.schools ?? []);
  const divisions = loadShandongRegions();
  const absentWarnings = (file: IndicatorFile, absent: readonly ScoredRegion[], locator: Locator | undefined): InputProblem[] =>
    absent.map((county) => ({ ...absentPlace(locator), code: 'absent-region', message: msg(lang, 'score.absent-county', { code: county.code, name: county.name, city: file.region.name }) }));
  const scoreFile = async (given: IndicatorFile, name = '<memory>', locator?: Locator, invalid?: readonly InputProblem[]): Promise<FileResult> => {
    const { file, warnings: fed } = feedRoster(given, balances, lang);
    const run = runOf(profileFor(file.year));
    const absent = absentCounties(file, divisions, options.absentDivisions);
    const warnings = [...fed, ...absentWarnings(file, absent, locator)];
    const bad = invalidByRegion(invalid ?? []);
    const regions: ScoredRegion[] = [...regionsOf(file).map((r) => (bad.has(r.pointer) ? { ...r, invalid: bad.get(r.pointer)! } : r)), ...absent].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const perRegion: Finding[][] = [];
    for (const region of regions) perRegion.push(await run.scoreRegion(region, locator));
    // report order: category, then rule id, then region code (regions are already sorted)
    const findings = run.rules.flatMap((_, index) => perRegion.map((list) => list[index]!));
    return { file: name, valid: true, errors: [], warnings, year: file.year, profile: run.profile.name, region: { code: file.region.code, name: file.region.name }, findings };
  };

  const slipsOf = (read: ReadResult) =>
    read.file ? slipWarnings(read.file, { catalogue, lang, ...(read.locator ? { locator: read.locator } : {}), thresholds: runOf(profileFor(read.file.year)).thresholds }) : [];
  /** A file that names no value at all (an unfilled template) is not data to score. */
  const empty = (file: IndicatorFile) => !hasValues(file) && !hasValues(feedRoster(file, balances, lang).file);

  const fromRead = async (read: ReadResult): Promise<FileResult> => {
    const given = read.file ?? read.partial;
    if (!given) return invalidResult(read);
    if (read.file && empty(read.file)) return noValuesResult(read, read.file, lang);
    const { file: name, ...result } = await scoreFile(given, read.name, read.locator, read.partial ? read.errors : undefined);
    const fed = result.warnings.map((w) => located(w, read.locator));
    const partial = read.partial ? { valid: false, errors: read.errors } : {};
    return { file: name, ...receiptOf(read), ...result, ...partial, warnings: [...read.warnings, ...slipsOf(read), ...fed] };
  };

  /** What `validate` reports of a read: the file's receipt, region and problems; no rule is evaluated. */
  const validated = (read: ReadResult): FileResult => {
    if (!read.file) return invalidResult(read);
    if (empty(read.file)) return noValuesResult(read, read.file, lang);
    const fedRoster = feedRoster(read.file, balances, lang);
    const warnings = [...fedRoster.warnings, ...absentWarnings(fedRoster.file, absentCounties(fedRoster.file, divisions, options.absentDivisions), read.locator)];
    const fed = warnings.map((w) => located(w, read.locator));
    return { file: read.name, ...receiptOf(read), valid: true, errors: [], warnings: [...read.warnings, ...slipsOf(read), ...fed], year: read.file.year, region: { code: read.file.region.code, name: read.file.region.name }, findings: [] };
  };

  return {
    profile,
    byYear: options.byYear === true,
    profileFor,
    rules,
    validator,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    scoreRegion: fixed.scoreRegion,
    scoreFile,
    scoreSource: async (source) => fromRead(await readIndicatorFile(source, validator, options.maxBytes)),
    scoreSources: async (source) => {
      const results: FileResult[] = [];
      for (const read of await readIndicatorSources(source, validator, catalogue, options.maxBytes)) results.push(await fromRead(read));
      return results;
    },
    scoreBytes: async (name, bytes) => fromRead(readIndicatorBytes(name, bytes, validator, options.maxBytes)),
    validateSources: async (source) => (await readIndicatorSources(source, validator, catalogue, options.maxBytes)).map(validated),
    validateBytes: (name, bytes) => validated(readIndicatorBytes(name, bytes, validator, options.maxBytes)),
  };
}

function receiptOf(read: ReadResult): Pick<FileResult, 'sheet' | 'sha256'> {
  return { ...(read.sheet ? { sheet: read.sheet } : {}), ...(read.sha256 ? { sha256: read.sha256 } : {}) };
}

function invalidResult(read: ReadResult): FileResult {
  return { file: read.name, ...receiptOf(read), valid: false, errors: read.errors, warnings: read.warnings, ...(read.region ? { region: read.region } : {}), findings: [] };
}

function hasValues(file: IndicatorFile): boolean {
  return Object.keys(file.indicators).length > 0 || (file.counties ?? []).some((c) => Object.keys(c.indicators).length > 0);
}

function noValuesResult(read: ReadResult, file: IndicatorFile, lang: Lang): FileResult {
  const error = { path: '/indicators', code: 'no-values', message: msg(lang, 'score.no-values'), ...(read.locator?.locate(['indicators']) ?? {}) };
  return { ...invalidResult(read), errors: [error], year: file.year, region: { code: file.region.code, name: file.region.name } };
}

/**
 * Where a county the file lacks is shown: in a spreadsheet the cell where its row would be added, with no JSON
 * pointer (the clerk never sees the document); in a JSON or YAML file its `/counties`.
 */
function absentPlace(locator: Locator | undefined): { path: string } & SourcePosition {
  const at = locator?.locate(['counties']);
  return at?.cell !== undefined ? { path: '', ...at } : { path: '/counties', ...(at ?? {}) };
}

/** A problem located in its file, unless it already is. */
function located(problem: InputProblem, locator: Locator | undefined): InputProblem {
  if (problem.line !== undefined || problem.cell !== undefined) return problem;
  return { ...problem, ...(locator?.locate(segmentsOf(problem.path)) ?? {}) };
}

/** The counties the division list puts under the file's city that the file lacks (less those declared absent that year). */
function absentCounties(file: IndicatorFile, divisions: RegionList, declared: ScorerOptions['absentDivisions']): ScoredRegion[] {
  const present = new Set((file.counties ?? []).map((c) => c.region.code));
  const excused = new Set(declared?.[String(file.year)] ?? []);
  return divisions.regions
    .filter((r) => r.level === 'county' && r.city === file.region.code && !present.has(r.code) && !excused.has(r.code))
    .map((r) => ({ code: r.code, name: r.name, level: 'county', indicators: {}, pointer: '/counties', absent: true }));
}

/** A file's invalid values by the pointer of their region's indicators, then by indicator. */
function invalidByRegion(problems: readonly InputProblem[]): Map<string, Map<string, InputProblem>> {
  const byRegion = new Map<string, Map<string, InputProblem>>();
  for (const problem of problems) {
    const value = valueProblemOf(problem);
    if (!value) continue;
    const region = byRegion.get(value.regionPointer) ?? new Map<string, InputProblem>();
    if (!region.has(value.indicator)) region.set(value.indicator, problem);
    byRegion.set(value.regionPointer, region);
  }
  return byRegion;
}

/** A rule that reads an invalid value of its region is not scored: `invalid`, naming the values. */
function invalidVerdict(rule: Rule, verdict: RuleVerdict, invalid: ReadonlyMap<string, InputProblem>): RuleVerdict {
  const bad = [...new Set(rule.references.map((r) => r.fact))].filter((fact) => invalid.has(fact));
  if (bad.length === 0) return verdict;
  return { status: 'invalid', evidence: verdict.evidence, invalid: bad };
}

export function emptySummary(): Summary {
  return { files: 0, invalid: 0, regions: 0, findings: 0, pass: 0, fail: 0, missing: 0, waived: 0, errors: 0, warnings: 0, missingErrors: 0, invalidFindings: 0 };
}

/** Adds one file's counts to a running summary (streaming output keeps nothing else). */
export function addToSummary(summary: Summary, file: FileResult): Summary {
  summary.files++;
  if (!file.valid) summary.invalid++;
  const regions = new Set<string>();
  for (const finding of file.findings) {
    regions.add(finding.region.code);
    summary.findings++;
    if (finding.status === 'invalid') summary.invalidFindings++;
    else summary[finding.status]++;
    if (finding.status === 'fail') summary[finding.severity === 'error' ? 'errors' : 'warnings']++;
    if (finding.status === 'missing' && finding.severity === 'error') summary.missingErrors++;
  }
  summary.regions += regions.size;
  return summary;
}

export function summarise(files: readonly FileResult[]): Summary {
  return files.reduce(addToSummary, emptySummary());
}

/**
 * sha256 over the rules' definitions and the thresholds of the profiles that may judge a file: what decided every
 * verdict. One profile hashes as it always has.
 */
export function ruleSetHash(rules: readonly Rule[], profiles: Profile | readonly Profile[]): string {
  const hash = createHash('sha256');
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(JSON.stringify(rule.definition)).update('\n');
  const list = Array.isArray(profiles) ? [...profiles].sort((a, b) => (a.name < b.name ? -1 : 1)) : [profiles as Profile];
  for (const [index, profile] of list.entries()) {
    if (index > 0) hash.update(`\n${profile.name}\n`);
    hash.update(JSON.stringify(Object.entries(profile.thresholds).sort(([a], [b]) => (a < b ? -1 : 1))));
  }
  return hash.digest('hex');
}

/** The head of a result: the tool, the profile (or that each file's is chosen by year) and the rule-set receipt. */
export function resultHead(version: string, scorer: Pick<Scorer, 'profile' | 'byYear' | 'rules'>, profiles: readonly Profile[]): Pick<ScoreResult, 'tool' | 'profile' | 'profileByYear' | 'rules'> {
  return {
    tool: { name: 'eduduty', version },
    profile: scorer.profile.name,
    ...(scorer.byYear ? { profileByYear: true as const } : {}),
    rules: { count: scorer.rules.length, sha256: ruleSetHash(scorer.rules, scorer.byYear ? profiles : scorer.profile) },
  };
}

export function buildScoreResult(version: string, profile: Profile, files: FileResult[], rules?: readonly Rule[]): ScoreResult {
  return {
    tool: { name: 'eduduty', version },
    profile: profile.name,
    ...(rules ? { rules: { count: rules.length, sha256: ruleSetHash(rules, profile) } } : {}),
    files,
    summary: summarise(files),
  };
}

/** Whether a finding makes the run fail under `failOn` (only new failures with `newOnly`). */
export function failsRun(finding: Finding, failOn: FailOn, newOnly = false): boolean {
  if (failOn === 'never' || finding.status !== 'fail') return false;
  return (failOn === 'warning' || finding.severity === 'error') && (!newOnly || finding.baseline !== 'existing');
}

/**
 * Whether a finding leaves the run undecided: missing data of an error-severity rule can never be judged a pass.
 * `--fail-on never` and `allowMissing` (exploratory scoring) let it through.
 */
export function missesRun(finding: Finding, failOn: FailOn, allowMissing = false): boolean {
  return !allowMissing && failOn !== 'never' && finding.status === 'missing' && finding.severity === 'error';
}

/**
 * Exit code of FORMAT.md §2: 2 for invalid input; 1 for a failure at or above `failOn` (only new ones with
 * `newOnly`), missing data of an error-severity rule (unless `allowMissing`) or an expired waiver; else 0.
 * Waived failures do not count.
 */
export function exitCodeFor(result: Pick<ScoreResult, 'summary' | 'files'> & Partial<Pick<ScoreResult, 'waivers'>>, failOn: FailOn, options: { newOnly?: boolean; allowMissing?: boolean } = {}): 0 | 1 | 2 {
  if (result.summary.invalid > 0) return 2;
  if (result.waivers?.some((w) => w.expired)) return 1;
  const fails = (x: Finding) => failsRun(x, failOn, options.newOnly) || missesRun(x, failOn, options.allowMissing);
  return result.files.some((f) => f.findings.some(fails)) ? 1 : 0;
}
