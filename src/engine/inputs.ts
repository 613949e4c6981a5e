import type { Lang } from '../catalogue/catalogue.js';
import type { InputSource } from '../input/read.js';
import { msg } from '../text/messages.js';
import type { FileResult, ScoreResult } from './model.js';
import { createScorer, resultHead, summarise, type Scorer, type ScorerOptions } from './score.js';

/**
 * Every result of one input (one per city of a table): a fault while scoring it costs that input only, and is
 * reported as its result.
 */
export async function scoreInput(scorer: Scorer, source: InputSource, score = true): Promise<FileResult[]> {
  try {
    return score ? await scorer.scoreSources(source) : await scorer.validateSources(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{ file: source.name, valid: false, errors: [{ path: '', code: 'internal', message: msg(scorer.validator.lang, 'input.internal', { detail }) }], warnings: [], findings: [] }];
  }
}

/** A file held in memory: a browser's dropped file, or a test's. */
export interface InMemoryInput {
  name: string;
  bytes: Uint8Array;
}

export interface ScoreInputsOptions extends ScorerOptions {
  version: string;
  /** Read and validate only, as `validate` does. */
  validateOnly?: boolean;
}

const byName = (a: InMemoryInput, b: InMemoryInput) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Scores files held in memory as `score --format json` scores the same files on disk (sorted by name, as a
 * folder is read): the same head, files and summary.
 */
export async function scoreInputs(inputs: readonly InMemoryInput[], options: ScoreInputsOptions): Promise<{ result: ScoreResult; scorer: Scorer }> {
  const scorer = createScorer(options);
  const files: FileResult[] = [];
  const claimed = new Map<string, string>();
  for (const input of [...inputs].sort(byName)) {
    for (const result of await scoreInput(scorer, input, !options.validateOnly)) files.push(claimRegion(result, claimed, scorer.validator.lang));
  }
  const result: ScoreResult = { ...resultHead(options.version, scorer, options.ruleSet.profiles), files, summary: summarise(files) };
  return { result, scorer };
}

function shownName(result: FileResult): string {
  return result.sheet && result.sheet !== 'csv' ? `${result.file} › ${result.sheet}` : result.file;
}

/**
 * One region, one result: the first input of a run that scores a region (and year) claims it; a later one is an
 * invalid input naming both, and is neither scored nor counted again.
 */
export function claimRegion(result: FileResult, claimed: Map<string, string>, lang: Lang): FileResult {
  if (!result.region || result.year === undefined || (!result.valid && result.findings.length === 0)) return result;
  const key = `${result.region.code}|${result.year}`;
  const first = claimed.get(key);
  if (first === undefined) {
    claimed.set(key, shownName(result));
    return result;
  }
  const { code, name } = result.region;
  const error = { path: '/region/code', code: 'duplicate-region', message: msg(lang, 'score.duplicate-submission', { region: name, code, year: result.year, first }) };
  return { ...result, valid: false, errors: [...result.errors, error], findings: [] };
}
