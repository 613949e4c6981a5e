import { NoInputsError, scorePaths } from '../../engine/batch.js';
import { buildScoreResult, createScorer, exitCodeFor } from '../../engine/score.js';
import type { FileResult } from '../../engine/model.js';
import { FORMATTERS } from '../../format/registry.js';
import { formatValidation } from '../../format/pretty.js';
import { packageVersion } from '../../home.js';
import { loadContext, type RunContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions } from '../options.js';
import { batchProgress } from '../progress.js';

export interface ScoreOptions extends CommonOptions {
  paths: string[];
}

/** Scores the paths with the run's one scorer; a path that yields no file is a usage error. */
export async function scoreForCli(context: RunContext, options: CommonOptions, paths: string[], io: CliIO, score = true): Promise<FileResult[]> {
  const scorer = createScorer({ ...context, lang: options.lang });
  const bar = batchProgress(io, 'files');
  try {
    return await scorePaths(scorer, paths, { readStdin: io.readStdin, score, onFile: bar.update });
  } catch (error) {
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
}

export async function runScore(options: ScoreOptions, io: CliIO): Promise<number> {
  const context = loadContext(options);
  const files = await scoreForCli(context, options, options.paths, io);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  const formatter = FORMATTERS[options.format];
  io.stdout.write(formatter(result, { lang: options.lang, color: wantsColor(options, io), verbose: options.verbose, catalogue: context.catalogue }));
  return exitCodeFor(result, options.failOn);
}

export async function runValidate(options: ScoreOptions, io: CliIO): Promise<number> {
  const context = loadContext(options);
  const files = await scoreForCli(context, options, options.paths, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  if (options.format === 'json') io.stdout.write(FORMATTERS.json(result));
  else io.stdout.write(formatValidation(result, { lang: options.lang, color: wantsColor(options, io) }));
  return result.summary.invalid > 0 ? 2 : 0;
}
