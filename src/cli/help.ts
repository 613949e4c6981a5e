import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../catalogue/catalogue.js';
import { packageHome } from '../home.js';

/**
 * Help as the build wrote it: `eduduty [command] --help` prints text that depends only on the command, the
 * language and the width, so the build renders each once with the parser itself and a run that asks for
 * nothing else prints it without loading the parser. Any other request, or a width not rendered, goes through
 * the parser as always.
 */
export const HELP_FILE = join('dist', 'src', 'cli', 'help.json');

/** Every command path that has help of its own ('' is the tool's). */
export const HELP_COMMANDS = ['', 'score', 'validate', 'report', 'explain', 'rules', 'rules check', 'rules test', 'template', 'indicators', 'serve'] as const;

export const HELP_LANGS: readonly Lang[] = ['zh', 'en'];

/** Piped output (no width known) and any terminal at least 110 columns wide. */
export const HELP_WIDTHS = [100, 110] as const;

/** The width help is laid out in: the terminal's, at most 110; 100 when the output is not a terminal. */
export function helpWidth(columns: number | undefined): number {
  return Math.min(110, columns ?? 100);
}

export function helpKey(lang: Lang, width: number, command: string): string {
  return `${lang} ${width} ${command}`;
}

/** Options followed by a value, which is never a command word. */
const VALUE_OPTIONS = new Set(['--lang', '-p', '--profile', '-c', '--config', '--rules', '-f', '--format', '-o', '--output', '--schools', '--max-file-size', '--fail-on']);

/** Where the command stands among the arguments: the first that is neither an option nor an option's value. */
export function commandIndex(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-')) return i;
    if (VALUE_OPTIONS.has(arg)) i++;
  }
  return undefined;
}

/**
 * `eduduty help [command …]` as `eduduty [command …] --help`, the way git and npm read it; other arguments as
 * they are.
 */
export function helpWordArgs(args: readonly string[]): readonly string[] {
  const i = commandIndex(args);
  return i !== undefined && args[i] === 'help' ? [...args.slice(0, i), ...args.slice(i + 1), '--help'] : args;
}

/**
 * The command whose help the arguments ask for and nothing else (`[command [subcommand]] --help|-h`, with
 * `--lang zh|en` anywhere), or undefined.
 */
export function helpRequest(args: readonly string[]): string | undefined {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' && (args[i + 1] === 'zh' || args[i + 1] === 'en')) i++;
    else if (arg !== '--lang=zh' && arg !== '--lang=en') rest.push(arg);
  }
  const last = rest.pop();
  if (last !== '--help' && last !== '-h') return undefined;
  const command = rest.join(' ');
  return (HELP_COMMANDS as readonly string[]).includes(command) && rest.every((word) => /^[a-z]+$/.test(word)) ? command : undefined;
}

/** The built help for these arguments, when they ask for help only and the build rendered it. */
export function builtHelp(args: readonly string[], lang: Lang, columns: number | undefined): string | undefined {
  const command = helpRequest(args);
  if (command === undefined) return undefined;
  try {
    const texts = JSON.parse(readFileSync(join(packageHome(), HELP_FILE), 'utf8')) as Record<string, unknown>;
    const text = texts[helpKey(lang, helpWidth(columns), command)];
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}
