import { readFile } from 'node:fs/promises';
import { baselineKeys, markFile } from '../../engine/baseline.js';
import { NoInputsError, scorePaths } from '../../engine/batch.js';
import type { FileResult, ScoreResult } from '../../engine/model.js';
import { addToSummary, buildScoreResult, createScorer, emptySummary, failsRun, resultHead, type Scorer } from '../../engine/score.js';
import { createWaiverApplier, todayIso } from '../../engine/waivers.js';
import type { FormatStream, Head, Tail, TextSink } from '../../format/stream.js';
import { formatJson, type JsonOptions } from '../../format/json.js';
import { formatValidation } from '../../format/pretty.js';
import { terminalText } from '../../format/escape.js';
import { FORMAT_NAMES, FORMATTERS, isStreamFormat, STREAM_FORMATTERS, type FormatName, type FormatOptions } from '../../format/registry.js';
import { packageVersion } from '../../home.js';
import { describeFsError } from '../../input/read.js';
import { prepareRun, type RunContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions, type ResolvedOptions } from '../options.js';
import { batchProgress } from '../progress.js';
import { loadRosters } from '../rosters.js';
import { appendSink, atomicFileSink, spoolSink, stdoutSink } from '../write.js';

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

/** One output of a run: a streamed format into its sink (by way of a spool when it has a preamble), or XLSX. */
interface Output {
  format: FormatName;
  sink: TextSink & { abort?: () => Promise<void> };
  stream?: FormatStream;
  spool?: ReturnType<typeof spoolSink>;
  /** XLSX is built whole: it keeps the files it is given. */
  kept?: FileResult[];
  options: FormatOptions;
}

function openOutput(format: FormatName, sink: Output['sink'], options: FormatOptions): Output {
  if (!isStreamFormat(format)) return { format, sink, kept: [], options };
  const stream = STREAM_FORMATTERS[format](options);
  return { format, sink, stream, options, ...(stream.preamble ? { spool: spoolSink() } : {}) };
}

async function finishOutput(output: Output, head: Head, tail: Tail): Promise<void> {
  const { sink, stream, spool, options } = output;
  if (!stream) {
    await sink.write(await FORMATTERS[output.format](buildScoreResultFrom(head, tail, output.kept ?? []), options));
  } else if (spool) {
    await spool.write(stream.end(tail));
    await sink.write(stream.preamble!(head, tail));
    await spool.copyTo(sink);
  } else {
    await sink.write(stream.end(tail));
  }
  await sink.close();
}

const buildScoreResultFrom = (head: Head, tail: Tail, files: FileResult[]): ScoreResult => ({ ...head, files, ...tail });

export async function runScore(raw: ScoreOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const specs = parseOutputs(options.output, options.format);
  const baseline = options.baseline ? await readBaseline(options.baseline) : undefined;
  const maxFileSize = options.maxFileSize ?? context.config?.maxFileSize;
  if (maxFileSize !== undefined && !(maxFileSize > 0)) throw new UsageError(`--max-file-size ${maxFileSize}: expected a size in MB above 0`);
  const toStdout = !specs.some((o) => o.bare);
  if (toStdout && options.format === 'xlsx' && io.stdout.isTTY) throw new UsageError('xlsx is a binary format: write it to a file with -o results.xlsx');
  const rosters = await loadRosters(options.schools ?? []);
  const scorer = createScorer({ ...context, lang: options.lang, schools: rosters.schools, ...(maxFileSize ? { maxBytes: Math.round(maxFileSize * 1024 * 1024) } : {}) });
  const waivers = createWaiverApplier(context.config?.waivers ?? [], todayIso(io.env));
  const head: Head = resultHead(packageVersion(), scorer, context.ruleSet.profiles);
  const formatOptions: FormatOptions = { lang: options.lang, color: false, verbose: options.verbose, catalogue: context.catalogue, rules: scorer.rules, ...jsonOptionsOf(options) };
  const stdoutOptions: FormatOptions = { ...formatOptions, color: wantsColor(options, io) };
  const summary = emptySummary();
  const marks = { new: 0, existing: 0 };
  let failing = false;
  const bar = batchProgress(io, 'files');
  // every format is written file by file as results arrive; only XLSX keeps the run
  const outputs: Output[] = [];
  const stepSummary = io.env.GITHUB_STEP_SUMMARY && (options.format === 'github' || specs.some((o) => o.format === 'github')) ? io.env.GITHUB_STEP_SUMMARY : undefined;
  try {
    for (const spec of specs) outputs.push(openOutput(spec.format, atomicFileSink(spec.file), formatOptions));
    if (toStdout) outputs.push(openOutput(options.format, stdoutSink(io), stdoutOptions));
    if (stepSummary) outputs.push(openOutput('markdown', appendSink(stepSummary), formatOptions));
    for (const output of outputs) if (output.stream) await (output.spool ?? output.sink).write(output.stream.begin(head));
    const onResult = async (scored: FileResult) => {
      let file = waivers.apply(scored);
      if (baseline) file = markFile(file, baseline);
      addToSummary(summary, file);
      for (const finding of file.findings) {
        if (finding.baseline) marks[finding.baseline]++;
        if (failsRun(finding, options.failOn, options.failOnNewOnly)) failing = true;
      }
      for (const output of outputs) {
        if (output.stream) await (output.spool ?? output.sink).write(output.stream.file(file));
        else output.kept!.push(file);
      }
    };
    for (const roster of rosters.invalid) await onResult(roster);
    await scorePaths(scorer, options.paths, { readStdin: io.readStdin, keep: false, onFile: bar.update, onResult });
    bar.stop();
    const tail: Tail = { summary, ...(waivers.uses.length > 0 ? { waivers: waivers.uses } : {}), ...(baseline ? { baseline: { file: options.baseline!, ...marks } } : {}) };
    for (const output of outputs) await finishOutput(output, head, tail);
  } catch (error) {
    for (const output of outputs) {
      await output.spool?.abort();
      await output.sink.abort?.();
    }
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
  for (const waiver of waivers.uses) {
    if (waiver.expired) io.stderr.write(terminalText(`eduduty: the waiver of ${waiver.rule} for ${waiver.regions === '*' ? 'every region' : waiver.regions.join(', ')} (owner ${waiver.owner}) expired on ${waiver.expires}; renew or remove it`) + '\n');
  }
  if (summary.invalid > 0) return 2;
  return waivers.uses.some((w) => w.expired) || failing ? 1 : 0;
}

export async function runValidate(raw: CommonOptions & { paths: string[] }, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const { files } = await scoreForCli(context, options, options.paths, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  if (options.format === 'json') io.stdout.write(formatJson(result, jsonOptionsOf(options)));
  else io.stdout.write(formatValidation(result, { lang: options.lang, color: wantsColor(options, io) }));
  return result.summary.invalid > 0 ? 2 : 0;
}
