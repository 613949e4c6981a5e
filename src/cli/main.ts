import yargs, { type Argv } from 'yargs';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';
import { terminalMessage, terminalText } from '../format/escape.js';
import { langArgument, usageLang, type CommonOptions } from './options.js';
import { commandIndex, helpWidth, helpWordArgs } from './help.js';

export { langArgument };
// for the process entry (src/cli/entry.ts), which holds no messages of its own
export { msg };
export { stdoutFailure } from './write.js';
import type { Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import { didYouMean } from '../text/suggest.js';
import { COMMAND_FORMATS } from './formats.js';
import { packageVersion } from '../home.js';

/** The parser's own messages where its Chinese leaves English words or ASCII punctuation, in the catalogue's words. */
function parserStrings(lang: Lang): Record<string, string> {
  const both = (id: 'help.parser-not-enough' | 'help.parser-too-many') => ({ one: msg(lang, id), other: msg(lang, id) }) as unknown as string;
  return {
    'Not enough non-option arguments: got %s, need at least %s': both('help.parser-not-enough'),
    'Too many non-option arguments: got %s, maximum of %s': both('help.parser-too-many'),
    'Invalid values:': msg(lang, 'help.parser-invalid-values'),
    'Not enough arguments following: %s': msg(lang, 'help.parser-needs-value'),
    'Argument: %s, Given: %s, Choices: %s': msg(lang, 'help.parser-choice'),
    'default:': msg(lang, 'help.parser-default'),
    'choices:': msg(lang, 'help.parser-choices'),
    'Did you mean %s?': msg(lang, 'help.parser-did-you-mean'),
  };
}

// yargs drops a lone "-" positional (yargs/yargs#1312), so stdin travels under a token no shell can produce
const STDIN_ARG = '\u0000stdin';
const toYargs = (args: readonly string[]) => args.map((a) => (a === '-' ? STDIN_ARG : a));
const fromYargs = (paths: unknown) => ((paths as string[] | undefined) ?? []).map((p) => (p === STDIN_ARG ? '-' : p));

const examples = (lang: Lang): [string, string][] => [
  ['$0 score samples/', msg(lang, 'help.example-score')],
  ['$0 score 370100.json --lang en --format json', msg(lang, 'help.example-english')],
  ['$0 score data/ -o sarif=eduduty.sarif -o junit=junit.xml', msg(lang, 'help.example-outputs')],
  ['$0 report samples/ -f html -o report.html', msg(lang, 'help.example-report')],
  ['$0 explain teachers.rotation --file f.json --region 370102', msg(lang, 'help.example-explain')],
];

function sharedOptions<T>(y: Argv<T>, lang: Lang) {
  return y
    .option('lang', { choices: ['zh', 'en'] as const, describe: msg(lang, 'help.lang') })
    .option('profile', { alias: 'p', type: 'string', describe: msg(lang, 'help.profile') })
    .option('fail-on', { choices: ['error', 'warning', 'never'] as const, describe: msg(lang, 'help.fail-on') })
    .option('rules', { type: 'string', array: true, default: [] as string[], describe: msg(lang, 'help.rules-option') })
    .option('config', { alias: 'c', type: 'string', describe: msg(lang, 'help.config') })
    .option('color', { type: 'boolean', describe: msg(lang, 'help.color') })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: msg(lang, 'help.verbose') })
    .option('schools', { type: 'string', array: true, describe: msg(lang, 'help.schools') });
}

/** The options of a command that reads input files. */
function inputOptions<T>(y: Argv<T>, lang: Lang) {
  return sharedOptions(y, lang).option('max-file-size', { type: 'number', requiresArg: true, describe: msg(lang, 'help.max-file-size') });
}

/** --format with the formats the command writes, and nothing else. */
function formatOption<T, F extends readonly string[]>(y: Argv<T>, formats: F, lang: Lang) {
  // not global: a subcommand (rules check) declares its own formats instead of inheriting its parent's
  return y.option('format', { alias: 'f', choices: formats, default: formats[0] as F[number], requiresArg: true, describe: msg(lang, 'help.format'), global: false });
}

