/**
 * eduduty as a library: load the catalogue, rules and a profile, validate indicator files and score them
 * without the command line.
 *
 *   const catalogue = loadCatalogue();
 *   const ruleSet = loadRuleSet(catalogue);
 *   const scorer = createScorer({ catalogue, ruleSet, profile: defaultProfile(ruleSet) });
 *   const result = await scorer.scoreSource({ name: 'samples/2023/370100.json' });
 */
export { loadCatalogue, buildCatalogue, YOY_FIELDS } from './catalogue/catalogue.js';
export type { Catalogue, Indicator, IndicatorKind, Lang, Localised, RegionLevel, Unit } from './catalogue/catalogue.js';
export { loadShandongRegions } from './catalogue/regions.js';
export type { KnownRegion, RegionList } from './catalogue/regions.js';
export { buildIndicatorFileSchema } from './catalogue/schema.js';

export { readIndicatorFile, readIndicatorBytes, DEFAULT_MAX_BYTES } from './input/read.js';
export type { InputSource, ReadResult } from './input/read.js';
export { createValidator } from './input/validate.js';
export type { Validation, Validator } from './input/validate.js';
export { discoverInputs } from './input/discover.js';
export { regionsOf } from './input/model.js';
export type { IndicatorFile, IndicatorValue, IndicatorValues, InputProblem, RegionRecord, RegionRef, YoyValue } from './input/model.js';

export { loadRuleSet, checkRuleFile, bundledRulesDir } from './rules/load.js';
export { CATEGORIES, SEVERITIES, OPERATORS, defaultProfile, inProfile, rulesOfProfile, RuleSetError } from './rules/model.js';
export type { Category, Profile, Rule, RuleMeta, RuleSet, Severity } from './rules/model.js';

export { createScorer, buildScoreResult, exitCodeFor, summarise } from './engine/score.js';
export type { Scorer, ScorerOptions } from './engine/score.js';
export { runRuleExamples } from './engine/examples.js';
export type { ExampleOutcome } from './engine/examples.js';
export type { Evidence, FailOn, FileResult, Finding, ScoreResult, Status, Summary } from './engine/model.js';

export { FORMATTERS, FORMAT_NAMES } from './format/registry.js';
export type { FormatName, FormatOptions, Formatter } from './format/registry.js';
export { annotateWorkbook } from './format/annotate.js';
export type { AnnotateInput, AnnotateOptions } from './format/annotate.js';
export { slipWarnings } from './input/slips.js';
export { main } from './cli/main.js';

export { buildReport } from './report/aggregate.js';
export type { ReportOptions } from './report/aggregate.js';
export { chooseQuantifier, choosePraiseQuantifier, QUANTIFIERS, QUANTIFIER_WORDS, DEFAULT_SCALE, QuantifierScale } from './report/quantifier.js';
export type { Quantifier } from './report/quantifier.js';
export type { CityRow, CoverageNote, LevelStat, Praise, Problem, Rectification, Report, RuleStat } from './report/model.js';
export { REPORT_FORMATTERS } from './format/report/registry.js';
export type { ReportFormatName, ReportFormatter } from './format/report/registry.js';
export { SCORE_RESULT_SCHEMA } from './format/result-schema.js';
