import { baselineKeys, markFile } from '../../engine/baseline.js';
import { NoInputsError, scorePaths } from '../../engine/batch.js';
import type { FileResult, ScoreResult } from '../../engine/model.js';
import { addToSummary, buildScoreResult, createScorer, emptySummary, failsRun, missesRun, resultHead, type Scorer } from '../../engine/score.js';
import { createWaiverApplier, todayIso } from '../../engine/waivers.js';
import type { FormatStream, Head, Tail, TextSink } from '../../format/stream.js';
import { formatJson, type JsonOptions } from '../../format/json.js';
import { formatValidation } from '../../format/pretty.js';
import { terminalText } from '../../format/escape.js';
import { FORMAT_NAMES, FORMATTERS, isStreamFormat, STREAM_FORMATTERS, type FormatName, type FormatOptions } from '../../format/registry.js';
import { packageVersion } from '../../home.js';
import { DEFAULT_MAX_BYTES } from '../../input/read.js';
import { readRegularFile } from '../../input/budget.js';
import { prepareRun, type RunContext } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import { wantsColor, type CommonOptions, type ResolvedOptions } from '../options.js';
import { batchProgress } from '../progress.js';
import { loadRosters } from '../rosters.js';
import { appendSink, OutputFiles, spoolSink, stdoutSink, writeOutputs } from '../write.js';
import type { Lang } from '../../catalogue/catalogue.js';
import { listOf, msg } from '../../text/messages.js';
import { COMMAND_FORMATS, type CommandFormats } from '../formats.js';
import { parseOutputs, refuseClashes, settingsRead, writesStdout, type OutputTarget } from '../outputs.js';
import { checkAnnotated, splitAnnotated, writeAnnotated } from '../annotated.js';

/** The size limit of the run's inputs, for the scorer. */
const maxBytesOf = (options: ResolvedOptions<string>) => (options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});
/** The divisions the config declares absent by year, for the scorer's completeness check. */
const absentOf = (context: RunContext) => (context.config?.absentDivisions ? { absentDivisions: context.config.absentDivisions } : {});

