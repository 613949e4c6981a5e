import { createScorer } from '../../engine/score.js';
import { buildScoreResult, exitCodeFor } from '../../engine/score.js';
import type { FileResult } from '../../engine/model.js';
import { FORMATTERS } from '../../format/registry.js';
import { formatValidation } from '../../format/pretty.js';
import { packageVersion } from '../../home.js';
import { discoverInputs } from '../../input/discover.js';
import { loadContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions } from '../options.js';

export interface ScoreOptions extends CommonOptions {
  paths: string[];
}

async function collectResults(options: ScoreOptions, io: CliIO, score: boolean): Promise<{ files: FileResult[]; context: ReturnType<typeof loadContext> }> {
  const context = loadContext(options);
  const scorer = createScorer({ ...context, lang: options.lang });
  const inputs = await discoverInputs(options.paths);
  if (inputs.length === 0) throw new UsageError(`no indicator files (*.json, *.yaml, *.yml) found in ${options.paths.join(', ')}`);
  const files: FileResult[] = [];
  let stdinUsed = false;
  for (const input of inputs) {
    if (input.problem) {
      files.push({ file: input.name, valid: false, errors: [{ path: '', code: 'unreadable', message: input.problem }], warnings: [], findings: [] });
      continue;
    }
    const isStdin = input.name === '-';
    if (isStdin && stdinUsed) throw new UsageError('standard input (-) can be given only once');
    stdinUsed ||= isStdin;
    const result = isStdin ? await scorer.scoreBytes('<stdin>', await io.readStdin()) : await scorer.scoreSource({ name: input.name });
    files.push(score ? result : { ...result, findings: [] });
  }
  return { files, context };
}

export async function runScore(options: ScoreOptions, io: CliIO): Promise<number> {
  const { files, context } = await collectResults(options, io, true);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  const formatter = FORMATTERS[options.format];
  io.stdout.write(formatter(result, { lang: options.lang, color: wantsColor(options, io), verbose: options.verbose, catalogue: context.catalogue }));
  return exitCodeFor(result, options.failOn);
}

export async function runValidate(options: ScoreOptions, io: CliIO): Promise<number> {
  const { files, context } = await collectResults(options, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  if (options.format === 'json') io.stdout.write(FORMATTERS.json(result));
  else io.stdout.write(formatValidation(result, { lang: options.lang, color: wantsColor(options, io) }));
  return result.summary.invalid > 0 ? 2 : 0;
}
