import yargs, { type Argv } from 'yargs';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';
import { terminalMessage } from '../format/escape.js';
import { usageLang, type CommonOptions } from './options.js';
import type { Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';

/** `--lang en` or `--lang=en` among the arguments, read before the parser is built so help speaks it. */
export function langArgument(args: readonly string[]): Lang | undefined {
  for (const [i, arg] of args.entries()) {
    const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return undefined;
}

/** The score formats; a test keeps this list equal to the format registry's (kept here so --help stays light). */
export const SCORE_FORMATS = ['pretty', 'json', 'ndjson', 'junit', 'sarif', 'github', 'markdown', 'csv', 'xlsx'] as const;
const REPORT_FORMATS = ['markdown', 'html', 'json'] as const;

// yargs drops a lone "-" positional (yargs/yargs#1312), so stdin travels under a token no shell can produce
const STDIN_ARG = '\u0000stdin';
const toYargs = (args: readonly string[]) => args.map((a) => (a === '-' ? STDIN_ARG : a));
const fromYargs = (paths: unknown) => ((paths as string[] | undefined) ?? []).map((p) => (p === STDIN_ARG ? '-' : p));

const EXAMPLES: [string, string][] = [
  ['$0 score samples/', 'score every indicator file under samples/'],
  ['$0 score 370100.json --lang en --format json', 'one city, JSON output in English'],
  ['$0 score data/ -o sarif=eduduty.sarif -o junit=junit.xml', 'pretty on stdout, SARIF and JUnit to files'],
  ['$0 report samples/ -f html -o report.html', "the province's report as one HTML file"],
  ['$0 explain teachers.rotation --file f.json --region 370102', "a rule's trace on one county"],
];

function sharedOptions<T>(y: Argv<T>) {
  return y
    .option('lang', { choices: ['zh', 'en'] as const, describe: 'language of messages (default zh)' })
    .option('profile', { alias: 'p', type: 'string', describe: 'threshold profile (default: the newest)' })
    .option('fail-on', { choices: ['error', 'warning', 'never'] as const, describe: 'lowest failing severity that exits 1 (default error)' })
    .option('rules', { type: 'string', array: true, default: [] as string[], describe: 'extra or replacement rule folder (repeatable)' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default: eduduty.config.json/.yaml found upward; --no-config for none)' })
    .option('color', { type: 'boolean', describe: 'colour output (--no-color or NO_COLOR to turn off)' })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'list missing-data findings one by one' })
    .option('schools', { type: 'string', array: true, describe: 'school rosters: compute the counties’ quality-balance indicators from them' });
}

function commonOptions<T>(y: Argv<T>) {
  return sharedOptions(y).option('format', { alias: 'f', choices: SCORE_FORMATS, default: 'pretty' as const, describe: 'output format on stdout' });
}

function jsonOptions<T>(y: Argv<T>) {
  return y
    .option('detail', { choices: ['thin', 'full'] as const, describe: 'json/ndjson: passing findings thin (rule, region; default) or full (evidence, message)' })
    .option('indent', { type: 'boolean', default: false, describe: 'json: indent for reading by eye (default compact)' });
}

function common(argv: Record<string, unknown>): CommonOptions {
  return {
    format: argv.format as CommonOptions['format'],
    ...(argv.lang ? { lang: argv.lang as 'zh' | 'en' } : {}),
    ...(typeof argv.profile === 'string' ? { profile: argv.profile } : {}),
    ...(argv.failOn ? { failOn: argv.failOn as CommonOptions['failOn'] } : {}),
    rules: (argv.rules as string[]) ?? [],
    ...(typeof argv.color === 'boolean' ? { color: argv.color } : {}),
    verbose: Boolean(argv.verbose),
    ...(argv.config === false || typeof argv.config === 'string' ? { config: argv.config as string | false } : {}),
    ...(Array.isArray(argv.schools) && argv.schools.length > 0 ? { schools: argv.schools as string[] } : {}),
    ...(argv.detail === 'thin' || argv.detail === 'full' ? { detail: argv.detail } : {}),
    ...(argv.indent === true ? { indent: true } : {}),
  };
}

/**
 * Runs the command line and returns its exit code (0 nothing failed, 1 failures at or above --fail-on,
 * 2 usage error or invalid input). Never calls process.exit.
 */
export async function main(args: readonly string[], io: CliIO): Promise<number> {
  const lang = usageLang(langArgument(args), io.env);
  let code = 0;
  const run = (task: () => Promise<number>) => async () => {
    code = await task();
  };
  const parser = yargs(toYargs(args))
    .scriptName('eduduty')
    .usage('$0 <command> [options]\n\nScore education indicator files against the evaluation of how city governments perform their education duties.')
    .command(
      'score <paths..>',
      'validate and score files, folders or - (stdin)',
      (y) =>
        jsonOptions(commonOptions(y))
          .positional('paths', { type: 'string', array: true, describe: 'files, folders (recursive) or -' })
          .option('output', { alias: 'o', type: 'string', array: true, default: [] as string[], describe: 'write FORMAT=FILE as well (repeatable); a bare FILE takes the --format output instead of stdout' })
          .option('baseline', { type: 'string', describe: 'an earlier --format json output: marks each failure new or existing' })
          .option('fail-on-new-only', { type: 'boolean', default: false, describe: 'with --baseline, only new failures set the exit code' })
          .option('max-file-size', { type: 'number', describe: 'refuse input files larger than this many MB (default 32)' }),
      (argv) =>
        run(async () =>
          (await import('./commands/score.js')).runScore(
            {
              ...common(argv),
              paths: fromYargs(argv.paths),
              output: argv.output,
              ...(argv.baseline ? { baseline: argv.baseline } : {}),
              failOnNewOnly: argv.failOnNewOnly,
              ...(argv.maxFileSize !== undefined ? { maxFileSize: argv.maxFileSize } : {}),
            },
            io,
          ),
        )(),
    )
    .command(
      'validate <paths..>',
      'validate files only',
      (y) => jsonOptions(commonOptions(y)).positional('paths', { type: 'string', array: true }),
      (argv) => run(async () => (await import('./commands/score.js')).runValidate({ ...common(argv), paths: fromYargs(argv.paths) }, io))(),
    )
    .command(
      'report <paths..>',
      "a province's report: problems with quantifiers, praise, tables, charts, rectification",
      (y) =>
        sharedOptions(y)
          .positional('paths', { type: 'string', array: true, describe: "the province's city files or folders" })
          .option('format', { alias: 'f', choices: REPORT_FORMATS, default: 'markdown' as const, describe: 'report format' })
          .option('output', { alias: 'o', type: 'string', describe: 'write to this file (atomically) instead of stdout' })
          .option('previous', { type: 'string', array: true, default: [] as string[], describe: "last year's files, for rectification tracking" })
          .option('quantifiers', { type: 'string', describe: 'JSON file overriding the count-to-word scale' })
          .option('names', { type: 'boolean', default: false, describe: 'name the failing regions in the problems section too (internal use)' })
          .option('feedback', { type: 'string', describe: 'write the per-city feedback (逐市反馈) to this file instead of after the report' }),
      (argv) =>
        run(async () =>
          (await import('./commands/report.js')).runReport(
            {
              ...common(argv),
              format: argv.format,
              paths: fromYargs(argv.paths),
              previous: fromYargs(argv.previous),
              ...(argv.output ? { output: argv.output } : {}),
              ...(argv.quantifiers ? { quantifiers: argv.quantifiers } : {}),
              names: argv.names,
              ...(argv.feedback ? { feedback: argv.feedback } : {}),
            },
            io,
          ),
        )(),
    )
    .command(
      'explain <ruleId>',
      "what a rule checks, its thresholds and policy; with --file, a region's evaluation trace",
      (y) =>
        commonOptions(y)
          .positional('ruleId', { type: 'string', describe: 'rule id, e.g. funding.two-only-increases' })
          .option('file', { type: 'string', describe: 'indicator file to trace the rule on' })
          .option('region', { type: 'string', describe: 'region code in the file (default: the city)' }),
      (argv) =>
        run(async () =>
          (await import('./commands/explain.js')).runExplain(
            { ...common(argv), ruleId: String(argv.ruleId), ...(argv.file ? { file: argv.file } : {}), ...(argv.region ? { region: argv.region } : {}) },
            io,
          ),
        )(),
    )
    .command(
      'rules',
      'list the rules; `rules check [dir]` validates rule files, `rules test [dir]` runs their examples',
      (y) =>
        commonOptions(y)
          .option('provisional', { type: 'boolean', describe: 'list only the rules whose threshold is provisional (in no source document yet)' })
          .command(
            'check [dir]',
            'validate rule files: metadata, facts in the catalogue, thresholds in each profile',
            (z) => commonOptions(z).positional('dir', { type: 'string', describe: 'a rule folder (default: the bundled rules)' }),
            (argv) => run(async () => (await import('./commands/rules.js')).runRulesCheck({ ...common(argv), ...(argv.dir ? { dir: argv.dir } : {}) }, io))(),
          )
          .command(
            'test [dir]',
            "run every rule's pass/fail/missing examples in each profile",
            (z) => commonOptions(z).positional('dir', { type: 'string', describe: 'a rule folder (default: the bundled rules)' }),
            (argv) => run(async () => (await import('./commands/rules.js')).runRulesTest({ ...common(argv), ...(argv.dir ? { dir: argv.dir } : {}) }, io))(),
          ),
      (argv) => run(async () => (await import('./commands/list.js')).runRules({ ...common(argv), ...(argv.provisional ? { provisional: true } : {}) }, io))(),
    )
    .command(
      'template',
      'write a fill-in template: the city and its counties as rows, a column per indicator',
      (y) =>
        y
          .option('format', { alias: 'f', choices: ['xlsx', 'csv', 'json', 'yaml'] as const, default: 'xlsx' as const, describe: 'template format' })
          .option('region', { type: 'string', describe: 'city code (default: every city of the bundled list)' })
          .option('year', { type: 'number', describe: 'the data year (default: the newest profile’s year)' })
          .option('output', { alias: 'o', type: 'string', describe: 'file to write (required for xlsx on a terminal)' })
          .option('lang', { choices: ['zh', 'en'] as const })
          .option('rules', { type: 'string', array: true, default: [] as string[] })
          .option('config', { alias: 'c', type: 'string' }),
      (argv) =>
        run(async () =>
          (await import('./commands/template.js')).runTemplate(
            {
              ...common({ ...argv, format: 'pretty' }),
              templateFormat: argv.format,
              ...(argv.region ? { region: argv.region } : {}),
              ...(argv.year !== undefined ? { year: argv.year } : {}),
              ...(argv.output ? { output: argv.output } : {}),
            },
            io,
          ),
        )(),
    )
    .command('indicators', 'list the indicator catalogue', (y) => commonOptions(y), (argv) => run(async () => (await import('./commands/list.js')).runIndicators(common(argv), io))())
    .example(EXAMPLES)
    .epilogue('Exit codes: 0 nothing failed at or above --fail-on; 1 failures (or an expired waiver); 2 usage error or invalid input.')
    .demandCommand(1, 'name a command: score, validate, report, template, explain, rules or indicators')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(110, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${message}\n${msg(lang, 'cli.see-help')}`);
    });
  let output = '';
  try {
    await parser.parseAsync(toYargs(args), {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${msg(lang, 'cli.prefix')}${terminalMessage(error.textIn(lang))}\n`);
      return 2;
    }
    throw error;
  }
  if (output) io.stdout.write(output.endsWith('\n') ? output : output + '\n');
  return code;
}
