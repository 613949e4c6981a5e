import { appendFile, readFile } from 'node:fs/promises';
import { baselineKeys, markFile } from '../../engine/baseline.js';
import { NoInputsError, scorePaths } from '../../engine/batch.js';
import type { FileResult, ScoreResult } from '../../engine/model.js';
import { addToSummary, buildScoreResult, createScorer, emptySummary, failsRun, resultHead, type Scorer } from '../../engine/score.js';
import { createWaiverApplier, todayIso } from '../../engine/waivers.js';
import { isStreamFormat, STREAM_WRITERS, type StreamFormat, type StreamWriter } from '../../format/stream.js';
import { formatJson, type JsonOptions } from '../../format/json.js';
import { formatMarkdown } from '../../format/markdown.js';
import { formatValidation } from '../../format/pretty.js';
import { terminalText } from '../../format/escape.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName, type FormatOptions } from '../../format/registry.js';
import { packageVersion } from '../../home.js';
import { describeFsError } from '../../input/read.js';
import { prepareRun, type RunContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions, type ResolvedOptions } from '../options.js';
import { batchProgress } from '../progress.js';
import { loadRosters } from '../rosters.js';
import { atomicFileSink, stdoutSink, writeFileAtomic } from '../write.js';
import type { Lang } from '../../catalogue/catalogue.js';
import { listOf, msg } from '../../text/messages.js';
import { COMMAND_FORMATS, type CommandFormats } from '../formats.js';
import { parseOutputs, writesStdout, type OutputTarget } from '../outputs.js';

/** The size limit of the run's inputs, for the scorer. */
const maxBytesOf = (options: ResolvedOptions<string>) => (options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});

export interface ScoreOptions extends CommonOptions {
  paths: string[];
  /** `format=file` pairs, or a bare file for the --format output. */
  output: string[];
  baseline?: string;
  failOnNewOnly: boolean;
  /** MB. */
  maxFileSize?: number;
}

/** Scores the paths with the run's one scorer; a path that yields no file is a usage error. */
export async function scoreForCli(
  context: RunContext,
  options: ResolvedOptions<string>,
  paths: string[],
  io: CliIO,
  score = true,
  rosters?: Awaited<ReturnType<typeof loadRosters>>,
  reuse?: Scorer,
): Promise<{ files: FileResult[]; scorer: Scorer }> {
  rosters ??= await loadRosters(options.schools ?? [], options);
  const scorer = reuse ?? createScorer({ ...context, lang: options.lang, schools: rosters.schools, ...maxBytesOf(options) });
  const bar = batchProgress(io, 'files');
  try {
    return { files: [...rosters.invalid, ...(await scorePaths(scorer, paths, { readStdin: io.readStdin, score, onFile: bar.update }))], scorer };
  } catch (error) {
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
}

async function readBaseline(path: string, lang: Lang): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(msg(lang, 'cli.baseline-unreadable', { file: path, reason: describeFsError(error, lang) }));
  }
  try {
    const previous = JSON.parse(text) as Partial<ScoreResult>;
    if (previous.tool?.name !== 'eduduty' || !Array.isArray(previous.files)) throw new Error(msg(lang, 'cli.baseline-shape'));
    return baselineKeys(previous as ScoreResult);
  } catch (error) {
    throw new UsageError(msg(lang, 'cli.baseline-not-result', { file: path, reason: (error as Error).message }));
  }
}

const jsonOptionsOf = (options: CommonOptions<string>): JsonOptions => ({ detail: options.detail ?? 'thin', indent: options.indent === true });