export interface ScoreOptions extends CommonOptions {
  paths: string[];
  /** `format=file` pairs, or a bare file for the --format output. */
  output: string[];
  baseline?: string;
  failOnNewOnly: boolean;
  /** Missing data does not fail the run. */
  allowMissing?: boolean;
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
  const scorer = reuse ?? createScorer({ ...context, lang: options.lang, schools: rosters.schools, ...maxBytesOf(options), ...absentOf(context) });
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

async function readBaseline(path: string, lang: Lang, maxBytes: number = DEFAULT_MAX_BYTES): Promise<Set<string>> {
  const read = readRegularFile(path, lang, { maxBytes });
  if (!read.ok) throw new UsageError(msg(lang, 'cli.baseline-unreadable', { file: path, reason: read.problem.message }));
  const text = read.bytes.toString('utf8');
  try {
    const previous = JSON.parse(text) as Partial<ScoreResult>;
    if (previous.tool?.name !== 'eduduty' || !Array.isArray(previous.files)) throw new Error(msg(lang, 'cli.baseline-shape'));
    return baselineKeys(previous as ScoreResult);
  } catch (error) {
    // a syntax error is named, never quoted: the file's text stays out of the message
    const reason = error instanceof SyntaxError ? msg(lang, 'input.json-syntax-bare') : (error as Error).message;
    throw new UsageError(msg(lang, 'cli.baseline-not-result', { file: path, reason }));
  }
}

const jsonOptionsOf = (options: CommonOptions<string>): JsonOptions => ({ detail: options.detail ?? 'thin', indent: options.indent === true });

/** One output of a run: a streamed format into its sink (by way of a spool when it has a preamble), or XLSX. */
interface Output {
  format: FormatName;
  sink: TextSink;
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
  const { annotated, outputs: formatSpecs } = splitAnnotated(options.output);
  checkAnnotated(annotated, options.paths);
  const specs = parseOutputs(formatSpecs, COMMAND_FORMATS.score, options.format, options.lang);
  const byInput = new Map<string, FileResult[]>();
  const baseline = options.baseline ? await readBaseline(options.baseline, options.lang, options.maxBytes) : undefined;
  const toStdout = writesStdout(specs);
  if (toStdout && options.format === 'xlsx' && io.stdout.isTTY) throw new UsageError(msg(options.lang, 'cli.binary-to-terminal', { format: 'xlsx', file: 'results.xlsx' }));
  const stepSummary = io.env.GITHUB_STEP_SUMMARY && (options.format === 'github' || specs.some((o) => o.format === 'github')) ? io.env.GITHUB_STEP_SUMMARY : undefined;
  const named = [...specs, ...(stepSummary ? [{ spec: 'GITHUB_STEP_SUMMARY', file: stepSummary }] : [])];
  await refuseClashes(named, [...options.paths, ...(options.baseline ? [options.baseline] : []), ...settingsRead(options, context)], { stdout: toStdout, lang: options.lang });
  const rosters = await loadRosters(options.schools ?? [], options);
  const scorer = createScorer({ ...context, lang: options.lang, schools: rosters.schools, ...maxBytesOf(options), ...absentOf(context) });
  const allowMissing = options.allowMissing ?? context.config?.allowMissing ?? false;
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
  const files = new OutputFiles();
  try {
    for (const spec of specs) outputs.push(openOutput(spec.format, await files.open(spec.file), formatOptions));
    if (toStdout) outputs.push(openOutput(options.format, stdoutSink(io), stdoutOptions));
    if (stepSummary) outputs.push(openOutput('markdown', appendSink(stepSummary), formatOptions));
    for (const output of outputs) if (output.stream) await (output.spool ?? output.sink).write(output.stream.begin(head));
    const onResult = async (scored: FileResult) => {
      let file = waivers.apply(scored);
      if (baseline) file = markFile(file, baseline);
      addToSummary(summary, file);
      if (annotated.length > 0) byInput.set(file.file, [...(byInput.get(file.file) ?? []), file]);
      for (const finding of file.findings) {
        if (finding.baseline) marks[finding.baseline]++;
        if (failsRun(finding, options.failOn, options.failOnNewOnly) || missesRun(finding, options.failOn, allowMissing)) failing = true;
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
    if (annotated.length > 0) await writeAnnotated(annotated, byInput, { lang: options.lang, catalogue: context.catalogue, write: (file, bytes) => files.write(file, bytes) });
    await files.commit();
  } catch (error) {
    for (const output of outputs) await output.spool?.abort();
    await files.abort();
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
  for (const waiver of waivers.uses) {
    const lang = options.lang;
    const regions = waiver.regions === '*' ? msg(lang, 'cli.waiver-every-region') : listOf(lang, waiver.regions);
    if (waiver.expired) io.stderr.write(terminalText(`${msg(lang, 'cli.prefix')}${msg(lang, 'cli.waiver-expired', { rule: waiver.rule, regions, owner: waiver.owner, expires: waiver.expires })}`) + '\n');
  }
  if (summary.invalid > 0) return 2;
  return waivers.uses.some((w) => w.expired) || failing ? 1 : 0;
}

export interface ValidateOptions extends CommonOptions<ValidateFormat> {
  paths: string[];
  output: string[];
}

type ValidateFormat = CommandFormats['validate'][number];

export async function runValidate(raw: ValidateOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const outputs = parseOutputs(options.output, COMMAND_FORMATS.validate, options.format, options.lang);
  await refuseClashes(outputs, [...options.paths, ...settingsRead(options, context)], { stdout: writesStdout(outputs), lang: options.lang });
  const { files } = await scoreForCli(context, options, options.paths, io, false);
  const result = buildScoreResult(packageVersion(), context.profile, files);
  const render = (format: ValidateFormat, color: boolean) => (format === 'json' ? formatJson(result, jsonOptionsOf(options)) : formatValidation(result, { lang: options.lang, color }));
  await writeOutputs(outputs.map((o) => ({ file: o.file, content: () => render(o.format, false) })));
  if (writesStdout(outputs)) io.stdout.write(render(options.format, wantsColor(options, io)));
  return result.summary.invalid > 0 ? 2 : 0;
}
