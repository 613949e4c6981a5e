import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { didYouMean } from '../text/suggest.js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const CONFIG_NAMES = ['eduduty.config.json', 'eduduty.config.yaml', 'eduduty.config.yml'];

const RuleId = z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'a rule id such as "funding.two-only-increases"');

export const WaiverSchema = z
  .object({
    rule: RuleId,
    /** Region codes the waiver covers; "*" for every region. */
    regions: z.union([z.array(z.string().regex(/^\d{6}$/, 'a 6-digit region code')).min(1), z.literal('*')]),
    reason: z.string().min(1),
    owner: z.string().min(1),
    /** The last day the waiver applies (YYYY-MM-DD). */
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  })
  .strict();
export type Waiver = z.infer<typeof WaiverSchema>;

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    profile: z.string().optional(),
    /** Extra rule folders, relative to the config file. */
    rules: z.array(z.string()).optional(),
    /** Threshold overrides for the selected profile: { ruleId: { T: number } }. */
    thresholds: z.record(RuleId, z.record(z.string(), z.number().finite())).optional(),
    severity: z.record(RuleId, z.enum(['error', 'warning'])).optional(),
    /** Rules turned off. */
    off: z.array(RuleId).optional(),
    failOn: z.enum(['error', 'warning', 'never']).optional(),
    lang: z.enum(['zh', 'en']).optional(),
    /** Refuse input files larger than this many MB. */
    maxFileSize: z.number().positive().optional(),
    waivers: z.array(WaiverSchema).optional(),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema> & { file: string; dir: string };

const KEYS = Object.keys(ConfigSchema.shape);
const WAIVER_KEYS = Object.keys(WaiverSchema.shape);

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

function hint(key: string, candidates: string[]): string {
  return didYouMean(key, candidates) || ` (allowed: ${candidates.join(', ')})`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const inWaiver = issue.path[0] === 'waivers';
    return issue.keys.map((key) => `${where ? where + '.' : ''}${key}: unknown key${hint(key, inWaiver ? WAIVER_KEYS : KEYS)}`).join('; ');
  }
  return `${where || '(file)'}: ${issue.message}`;
}

export function readConfig(file: string): Config {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text, { uniqueKeys: true }) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot be read (${(error as Error).message.split('\n')[0]})`}`);
  }
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(`${file}: ${parsed.error.issues.map(describeIssue).join('; ')}`);
  return { ...parsed.data, file, dir: dirname(resolve(file)) };
}