export async function runScore(raw: ScoreOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const outputs = parseOutputs(options.output, COMMAND_FORMATS.score, options.format, options.lang);
  const baseline = options.baseline ? await readBaseline(options.baseline, options.lang) : undefined;
  const rosters = await loadRosters(options.schools ?? [], options);
  const scorer = createScorer({ ...context, lang: options.lang, schools: rosters.schools, ...maxBytesOf(options) });
  const waivers = createWaiverApplier(context.config?.waivers ?? [], todayIso(io.env));
  const head = resultHead(packageVersion(), scorer, context.ruleSet.profiles);
  // json and ndjson are written file by file as results arrive; other formats need the whole run
  const toStdout = writesStdout(outputs);
  const streamed: { writer: StreamWriter; abort?: () => Promise<void> }[] = [];
  for (const output of outputs.filter((o) => isStreamFormat(o.format))) {
    const sink = atomicFileSink(output.file);
    streamed.push({ writer: STREAM_WRITERS[output.format as StreamFormat](sink, jsonOptionsOf(options)), abort: sink.abort });
  }
  if (toStdout && isStreamFormat(options.format)) streamed.push({ writer: STREAM_WRITERS[options.format](stdoutSink(io), jsonOptionsOf(options)) });
  const whole = outputs.filter((o) => !isStreamFormat(o.format));
  const keep = whole.length > 0 || (toStdout && !isStreamFormat(options.format));
  const summary = emptySummary();
  const kept: FileResult[] = [];
  const marks = { new: 0, existing: 0 };
  let failing = false;
  const bar = batchProgress(io, 'files');
  const onResult = async (scored: FileResult) => {
    let file = waivers.apply(scored);
    if (baseline) file = markFile(file, baseline);
    addToSummary(summary, file);
    for (const finding of file.findings) {
      if (finding.baseline) marks[finding.baseline]++;
      if (failsRun(finding, options.failOn, options.failOnNewOnly)) failing = true;
    }
    for (const { writer } of streamed) await writer.file(file);
    if (keep) kept.push(file);
  };
  try {
    for (const { writer } of streamed) await writer.begin(head);
    for (const roster of rosters.invalid) await onResult(roster);
    await scorePaths(scorer, options.paths, { readStdin: io.readStdin, keep: false, onFile: bar.update, onResult });
  } catch (error) {
    for (const { abort } of streamed) await abort?.();
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
  const result: ScoreResult = { ...head, files: kept, summary };
  if (waivers.uses.length > 0) result.waivers = waivers.uses;
  if (baseline) result.baseline = { file: options.baseline!, ...marks };
  for (const { writer } of streamed) await writer.end({ summary: result.summary, waivers: result.waivers, baseline: result.baseline });
  await writeOutputs(result, whole, toStdout && !isStreamFormat(options.format), options, context, scorer, io);
  for (const waiver of result.waivers ?? []) {
    const lang = options.lang;
    const regions = waiver.regions === '*' ? msg(lang, 'cli.waiver-every-region') : listOf(lang, waiver.regions);
    if (waiver.expired) io.stderr.write(terminalText(`${msg(lang, 'cli.prefix')}${msg(lang, 'cli.waiver-expired', { rule: waiver.rule, regions, owner: waiver.owner, expires: waiver.expires })}`) + '\n');
  }
  if (summary.invalid > 0) return 2;
  return waivers.uses.some((w) => w.expired) || failing ? 1 : 0;
}

async function writeOutputs(result: ScoreResult, outputs: readonly OutputTarget<FormatName>[], toStdout: boolean, options: ScoreOptions & ResolvedOptions, context: RunContext, scorer: Scorer, io: CliIO): Promise<void> {
  const formatOptions: FormatOptions = { lang: options.lang, color: wantsColor(options, io), verbose: options.verbose, catalogue: context.catalogue, rules: scorer.rules, ...jsonOptionsOf(options) };
  for (const output of outputs) await writeFileAtomic(output.file, await FORMATTERS[output.format](result, { ...formatOptions, color: false }));
  if (toStdout) {
    if (options.format === 'xlsx' && io.stdout.isTTY) throw new UsageError(msg(options.lang, 'cli.binary-to-terminal', { format: 'xlsx', file: 'results.xlsx' }));
    io.stdout.write(await FORMATTERS[options.format](result, formatOptions));
  }
  const usesGithub = options.format === 'github' || outputs.some((o) => o.format === 'github');
  if (usesGithub && io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(result, { ...formatOptions, color: false }) + '\n');
}

export interface ValidateOptions extends CommonOptions<ValidateFormat> {
  paths: string[];
  output: string[];
}

type ValidateFormat = CommandFormats['validate'][number];

export async function runValidate(raw: ValidateOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const outputs = parseOutputs(options.output, COMMAND_FORMATS.validate, options.format, options.lang);
  const { files } = await scoreForCli(context, options, options.paths, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  const render = (format: ValidateFormat, color: boolean) => (format === 'json' ? formatJson(result, jsonOptionsOf(options)) : formatValidation(result, { lang: options.lang, color }));
  for (const output of outputs) await writeFileAtomic(output.file, render(output.format, false));
  if (writesStdout(outputs)) io.stdout.write(render(options.format, wantsColor(options, io)));
  return result.summary.invalid > 0 ? 2 : 0;
}
