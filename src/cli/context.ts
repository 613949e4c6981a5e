import { isAbsolute, relative, resolve } from 'node:path';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { ConfigError, findConfig, readConfig, type Config } from '../config/config.js';
import { loadRuleSet } from '../rules/load.js';
import { defaultProfile, RuleSetError, withThresholds, type Profile, type Rule, type RuleSet } from '../rules/model.js';
import type { Lang } from '../catalogue/catalogue.js';
import { listOf, msg } from '../text/messages.js';
import { didYouMean } from '../text/suggest.js';
import { terminalText } from '../format/escape.js';
import { UsageError, type CliIO } from './io.js';
import { environmentLang, usageLang, type CommonOptions, type ResolvedOptions } from './options.js';

export interface RunContext {
  catalogue: Catalogue;
  ruleSet: RuleSet;
  /** The profile given (--profile or the config's), else the newest. */
  profile: Profile;
  /** No profile was given: each file is judged by the profile of its year. */
  byYear: boolean;
  config?: Config;
}

function loadConfig(options: CommonOptions<string>, io: CliIO): Config | undefined {
  if (options.config === false) return undefined;
  const file = options.config ?? findConfig(io.cwd);
  if (!file) return undefined;
  try {
    return readConfig(file, usageLang(options.lang, io.env));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** A provisional rule the config confirms, or whose thresholds it gives, is provisional no more. */
function settle(rule: Rule, config: Config, where: string): Rule {
  if (!rule.meta.provisional) return rule;
  const how = config.confirm?.includes(rule.id) ? 'confirmed' : config.thresholds?.[rule.id] ? 'replaced' : undefined;
  if (!how) return rule;
  const { provisional: _dropped, ...meta } = rule.meta;
  return { ...rule, meta, settled: { how, file: where } };
}

/** Threshold, severity and switch-off overrides of the config, checked against the rules they name. */
function applyConfig(ruleSet: RuleSet, profile: Profile, config: Config | undefined, lang: Lang): { ruleSet: RuleSet; profile: Profile } {
  if (!config) return { ruleSet, profile };
  const ids = ruleSet.rules.map((r) => r.id);
  const where = relative(process.cwd(), config.file) || config.file;
  const known = (id: string, key: string) => {
    if (!ids.includes(id)) throw new UsageError(msg(lang, 'cli.config-unknown-rule', { file: where, key, rule: id, hint: didYouMean(id, ids, lang) }));
  };
  for (const [id, values] of Object.entries(config.thresholds ?? {})) {
    known(id, `thresholds.${id}`);
    const rule = ruleSet.rules.find((r) => r.id === id)!;
    for (const name of Object.keys(values)) {
      if (!rule.thresholds.includes(name)) {
        const key = `thresholds.${id}.${name}`;
        throw new UsageError(rule.thresholds.length ? msg(lang, 'cli.config-threshold', { file: where, key, names: listOf(lang, rule.thresholds) }) : msg(lang, 'cli.config-no-threshold', { file: where, key }));
      }
    }
  }
  for (const id of config.confirm ?? []) {
    known(id, 'confirm');
    if (!ruleSet.rules.find((r) => r.id === id)!.meta.provisional) throw new UsageError(msg(lang, 'rules.config-not-provisional', { file: where, rule: id }));
  }
  for (const id of Object.keys(config.severity ?? {})) known(id, `severity.${id}`);
  for (const id of config.off ?? []) known(id, 'off');
  for (const waiver of config.waivers ?? []) known(waiver.rule, 'waivers');
  const off = new Set(config.off ?? []);
  const rules = ruleSet.rules
    .filter((r) => !off.has(r.id))
    .map((r) => {
      const severity = config.severity?.[r.id];
      return settle(severity ? { ...r, meta: { ...r.meta, severity } } : r, config, where);
    });
  return withThresholds({ rules, profiles: ruleSet.profiles }, profile, config.thresholds ?? {});
}

function maxBytesOf(megabytes: number | undefined, lang: Lang): { maxBytes?: number } {
  if (megabytes === undefined) return {};
  // the parser turns a word into NaN: say it is not a number rather than echo "NaN"
  if (Number.isNaN(megabytes)) throw new UsageError(msg(lang, 'cli.max-file-size-not-number'));
  if (!(megabytes > 0) || !Number.isFinite(megabytes)) throw new UsageError(msg(lang, 'cli.max-file-size', { size: megabytes }));
  const maxBytes = Math.round(megabytes * 1024 * 1024);
  // a limit that rounds to no byte at all would refuse every file over a limit shown as 0
  if (maxBytes < 1) throw new UsageError(msg(lang, 'cli.max-file-size-under-a-byte', { size: megabytes }));
  return { maxBytes };
}

/**
 * Everything a command needs: options resolved (flags, then the config file, then defaults), the catalogue,
 * the rule set (bundled, the config's folders, --rules) and the profile with the config's overrides.
 */
export function prepareRun<T extends CommonOptions<string>>(raw: T, io: CliIO): { context: RunContext; options: T & ResolvedOptions<T['format']> } {
  const config = loadConfig(raw, io);
  const configDirs = (config?.rules ?? []).map((dir) => (isAbsolute(dir) ? dir : resolve(config!.dir, dir)));
  const options = {
    ...raw,
    lang: raw.lang ?? config?.lang ?? environmentLang(io.env) ?? 'zh',
    failOn: raw.failOn ?? config?.failOn ?? 'error',
    profile: raw.profile ?? config?.profile,
    rules: [...configDirs, ...raw.rules],
    ...maxBytesOf(raw.maxFileSize ?? config?.maxFileSize, raw.lang ?? config?.lang ?? environmentLang(io.env) ?? 'zh'),
  } as T & ResolvedOptions<T['format']>;
  const catalogue = loadCatalogue();
  let ruleSet: RuleSet;
  try {
    ruleSet = loadRuleSet(catalogue, options.rules, { lang: options.lang });
  } catch (error) {
    if (error instanceof RuleSetError) {
      throw new UsageError(msg(options.lang, 'cli.refused-rules', { problems: error.problems.map((p) => `  ${terminalText(p.file)}: ${terminalText(p.message)}`).join('\n') }), { multiline: true });
    }
    throw error;
  }
  let profile: Profile;
  if (options.profile === undefined) profile = defaultProfile(ruleSet);
  else {
    const found = ruleSet.profiles.find((p) => p.name === options.profile);
    if (!found) {
      const names = ruleSet.profiles.map((p) => p.name);
      throw new UsageError(msg(options.lang, 'cli.unknown-profile', { profile: options.profile, hint: didYouMean(options.profile, names, options.lang), names: listOf(options.lang, names) }));
    }
    profile = found;
  }
  const applied = applyConfig(ruleSet, profile, config, options.lang);
  return { context: { catalogue, ...applied, byYear: options.profile === undefined, ...(config ? { config } : {}) }, options };
}
