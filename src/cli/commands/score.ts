import { appendFile, readFile } from 'node:fs/promises';
import { baselineKeys, markFile } from '../../engine/baseline.js';
import { NoInputsError, scorePaths } from '../../engine/batch.js';
import type { FileResult, ScoreResult } from '../../engine/model.js';
import { addToSummary, buildScoreResult, createScorer, emptySummary, failsRun, ruleSetHash, type Scorer } from '../../engine/score.js';
import { createWaiverApplier, todayIso } from '../../engine/waivers.js';
import { ndjsonFile, ndjsonHeader, ndjsonSummary } from '../../format/ndjson.js';
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
  const scorer = createScorer({ ...context, lang: options.lang });
  const waivers = createWaiverApplier(context.config?.waivers ?? [], todayIso(io.env));
  const head = { tool: { name: 'eduduty' as const, version: packageVersion() }, profile: context.profile.name, rules: { count: scorer.rules.length, sha256: ruleSetHash(scorer.rules, context.profile) } };
  // ndjson on stdout alone streams: each file's line is written as it is scored and then forgotten
  const streaming = options.format === 'ndjson' && outputs.length === 0;
  const summary = emptySummary();
  const kept: FileResult[] = [];
  const marks = { new: 0, existing: 0 };
  let failing = false;
  if (streaming) io.stdout.write(ndjsonHeader(head));
  const bar = batchProgress(io, 'files');
  try {
    await scorePaths(scorer, options.paths, {
      readStdin: io.readStdin,
      keep: false,
      onFile: bar.update,
      onResult: async (scored) => {
        let file = waivers.apply(scored);
        if (baseline) file = markFile(file, baseline);
        addToSummary(summary, file);
        for (const finding of file.findings) {
          if (finding.baseline) marks[finding.baseline]++;
          if (failsRun(finding, options.failOn, options.failOnNewOnly)) failing = true;
        }
        if (streaming) {
          io.stdout.write(ndjsonFile(file));
          await io.drain?.();
        } else kept.push(file);
      },
    });
  } catch (error) {
    if (error instanceof NoInputsError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
  const result: ScoreResult = { ...head, files: kept, summary };
  if (waivers.uses.length > 0) result.waivers = waivers.uses;
  if (baseline) result.baseline = { file: options.baseline!, ...marks };
  if (streaming) io.stdout.write(ndjsonSummary(result));
  else await writeOutputs(result, outputs, options, context, scorer, io);
  for (const waiver of result.waivers ?? []) {
    if (waiver.expired) io.stderr.write(`eduduty: the waiver of ${waiver.rule} for ${waiver.regions === '*' ? 'every region' : waiver.regions.join(', ')} (owner ${waiver.owner}) expired on ${waiver.expires}; renew or remove it\n`);
  }
  if (summary.invalid > 0) return 2;
  return waivers.uses.some((w) => w.expired) || failing ? 1 : 0;
}

async function writeOutputs(result: ScoreResult, outputs: ReturnType<typeof parseOutputs>, options: ScoreOptions & ResolvedOptions, context: RunContext, scorer: Scorer, io: CliIO): Promise<void> {
  const formatOptions: FormatOptions = { lang: options.lang, color: wantsColor(options, io), verbose: options.verbose, catalogue: context.catalogue, rules: scorer.rules };
  for (const output of outputs) await writeFileAtomic(output.file, await FORMATTERS[output.format](result, { ...formatOptions, color: false }));
  // a bare -o file takes the --format output away from stdout
  if (!outputs.some((o) => o.bare)) {
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
  if (options.format === 'json') io.stdout.write(FORMATTERS.json(result));
  else io.stdout.write(formatValidation(result, { lang: options.lang, color: wantsColor(options, io) }));
  return result.summary.invalid > 0 ? 2 : 0;
}
