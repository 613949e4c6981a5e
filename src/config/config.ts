import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Lang } from '../catalogue/catalogue.js';
import { listOf, msg } from '../text/messages.js';
import { didYouMean } from '../text/suggest.js';
import { BUDGETS, budgetProblem, documentBudget, forbiddenKeyPath, readRegularFile } from '../input/budget.js';
import { parseText } from '../input/parse.js';

/** Whether a YYYY-MM-DD string names a day of the calendar (2023-02-30 and 2099-99-99 do not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CONFIG_NAMES = ['eduduty.config.json', 'eduduty.config.yaml', 'eduduty.config.yml'];

/** The config file's schemas, built on first use: most runs read no config. */
function buildConfigSchemas() {
  const RuleId = z.string().regex(/^[a-z]+\.[a-z0-9-]+$/);

  const WaiverSchema = z
    .object({
      rule: RuleId,
      /** Region codes the waiver covers; "*" for every region. */
      regions: z.union([z.array(z.string().regex(/^\d{6}$/)).min(1), z.literal('*')]),
      reason: z.string().min(1),
      owner: z.string().min(1),
      /** The last day the waiver applies (YYYY-MM-DD). */
      expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDate, { params: { calendar: true } }),
    })
    .strict();

  const ConfigSchema = z
    .object({
      $schema: z.string().optional(),
      profile: z.string().optional(),
      /** Extra rule folders, relative to the config file. */
      rules: z.array(z.string()).optional(),
      /** Threshold overrides for the profile used: { ruleId: { T: number } }; a provisional threshold given here is the province's own. */
      thresholds: z.record(RuleId, z.record(z.string(), z.number().finite())).optional(),
      /** Rules whose provisional thresholds the province confirms as they are. */
      confirm: z.array(RuleId).optional(),
      severity: z.record(RuleId, z.enum(['error', 'warning'])).optional(),
      /** Rules turned off. */
      off: z.array(RuleId).optional(),
      failOn: z.enum(['error', 'warning', 'never']).optional(),
      lang: z.enum(['zh', 'en']).optional(),
      /** Refuse input files larger than this many MB. */
      maxFileSize: z.number().positive().optional(),
      waivers: z.array(WaiverSchema).optional(),
      /** Missing data does not fail the run (exploratory scoring). */
      allowMissing: z.boolean().optional(),
      /** Division codes that did not exist in a year ({ "2023": ["371525"] }): files of that year are not blamed for lacking them. */
      absentDivisions: z.record(z.string().regex(/^\d{4}$/), z.array(z.string().regex(/^\d{6}$/))).optional(),
    })
    .strict();

  const KEYS = Object.keys(ConfigSchema.shape);
  const WAIVER_KEYS = Object.keys(WaiverSchema.shape);
  return { WaiverSchema, ConfigSchema, KEYS, WAIVER_KEYS };
}

type ConfigSchemaSet = ReturnType<typeof buildConfigSchemas>;
let builtConfigSchemas: ConfigSchemaSet | undefined;
export const configSchemas = (): ConfigSchemaSet => (builtConfigSchemas ??= buildConfigSchemas());

export type Waiver = z.infer<ConfigSchemaSet['WaiverSchema']>;
export type Config = z.infer<ConfigSchemaSet['ConfigSchema']> & { file: string; dir: string };

/** A config file that cannot be used; the message names the file and the key. */
export class ConfigError extends Error {}

/** The nearest config file from `start` upward, if any. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function hint(key: string, candidates: string[], lang: Lang): string {
  return didYouMean(key, candidates, lang) || msg(lang, 'config.allowed', { keys: listOf(lang, candidates) });
}

/** What a value of the config should have been, for the formats zod's own words do not name. */
const EXPECTED: Record<string, 'config.expected-rule-id' | 'config.expected-region' | 'config.expected-date'> = {
  'rule-id': 'config.expected-rule-id',
  regions: 'config.expected-region',
  expires: 'config.expected-date',
};

function describeIssue(issue: z.core.$ZodIssue, lang: Lang): string {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const inWaiver = issue.path[0] === 'waivers';
    return issue.keys.map((key) => msg(lang, 'config.unknown-key', { key: `${where ? where + '.' : ''}${key}`, hint: hint(key, inWaiver ? configSchemas().WAIVER_KEYS : configSchemas().KEYS, lang) })).join('; ');
  }
  const at = where || msg(lang, 'config.whole-file');
  if (issue.code === 'invalid_key') return `${at}${msg(lang, 'config.colon')}${msg(lang, issue.path[0] === 'absentDivisions' ? 'config.expected-year' : 'config.expected-rule-id')}`;
  if (issue.code === 'custom' && issue.params?.calendar) return `${at}${msg(lang, 'config.colon')}${msg(lang, 'config.expected-date')}`;
  if (issue.code === 'invalid_format' && issue.format === 'regex') {
    const last = String(issue.path.at(-1) ?? '');
    const kind = last === 'expires' ? 'expires' : /^\d+$/.test(last) && (issue.path.includes('regions') || issue.path[0] === 'absentDivisions') ? 'regions' : 'rule-id';
    return `${at}${msg(lang, 'config.colon')}${msg(lang, EXPECTED[kind]!)}`;
  }
  return `${at}${msg(lang, 'config.colon')}${zodText(issue, lang)}`;
}