function outputOption<T>(y: Argv<T>, lang: Lang) {
  return y.option('output', { alias: 'o', type: 'string', array: true, requiresArg: true, default: [] as string[], describe: msg(lang, 'help.output', { name: '{name}' }) });
}

function jsonOptions<T>(y: Argv<T>, lang: Lang) {
  return y
    .option('detail', { choices: ['thin', 'full'] as const, describe: msg(lang, 'help.detail') })
    .option('indent', { type: 'boolean', default: false, describe: msg(lang, 'help.indent') });
}

const COMMANDS = ['score', 'validate', 'report', 'template', 'explain', 'rules', 'indicators', 'serve'];

/** Short option names the parser knows besides the long ones it describes. */
const SHORT_OPTIONS = new Set(['h', 'f', 'o', 'p', 'c', 'v']);

/** Every option written in the arguments that the command does not know, with a "did you mean" for each. */
function unknownOptions(args: readonly string[], known: readonly string[], lang: Lang): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  for (const arg of args) {
    if (arg === '--') break;
    const match = /^--?([^=]+)/.exec(arg);
    if (!match || /^-\d/.test(arg)) continue;
    const name = match[1]!;
    const bare = name.startsWith('no-') ? name.slice(3) : name;
    if (arg.startsWith('--') ? known.includes(name) || known.includes(bare) : [...name].every((c) => SHORT_OPTIONS.has(c))) continue;
    found.push({ name, text: msg(lang, 'help.unknown-option', { option: arg.split('=')[0]!, hint: didYouMean(`--${name}`, known.map((k) => `--${k}`), lang) }) });
  }
  return found;
}

