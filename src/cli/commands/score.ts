import { appendFile, readFile } from 'node:fs/promises';
import { baselineKeys, markAgainstBaseline } from '../../engine/baseline.js';
import { NoInputsError, scorePaths } from '../../engine/batch.js';
import type { FileResult, ScoreResult } from '../../engine/model.js';
import { buildScoreResult, createScorer, exitCodeFor, summarise, type Scorer } from '../../engine/score.js';
import { applyWaivers, todayIso } from '../../engine/waivers.js';
import { formatMarkdown } from '../../format/markdown.js';
import { formatValidation } from '../../format/pretty.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName, type FormatOptions } from '../../format/registry.js';
import { packageVersion } from '../../home.js';
import { describeFsError } from '../../input/read.js';
import { prepareRun, type RunContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions, type ResolvedOptions } from '../options.js';
import { batchProgress } from '../progress.js';
import { writeFileAtomic } from '../write.js';

export interface ScoreOptions extends CommonOptions {
  paths: string[];
  /** `format=file` pairs, or a bare file for the --format output. */
  output: string[];
  baseline?: string;
  failOnNewOnly: boolean;
}

/** Scores the paths with the run's one scorer; a path that yields no file is a usage error. */
export async function scoreForCli(context: RunContext, options: ResolvedOptions, paths: string[], io: CliIO, score = true): Promise<{ files: FileResult[]; scorer: Scorer }> {
  const scorer = createScorer({ ...context, lang: options.lang });
  const bar = batchProgress(io, 'files');
  try {
    return { files: await scorePaths(scorer, paths, { readStdin: io.readStdin, score, onFile: bar.update }), scorer };
  } catch (error) {
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
}

/** `-o sarif=out.sarif` → [sarif, out.sarif]; a bare `-o out.txt` takes the --format. */
export function parseOutputs(outputs: readonly string[], format: FormatName): { format: FormatName; file: string; bare: boolean }[] {
  return outputs.map((spec) => {
    const match = /^([a-z]+)=(.+)$/.exec(spec);
    if (!match) return { format, file: spec, bare: true };
    const name = match[1] as FormatName;
    if (!FORMAT_NAMES.includes(name)) throw new UsageError(`--output ${spec}: unknown format "${name}"; formats: ${FORMAT_NAMES.join(', ')}`);
    return { format: name, file: match[2]!, bare: false };
  });
}

async function readBaseline(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--baseline ${path}: ${describeFsError(error)}`);
  }
  try {
    const previous = JSON.parse(text) as Partial<ScoreResult>;
    if (previous.tool?.name !== 'eduduty' || !Array.isArray(previous.files)) throw new Error('expected "tool": { "name": "eduduty" } and a "files" list');
    return baselineKeys(previous as ScoreResult);
  } catch (error) {
    throw new UsageError(`--baseline ${path}: not the JSON output of eduduty score (${(error as Error).message})`);
  }
}

export async function runScore(raw: ScoreOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const outputs = parseOutputs(options.output, options.format);
  const baseline = options.baseline ? await readBaseline(options.baseline) : undefined;
  const { files: scored, scorer } = await scoreForCli(context, options, options.paths, io);
  const waived = applyWaivers(scored, context.config?.waivers ?? [], todayIso(io.env));
  const files = baseline ? markAgainstBaseline(waived.files, baseline) : waived.files;
  const result: ScoreResult = { ...buildScoreResult(packageVersion(), context.profile, files, scorer.rules), summary: summarise(files) };
  if (waived.waivers.length > 0) result.waivers = waived.waivers;
  if (baseline) {
    const failing = files.flatMap((f) => f.findings.filter((x) => x.baseline));
    result.baseline = { file: options.baseline!, new: failing.filter((x) => x.baseline === 'new').length, existing: failing.filter((x) => x.baseline === 'existing').length };
  }
  const formatOptions: FormatOptions = { lang: options.lang, color: wantsColor(options, io), verbose: options.verbose, catalogue: context.catalogue, rules: scorer.rules };
  for (const output of outputs) await writeFileAtomic(output.file, await FORMATTERS[output.format](result, { ...formatOptions, color: false }));
  // a bare -o file takes the --format output away from stdout
  if (!outputs.some((o) => o.bare)) {
    if (options.format === 'xlsx' && io.stdout.isTTY) throw new UsageError('xlsx is a binary format: write it to a file with -o results.xlsx');
    io.stdout.write(await FORMATTERS[options.format](result, formatOptions));
  }
  const usesGithub = options.format === 'github' || outputs.some((o) => o.format === 'github');
  if (usesGithub && io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(result, { ...formatOptions, color: false }) + '\n');
  for (const waiver of result.waivers ?? []) {
    if (waiver.expired) io.stderr.write(`eduduty: the waiver of ${waiver.rule} for ${waiver.regions === '*' ? 'every region' : waiver.regions.join(', ')} (owner ${waiver.owner}) expired on ${waiver.expires}; renew or remove it\n`);
  }
  return exitCodeFor(result, options.failOn, { newOnly: options.failOnNewOnly });
}

export async function runValidate(raw: CommonOptions & { paths: string[] }, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const { files } = await scoreForCli(context, options, options.paths, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  if (options.format === 'json') io.stdout.write(FORMATTERS.json(result));
  else io.stdout.write(formatValidation(result, { lang: options.lang, color: wantsColor(options, io) }));
  return result.summary.invalid > 0 ? 2 : 0;
}
