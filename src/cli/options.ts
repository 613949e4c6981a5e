import type { Lang } from '../catalogue/catalogue.js';
import type { FailOn } from '../engine/model.js';
import type { FormatName } from '../format/registry.js';
import type { CliIO } from './io.js';

/**
 * Options as given on the command line: unset ones come from the config file, then defaults. `F` is the
 * command's formats (COMMAND_FORMATS).
 */
export interface CommonOptions<F extends string = FormatName> {
  format: F;
  lang?: Lang;
  profile?: string;
  failOn?: FailOn;
  rules: string[];
  color?: boolean;
  verbose: boolean;
  /** A config file, or false for none (--no-config); unset: found upward from the working directory. */
  config?: string | false;
  /** School rosters whose counties' quality-balance indicators are computed and scored. */
  schools?: string[];
  /** json/ndjson: `full` writes passing findings with their evidence and message. */
  detail?: 'thin' | 'full';
  /** json: indent the document. */
  indent?: boolean;
  /** Refuse input files larger than this many MB. */
  maxFileSize?: number;
}

export interface ResolvedOptions<F extends string = FormatName> extends CommonOptions<F> {
  lang: Lang;
  failOn: FailOn;
  /** The input size limit in bytes, from --max-file-size or the config; unset: the default. */
  maxBytes?: number;
}

/** Colour when asked, else when stdout is a terminal and NO_COLOR is unset (https://no-color.org). */
export function wantsColor(options: Pick<CommonOptions, 'color'>, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

/** The language of the environment (LC_ALL, LC_MESSAGES, LANG), when it is one the tool speaks. */
export function environmentLang(env: Record<string, string | undefined>): Lang | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const match = /^(zh|en)(?![a-z])/i.exec(locale);
  return match ? (match[1]!.toLowerCase() as Lang) : undefined;
}

/** --lang, then the environment's language, then Chinese: the language of usage errors and help. */
export function usageLang(lang: Lang | undefined, env: Record<string, string | undefined>): Lang {
  return lang ?? environmentLang(env) ?? 'zh';
}

/** `--lang en` or `--lang=en` among the arguments, read before the parser is built so help speaks it. */
export function langArgument(args: readonly string[]): Lang | undefined {
  for (const [i, arg] of args.entries()) {
    const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return undefined;
}