function common(argv: Record<string, unknown>): Omit<CommonOptions, 'format'> {
  return {
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
export async function main(given: readonly string[], io: CliIO): Promise<number> {
  const args = helpWordArgs(given);
  const lang = usageLang(langArgument(args), io.env);
  let code = 0;
  const run = (task: () => Promise<number>) => async () => {
    code = await task();
  };
  // an option that takes one value, given twice, arrives as a list: say so rather than read a list as a path
  const single = (name: string, value: unknown): string => {
    if (Array.isArray(value)) throw new UsageError(msg(lang, 'cli.option-twice', { option: `--${name}` }));
    return String(value);
  };
  const maxFileSize = (argv: { maxFileSize?: number }) => (argv.maxFileSize !== undefined ? { maxFileSize: argv.maxFileSize } : {});
  const parser = yargs(toYargs(args))
    .locale(lang === 'zh' ? 'zh_CN' : 'en')
    .updateLocale(parserStrings(lang))
    .scriptName('eduduty')
    .usage(msg(lang, 'help.usage'))
    .command(
      'score <paths..>',
      msg(lang, 'help.score'),
      (y) =>
        jsonOptions(outputOption(formatOption(inputOptions(y, lang), COMMAND_FORMATS.score, lang), lang), lang)
          .positional('paths', { type: 'string', array: true, describe: msg(lang, 'help.paths') })
          .option('baseline', { type: 'string', describe: msg(lang, 'help.baseline') })
          .option('fail-on-new-only', { type: 'boolean', default: false, describe: msg(lang, 'help.fail-on-new-only') })
          .option('allow-missing', { type: 'boolean', describe: msg(lang, 'help.allow-missing') }),
      (argv) =>
        run(async () =>
          (await import('./commands/score.js')).runScore(
            {
              ...common(argv),
              format: argv.format,
              paths: fromYargs(argv.paths),
              output: argv.output,
              ...(argv.baseline ? { baseline: argv.baseline } : {}),
              failOnNewOnly: argv.failOnNewOnly,
              ...(typeof argv.allowMissing === 'boolean' ? { allowMissing: argv.allowMissing } : {}),
              ...maxFileSize(argv),
            },
            io,
          ),
        )(),
    )
    .command(
      'validate <paths..>',
      msg(lang, 'help.validate'),
      (y) => jsonOptions(outputOption(formatOption(inputOptions(y, lang), COMMAND_FORMATS.validate, lang), lang), lang).positional('paths', { type: 'string', array: true, describe: msg(lang, 'help.paths') }),
      (argv) => run(async () => (await import('./commands/score.js')).runValidate({ ...common(argv), format: argv.format, paths: fromYargs(argv.paths), output: argv.output, ...maxFileSize(argv) }, io))(),
    )
    .command(
      'report <paths..>',
      msg(lang, 'help.report'),
      (y) =>
        outputOption(formatOption(inputOptions(y, lang), COMMAND_FORMATS.report, lang), lang)
          .positional('paths', { type: 'string', array: true, describe: msg(lang, 'help.report-paths') })
          .option('previous', { type: 'string', array: true, default: [] as string[], describe: msg(lang, 'help.previous') })
          .option('quantifiers', { type: 'string', describe: msg(lang, 'help.quantifiers') })
          .option('names', { type: 'boolean', default: false, describe: msg(lang, 'help.names') })
          .option('feedback', { type: 'string', describe: msg(lang, 'help.feedback') }),
      (argv) =>
        run(async () =>
          (await import('./commands/report.js')).runReport(
            {
              ...common(argv),
              format: argv.format,
              paths: fromYargs(argv.paths),
              previous: fromYargs(argv.previous),
              output: argv.output,
              ...(argv.quantifiers ? { quantifiers: argv.quantifiers } : {}),
              ...maxFileSize(argv),
              names: argv.names,
              ...(argv.feedback ? { feedback: argv.feedback } : {}),
            },
            io,
          ),
        )(),
    )
    .command(
      'explain <ruleId>',
      msg(lang, 'help.explain'),
      (y) =>
        formatOption(inputOptions(y, lang), COMMAND_FORMATS.explain, lang)
          .positional('ruleId', { type: 'string', describe: msg(lang, 'help.rule-id') })
          .option('file', { type: 'string', requiresArg: true, describe: msg(lang, 'help.file') })
          .option('region', { type: 'string', requiresArg: true, describe: msg(lang, 'help.region') }),
      (argv) =>
        run(async () =>
          (await import('./commands/explain.js')).runExplain(
            { ...common(argv), format: argv.format, ruleId: String(argv.ruleId), ...(argv.file ? { file: single('file', argv.file) } : {}), ...(argv.region ? { region: single('region', argv.region) } : {}), ...maxFileSize(argv) },
            io,
          ),
        )(),
    )
    .command(
      'rules',
      msg(lang, 'help.rules'),
      (y) =>
        formatOption(sharedOptions(y, lang), COMMAND_FORMATS.rules, lang)
          .option('provisional', { type: 'boolean', describe: msg(lang, 'help.provisional') })
          .command(
            'check [dir]',
            msg(lang, 'help.rules-check'),
            (z) => formatOption(sharedOptions(z, lang), COMMAND_FORMATS['rules check'], lang).positional('dir', { type: 'string', describe: msg(lang, 'help.rules-dir') }),
            (argv) => run(async () => (await import('./commands/rules.js')).runRulesCheck({ ...common(argv), format: argv.format, ...(argv.dir ? { dir: argv.dir } : {}) }, io))(),
          )
          .command(
            'test [dir]',
            msg(lang, 'help.rules-test'),
            (z) => formatOption(sharedOptions(z, lang), COMMAND_FORMATS['rules test'], lang).positional('dir', { type: 'string', describe: msg(lang, 'help.rules-dir') }),
            (argv) => run(async () => (await import('./commands/rules.js')).runRulesTest({ ...common(argv), format: argv.format, ...(argv.dir ? { dir: argv.dir } : {}) }, io))(),
          ),
      (argv) => run(async () => (await import('./commands/list.js')).runRules({ ...common(argv), format: argv.format, ...(argv.provisional ? { provisional: true } : {}) }, io))(),
    )
    .command(
      'template',
      msg(lang, 'help.template'),
      (y) =>
        outputOption(formatOption(sharedOptions(y, lang), COMMAND_FORMATS.template, lang), lang)
          .option('region', { type: 'string', describe: msg(lang, 'help.template-region') })
          .option('year', { type: 'number', describe: msg(lang, 'help.year') }),
      (argv) =>
        run(async () =>
          (await import('./commands/template.js')).runTemplate(
            {
              ...common(argv),
              format: argv.format,
              ...(argv.region ? { region: argv.region } : {}),
              ...(argv.year !== undefined ? { year: argv.year } : {}),
              output: argv.output,
            },
            io,
          ),
        )(),
    )
    .command(
      'indicators',
      msg(lang, 'help.indicators'),
      (y) => formatOption(sharedOptions(y, lang), COMMAND_FORMATS.indicators, lang),
      (argv) => run(async () => (await import('./commands/list.js')).runIndicators({ ...common(argv), format: argv.format }, io))(),
    )
    .command(
      'serve',
      msg(lang, 'web.serve-help'),
      (y) =>
        y
          .option('lang', { choices: ['zh', 'en'] as const, describe: msg(lang, 'help.lang') })
          .option('port', { type: 'number', describe: msg(lang, 'web.serve-port-help') })
          .option('open', { type: 'boolean', default: true, describe: msg(lang, 'web.serve-open-help') }),
      (argv) => run(async () => (await import('./commands/serve.js')).runServe({ lang: argv.lang ?? lang, open: argv.open, ...(argv.port !== undefined ? { port: argv.port } : {}) }, io))(),
    )
    .example(examples(lang))
    .epilogue(msg(lang, 'help.exit-codes'))
    .demandCommand(1, msg(lang, 'help.name-a-command'))
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    // given, not looked up: yargs would search for package.json from the working folder
    .version(packageVersion())
    .wrap(helpWidth((io.stdout as { columns?: number }).columns))
    .exitProcess(false)
    .fail((given, error, usage) => {
      // the parser's own validation errors (an option without its value) come as its YError: a usage error too
      if (error && error.name !== 'YError') throw error;
      const message = given ?? error?.message ?? '';
      // yargs hands its usage object here (typed as the parser): its descriptions name the command's options
      const at = commandIndex(args);
      const command = at === undefined ? undefined : args[at];
      if (command !== undefined && !COMMANDS.includes(command)) {
        throw new UsageError(`${terminalText(msg(lang, 'help.unknown-command', { command, hint: didYouMean(command, COMMANDS, lang) }))}\n${msg(lang, 'cli.see-help')}`, { multiline: true });
      }
      const known = Object.keys((usage as unknown as { getDescriptions(): Record<string, unknown> }).getDescriptions());
      // only the options yargs itself named as unknown: a missing command is reported as yargs words it
      const unknown = unknownOptions(args, known, lang).filter((u) => message.includes(u.name));
      throw new UsageError(`${unknown.length > 0 ? unknown.map((u) => terminalText(u.text)).join('\n') : terminalText(message.replace(/\s*\n\s*/g, ' '))}\n${msg(lang, 'cli.see-help')}`, { multiline: true });
    });
  let output = '';
  try {
    await parser.parseAsync(toYargs(args), {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (error instanceof UsageError) {
      const text = error.textIn(lang);
      io.stderr.write(`${msg(lang, 'cli.prefix')}${error.multiline ? terminalMessage(text) : terminalText(text)}\n`);
      return 2;
    }
    throw error;
  }
  if (output) io.stdout.write(output.endsWith('\n') ? output : output + '\n');
  return code;
}