/** Reads and checks a config file; messages are in `lang` (zod's own words through its locale). */
export function readConfig(file: string, lang: Lang): Config {
  const raw = readSettingsFile(file, lang);
  const parsed = configSchemas().ConfigSchema.safeParse(raw ?? {}, { error: zodErrors(lang) });
  if (!parsed.success) throw new ConfigError(`${file}${msg(lang, 'config.colon')}${[...new Set(parsed.error.issues.map((i) => describeIssue(i, lang)))].join(lang === 'zh' ? '；' : '; ')}`);
  return { ...parsed.data, file, dir: dirname(resolve(file)) };
}

/**
 * A small settings file (config, quantifier scale) as JSON or YAML: a regular file within the settings
 * budget, its keys, nesting and YAML aliases bounded, no prototype keys. A ConfigError names the file.
 */
export function readSettingsFile(file: string, lang: Lang): unknown {
  const fail = (reason: string) => new ConfigError(`${file}${msg(lang, 'config.colon')}${reason}`);
  if (!existsSync(file)) throw fail(msg(lang, 'config.no-such-file'));
  const read = readRegularFile(file, lang, { maxBytes: BUDGETS.settingsBytes });
  if (!read.ok) throw fail(read.problem.message);
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = parseSettings(text, /\.ya?ml$/i.test(file) ? 'yaml' : 'json', lang);
  } catch (error) {
    throw fail(msg(lang, 'config.unreadable', { reason: (error as Error).message.split('\n')[0]! }));
  }
  const over = documentBudget(raw);
  if (over) throw fail(budgetProblem(over, lang).message);
  const key = forbiddenKeyPath(raw);
  if (key !== undefined) throw fail(msg(lang, 'budget.forbidden-key', { key: key.split('.').at(-1)!, path: key }));
  return raw;
}

/** Parsed as an indicator file is (budgets, unique keys); errors by position, never quoting the file's text. */
function parseSettings(text: string, syntax: 'json' | 'yaml', lang: Lang): unknown {
  if (text.trim() === '') {
    if (syntax === 'yaml') return {};
    throw new Error(msg(lang, 'input.json-syntax-bare'));
  }
  const parsed = parseText(text, syntax, lang);
  if (parsed.ok) return parsed.value;
  const first = parsed.problems[0]!;
  if (first.code === 'too-deep') throw new Error(budgetProblem('depth', lang).message);
  throw new Error(first.line !== undefined ? `${first.message} (${msg(lang, 'budget.at', { line: first.line, column: first.column ?? 1 })})` : first.message);
}

const ZOD_LOCALES: Record<Lang, () => { localeError: z.core.$ZodErrorMap }> = { zh: z.locales.zhCN, en: z.locales.en };

/** zod's error map for `lang`, so its own words speak the run's language. */
const errorMaps = new Map<Lang, z.core.$ZodErrorMap>();
export function zodErrors(lang: Lang): z.core.$ZodErrorMap {
  let map = errorMaps.get(lang);
  if (!map) errorMaps.set(lang, (map = ZOD_LOCALES[lang]().localeError));
  return map;
}

/** Issues of a small settings file (not the config): unknown keys with a "did you mean", the rest in zod's words. */
export function describeSettingsIssues(issues: readonly z.core.$ZodIssue[], keys: readonly string[], lang: Lang): string {
  return issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => msg(lang, 'config.unknown-key', { key: `${where ? where + '.' : ''}${key}`, hint: hint(key, [...keys], lang) })).join('; ');
      return `${where || msg(lang, 'config.whole-file')}${msg(lang, 'config.colon')}${issue.message}`;
    })
    .join('; ');
}

const ZH_TYPES: Record<string, string> = { string: '字符串', number: '数字', boolean: '布尔值', object: '对象', array: '数组', undefined: '缺失', null: 'null', bigint: '大整数', nan: 'NaN' };

/** A zod issue's message (parsed with `zodErrors(lang)`), with the type names zod's Chinese locale leaves in English translated. */
export function zodText(issue: z.core.$ZodIssue, lang: Lang): string {
  const message = issue.message;
  return lang === 'zh' ? message.replace(/\b(string|number|boolean|object|array|undefined|bigint)\b/g, (word) => ZH_TYPES[word] ?? word) : message;
}
