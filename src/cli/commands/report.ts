import { ConfigError, describeSettingsIssues, readSettingsFile, zodErrors } from '../../config/config.js';
import { FEEDBACK_FORMATTERS, REPORT_FORMATTERS, type ReportFormatName } from '../../format/report/registry.js';
import { packageVersion } from '../../home.js';
import { provinceReport } from '../../report/province.js';
import { QuantifierScale } from '../../report/quantifier.js';
import { describeFsError } from '../../input/read.js';
import { rulesOfProfile } from '../../rules/model.js';
import type { Lang } from '../../catalogue/catalogue.js';
import { listOf, msg } from '../../text/messages.js';
import { COMMAND_FORMATS } from '../formats.js';
import { parseOutputs, refuseClashes, settingsRead, writesStdout } from '../outputs.js';
import { prepareRun } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import type { CommonOptions } from '../options.js';
import { writeOutputs } from '../write.js';
import { terminalText } from '../../format/escape.js';
import { scoreForCli } from './score.js';
import { balancesByCounty } from '../../schools/feed.js';
import { loadRosters } from '../rosters.js';

export interface ReportOptions extends CommonOptions<ReportFormatName> {
  paths: string[];
  previous: string[];
  quantifiers?: string;
  /** FORMAT=FILE or a bare FILE, as for score. */
  output: string[];
  /** Name failing regions in the problems section. */
  names?: boolean;
  /** Write 逐市反馈 to this file instead of after the report. */
  feedback?: string;
}

async function readScale(path: string | undefined, lang: Lang): Promise<QuantifierScale | undefined> {
  if (!path) return undefined;
  let value: unknown;
  try {
    value = readSettingsFile(path, lang);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const parsed = QuantifierScale.safeParse(value, { error: zodErrors(lang) });
  if (parsed.success) return parsed.data;
  const keys = Object.keys(QuantifierScale.shape);
  throw new UsageError(msg(lang, 'cli.not-a-scale', { file: path, detail: describeSettingsIssues(parsed.error.issues, keys, lang), keys: listOf(lang, keys) }));
}

export async function runReport(raw: ReportOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const outputs = parseOutputs(options.output, COMMAND_FORMATS.report, options.format, options.lang);
  const named = [...(options.feedback ? [{ spec: `--feedback ${options.feedback}`, file: options.feedback }] : []), ...outputs];
  const read = [...options.paths, ...options.previous, ...(options.quantifiers ? [options.quantifiers] : []), ...settingsRead(options, context)];
  await refuseClashes(named, read, { stdout: writesStdout(outputs), lang: options.lang });
  const scale = await readScale(options.quantifiers, options.lang);
  const common = options;
  const rosters = await loadRosters(options.schools ?? [], options);
  const { files, scorer } = await scoreForCli(context, common, options.paths, io, true, rosters);
  // last year's files reuse the scorer (one schema and rule compile) unless it carries this year's rosters
  const reuse = rosters.schools.length === 0 ? scorer : undefined;
  const previous = options.previous.length > 0 ? (await scoreForCli(context, common, options.previous, io, true, { schools: [], invalid: [] }, reuse)).files : undefined;
  const leftOut = () => {
    for (const file of [...files, ...(previous ?? [])].filter((f) => !f.valid)) {
      const first = file.errors[0];
      const at = `${file.file}${first?.line !== undefined ? `:${first.line}:${first.column}` : ''}`;
      const problem = `${first?.path ? first.path + ': ' : ''}${first?.message ?? msg(options.lang, 'cli.invalid-file')}`;
      io.stderr.write(`${msg(options.lang, 'cli.prefix')}${msg(options.lang, 'cli.left-out-of-report', { file: terminalText(at), problem: terminalText(problem) })}\n`);
    }
  };
  // a report of no city (every file refused) would be a title without a year over empty tables: none is written
  if (!files.some((f) => f.valid)) {
    leftOut();
    io.stderr.write(`${msg(options.lang, 'cli.prefix')}${msg(options.lang, 'cli.report-nothing')}\n`);
    return 2;
  }
  const report = provinceReport(files, {
    ...(rosters.schools.length > 0 ? { balances: balancesByCounty(rosters.schools) } : {}),
    version: packageVersion(),
    ruleSet: context.ruleSet,
    profile: context.profile,
    scorer,
    catalogue: context.catalogue,
    lang: options.lang,
    ...(scale ? { scale } : {}),
    ...(previous ? { previous } : {}),
    names: options.names ?? false,
  });
  const inline = { feedback: !options.feedback };
  await writeOutputs([
    ...(options.feedback ? [{ file: options.feedback, content: () => FEEDBACK_FORMATTERS[options.format](report) }] : []),
    ...outputs.map((o) => ({ file: o.file, content: () => REPORT_FORMATTERS[o.format](report, inline) })),
  ]);
  if (writesStdout(outputs)) io.stdout.write(REPORT_FORMATTERS[options.format](report, inline));
  leftOut();
  return files.some((f) => !f.valid) || previous?.some((f) => !f.valid) ? 2 : 0;
}
