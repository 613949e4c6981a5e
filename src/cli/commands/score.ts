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
  options: ResolvedOptions,
  paths: string[],
  io: CliIO,
  score = true,
  rosters?: Awaited<ReturnType<typeof loadRosters>>,
  reuse?: Scorer,
): Promise<{ files: FileResult[]; scorer: Scorer }> {
  rosters ??= await loadRosters(options.schools ?? []);
  const scorer = reuse ?? createScorer({ ...context, lang: options.lang, schools: rosters.schools });
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

const jsonOptionsOf = (options: CommonOptions): JsonOptions => ({ detail: options.detail ?? 'thin', indent: options.indent === true });

export async function runScore(raw: ScoreOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const outputs = parseOutputs(options.output, options.format);
  const baseline = options.baseline ? await readBaseline(options.baseline) : undefined;
  const maxFileSize = options.maxFileSize ?? context.config?.maxFileSize;
  if (maxFileSize !== undefined && !(maxFileSize > 0)) throw new UsageError(`--max-file-size ${maxFileSize}: expected a size in MB above 0`);
  const rosters = await loadRosters(options.schools ?? []);
  const scorer = createScorer({ ...context, lang: options.lang, schools: rosters.schools, ...(maxFileSize ? { maxBytes: Math.round(maxFileSize * 1024 * 1024) } : {}) });
  const waivers = createWaiverApplier(context.config?.waivers ?? [], todayIso(io.env));
  const head = resultHead(packageVersion(), scorer, context.ruleSet.profiles);
  // json and ndjson are written file by file as results arrive; other formats need the whole run
  const toStdout = !outputs.some((o) => o.bare);
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
    if (waiver.expired) io.stderr.write(terminalText(`eduduty: the waiver of ${waiver.rule} for ${waiver.regions === '*' ? 'every region' : waiver.regions.join(', ')} (owner ${waiver.owner}) expired on ${waiver.expires}; renew or remove it`) + '\n');
  }
  if (summary.invalid > 0) return 2;
  return waivers.uses.some((w) => w.expired) || failing ? 1 : 0;
}

async function writeOutputs(result: ScoreResult, outputs: ReturnType<typeof parseOutputs>, toStdout: boolean, options: ScoreOptions & ResolvedOptions, context: RunContext, scorer: Scorer, io: CliIO): Promise<void> {
  const formatOptions: FormatOptions = { lang: options.lang, color: wantsColor(options, io), verbose: options.verbose, catalogue: context.catalogue, rules: scorer.rules, ...jsonOptionsOf(options) };
  for (const output of outputs) await writeFileAtomic(output.file, await FORMATTERS[output.format](result, { ...formatOptions, color: false }));
  if (toStdout) {
    if (options.format === 'xlsx' && io.stdout.isTTY) throw new UsageError('xlsx is a binary format: write it to a file with -o results.xlsx');
    io.stdout.write(await FORMATTERS[options.format](result, formatOptions));
  }
  const usesGithub = options.format === 'github' || outputs.some((o) => o.format === 'github');
  if (usesGithub && io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, formatMarkdown(result, { ...formatOptions, color: false }) + '\n');
}

export async function runValidate(raw: CommonOptions & { paths: string[] }, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const { files } = await scoreForCli(context, options, options.paths, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  if (options.format === 'json') io.stdout.write(formatJson(result, jsonOptionsOf(options)));
  else io.stdout.write(formatValidation(result, { lang: options.lang, color: wantsColor(options, io) }));
  return result.summary.invalid > 0 ? 2 : 0;
}
