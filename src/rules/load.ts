import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Rule as EngineRule } from 'json-rules-engine';
import type { z } from 'zod';
import { YOY_FIELDS, type Catalogue } from '../catalogue/catalogue.js';
import { packageHome } from '../home.js';
import type { Lang } from '../catalogue/catalogue.js';
import { budgetProblem, documentBudget, forbiddenKeyPath, readRegularFile, BUDGETS } from '../input/budget.js';
import { parseText } from '../input/parse.js';
import { listOf, msg } from '../text/messages.js';
import { zodErrors, zodText } from '../config/config.js';
import { checkedRulesKey, readCheckedRules } from './checked.js';
import {
  OPERATORS,
  PLACEHOLDERS,
  ruleSchemas,
  RuleSetError,
  THRESHOLD_FACT,
  type Condition,
  type FactReference,
  type LeafCondition,
  type Profile,
  type Rule,
  type RuleFile,
  type RuleProblem,
  type RuleSet,
} from './model.js';

const MAX_RULE_BYTES = 256 * 1024;
/** Nesting a rule or profile file may have, checked before the schema recurses over it. */
const MAX_FILE_DEPTH = 48;
const MAX_DEPTH = 8;
const MAX_CONDITIONS = 64;
const PROFILES_DIR = 'profiles';

export function bundledRulesDir(): string {
  return join(packageHome(), 'rules');
}

function listJson(dir: string, skip?: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== skip) out.push(...listJson(path));
    } else if (entry.name.endsWith('.json') && !entry.name.endsWith('.schema.json')) {
      out.push(path);
    }
  }
  return out;
}

function zodMessages(error: z.ZodError, lang: Lang): string[] {
  return error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : msg(lang, 'rules.load-whole-file');
    return `${where}${msg(lang, 'config.colon')}${zodText(issue, lang)}`;
  });
}

/**
 * A rule or profile file: a regular file inside its rule folder (a link leaving it, a device or a FIFO is
 * refused unread), within the size and nesting limits, without prototype keys. Syntax errors are given by
 * position only: a file's text is never quoted.
 */
function readJson(file: string, root: string, lang: Lang): { value?: unknown; problem?: string } {
  const read = readRegularFile(file, lang, { maxBytes: MAX_RULE_BYTES, within: root });
  if (!read.ok) return { problem: read.problem.code === 'too-large' ? msg(lang, 'budget.rule-too-large', { limit: MAX_RULE_BYTES }) : read.problem.message };
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { problem: msg(lang, 'budget.not-json', { line: 1, column: 1 }) };
  const parsed = parseText(text, 'json', lang);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    if (first.line === undefined) return { problem: first.message };
    const at = { line: first.line, column: first.column ?? 1 };
    if (first.code === 'too-deep') return { problem: msg(lang, 'budget.rule-too-deep', { limit: MAX_FILE_DEPTH }) };
    return { problem: first.code === 'syntax' ? msg(lang, 'budget.not-json', at) : `${first.message} (${msg(lang, 'budget.at', at)})` };
  }
  const over = documentBudget(parsed.value, { keys: BUDGETS.keys, depth: MAX_FILE_DEPTH });
  if (over === 'depth') return { problem: msg(lang, 'budget.rule-too-deep', { limit: MAX_FILE_DEPTH }) };
  if (over) return { problem: budgetProblem(over, lang).message };
  const key = forbiddenKeyPath(parsed.value);
  if (key !== undefined) return { problem: msg(lang, 'budget.forbidden-key', { key: key.split('.').at(-1)!, path: key }) };
  return { value: parsed.value };
}

function* leaves(condition: Condition, depth: number, problems: string[], lang: Lang): Generator<LeafCondition> {
  if (depth > MAX_DEPTH) {
    problems.push(msg(lang, 'rules.load-too-deep', { limit: MAX_DEPTH }));
    return;
  }
  if ('all' in condition) for (const c of condition.all) yield* leaves(c, depth + 1, problems, lang);
  else if ('any' in condition) for (const c of condition.any) yield* leaves(c, depth + 1, problems, lang);
  else if ('not' in condition) yield* leaves(condition.not, depth + 1, problems, lang);
  else yield condition;
}

interface Found {
  indicators: Set<string>;
  thresholds: Set<string>;
  references: Map<string, { fact: string; path?: string }>;
}

/** Checks one fact reference (left or right side of a condition) against the catalogue. */
function checkReference(ref: FactReference, rule: RuleFile, catalogue: Catalogue, found: Found, lang: Lang): string[] {
  if (ref.fact === THRESHOLD_FACT) {
    const params = ref.params ?? {};
    const problems: string[] = [];
    if (params.rule !== rule.name) problems.push(msg(lang, 'rules.load-threshold-own-rule', { rule: rule.name }));
    if (typeof params.name !== 'string' || !/^T\d*$/.test(params.name)) problems.push(msg(lang, 'rules.load-threshold-name'));
    else found.thresholds.add(params.name);
    if (ref.path !== undefined) problems.push(msg(lang, 'rules.load-threshold-path'));
    return problems;
  }
  const indicator = catalogue.get(ref.fact);
  if (!indicator) return [msg(lang, 'rules.load-unknown-fact', { fact: ref.fact })];
  found.indicators.add(ref.fact);
  const key = `${ref.fact}${ref.path ?? ''}`;
  if (!found.references.has(key)) found.references.set(key, { fact: ref.fact, ...(ref.path ? { path: ref.path } : {}) });
  if (ref.params !== undefined) return [msg(lang, 'rules.load-fact-params', { fact: ref.fact })];
  if (indicator.kind === 'yoy') {
    const fields = YOY_FIELDS.map((f) => `$.${f}`);
    if (ref.path === undefined || !fields.includes(ref.path)) return [msg(lang, 'rules.load-yoy-path', { fact: ref.fact, paths: listOf(lang, fields) })];
  } else if (ref.path !== undefined) {
    return [msg(lang, 'rules.load-plain-path', { fact: ref.fact })];
  }
  return [];
}

function placeholderProblems(field: string, templates: Record<string, string>, allowed: readonly string[], lang: Lang): string[] {
  const problems: string[] = [];
  for (const [language, template] of Object.entries(templates)) {
    for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
      const name = match[1] ?? '';
      if (!allowed.includes(name)) {
        const list = allowed.length ? allowed.map((p) => `{${p}}`).join(' ') : msg(lang, 'rules.load-none');
        problems.push(msg(lang, 'rules.load-placeholder', { field: `${field}.${language}`, name: `{${name}}`, allowed: list }));
      }
    }
  }
  return problems;
}

/** Validates one parsed rule file; returns the rule or the reasons it is refused. */
export function checkRuleFile(value: unknown, file: string, catalogue: Catalogue, lang: Lang = 'en'): { rule?: Rule; problems: string[] } {
  const parsed = ruleSchemas().RuleFileSchema.safeParse(value, { error: zodErrors(lang) });
  if (!parsed.success) return { problems: zodMessages(parsed.error, lang) };
  const definition = parsed.data;
  const problems: string[] = [];
  const expectedName = `${definition.meta.category}.${basename(file, '.json')}`;
  if (definition.name !== expectedName) problems.push(msg(lang, 'rules.load-rule-name', { name: definition.name, expected: expectedName }));
  const found: Found = { indicators: new Set(), thresholds: new Set(), references: new Map() };
  let count = 0;
  for (const leaf of leaves(definition.conditions as Condition, 1, problems, lang)) {
    if (++count > MAX_CONDITIONS) {
      problems.push(msg(lang, 'rules.load-too-many', { limit: MAX_CONDITIONS }));
      break;
    }
    if (!Object.hasOwn(OPERATORS, leaf.operator)) problems.push(msg(lang, 'rules.load-operator', { operator: leaf.operator, allowed: listOf(lang, Object.keys(OPERATORS)) }));
    problems.push(...checkReference({ fact: leaf.fact, path: leaf.path, params: leaf.params }, definition, catalogue, found, lang));
    if (leaf.value !== null && typeof leaf.value === 'object') problems.push(...checkReference(leaf.value, definition, catalogue, found, lang));
  }
  if (found.indicators.size === 0) problems.push(msg(lang, 'rules.load-no-indicator'));
  problems.push(...placeholderProblems('message', definition.meta.message, PLACEHOLDERS, lang));
  problems.push(...placeholderProblems('problem', definition.meta.problem, found.thresholds.size > 0 ? ['threshold'] : [], lang));
  definition.meta.examples.forEach((example, index) => {
    for (const id of Object.keys(example.indicators)) {
      if (!catalogue.get(id)) problems.push(msg(lang, 'rules.load-example-indicator', { index, id }));
    }
  });
  if (problems.length === 0) {
    try {
      new EngineRule(definition as never);
    } catch (error) {
      problems.push(msg(lang, 'rules.load-engine-refuses', { reason: (error as Error).message }));
    }
  }
  if (problems.length > 0) return { problems };
  return {
    rule: {
      id: definition.name,
      file,
      definition,
      meta: definition.meta,
      indicators: [...found.indicators].sort(),
      thresholds: [...found.thresholds].sort(),
      references: [...found.references.values()],
    },
    problems: [],
  };
}

function loadRulesFrom(dir: string, catalogue: Catalogue, problems: RuleProblem[], lang: Lang): Rule[] {
  const rules: Rule[] = [];
  for (const file of listJson(dir, PROFILES_DIR)) {
    const shown = relative(process.cwd(), file) || file;
    const { value, problem } = readJson(file, dir, lang);
    if (problem) {
      problems.push({ file: shown, message: problem });
      continue;
    }
    const checked = checkRuleFile(value, shown, catalogue, lang);
    for (const message of checked.problems) problems.push({ file: shown, message });
    if (checked.rule) rules.push(checked.rule);
  }
  return rules;
}

function loadProfilesFrom(dir: string, problems: RuleProblem[], lang: Lang): Profile[] {
  const profileDir = join(dir, PROFILES_DIR);
  let files: string[];
  try {
    files = listJson(profileDir);
  } catch {
    return [];
  }
  const profiles: Profile[] = [];
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    const { value, problem } = readJson(file, dir, lang);
    if (problem) {
      problems.push({ file: shown, message: problem });
      continue;
    }
    const parsed = ruleSchemas().ProfileSchema.safeParse(value, { error: zodErrors(lang) });
    if (!parsed.success) {
      for (const message of zodMessages(parsed.error, lang)) problems.push({ file: shown, message });
      continue;
    }
    if (parsed.data.name !== basename(file, '.json')) problems.push({ file: shown, message: msg(lang, 'rules.load-profile-name', { name: parsed.data.name }) });
    else profiles.push({ ...parsed.data, file: shown });
  }
  return profiles;
}

/** A rule may be absorbed only by a known rule at least as severe: an error never hides behind a warning. */
function absorptionProblems(rule: Rule, rules: ReadonlyMap<string, Rule>, lang: Lang): RuleProblem[] {
  return (rule.meta.absorbedBy ?? []).flatMap((id) => {
    const by = rules.get(id);
    if (!by) return [{ file: rule.file, message: msg(lang, 'rules.load-absorbed-unknown', { rule: id }) }];
    if (id === rule.id) return [{ file: rule.file, message: msg(lang, 'rules.load-absorbed-self') }];
    if (by.meta.severity === 'warning' && rule.meta.severity === 'error') return [{ file: rule.file, message: msg(lang, 'rules.load-absorbed-warning', { rule: id }) }];
    return [];
  });
}

export interface RuleSetOptions {
  /** false: only the extra folders. */
  bundled?: boolean;
  lang?: Lang;
  /** false: check the bundled rules again even where the build's checked copy is current. */
  checked?: boolean;
}

/** Every rule and profile file of the bundled rule folder, in loading order. */
export function bundledRuleFiles(): string[] {
  return listJson(bundledRulesDir());
}

export interface RuleSetInspection {
  ruleSet: RuleSet;
  problems: RuleProblem[];
}

/**
 * Loads the bundled rules and profiles, then each extra folder in turn: a rule with an id already loaded
 * replaces it, a profile with a known name adds to and overrides its thresholds. Every refused file is
 * listed with its reason; the usable rest is returned.
 */
export function inspectRuleSet(catalogue: Catalogue, extraDirs: readonly string[] = [], options: RuleSetOptions = {}): RuleSetInspection {
  const lang = options.lang ?? 'en';
  const problems: RuleProblem[] = [];
  const bundled = options.bundled === false ? undefined : bundledRulesDir();
  const dirs = [...(bundled ? [bundled] : []), ...extraDirs];
  const rules = new Map<string, Rule>();
  const profiles = new Map<string, Profile>();
  for (const dir of dirs) {
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    } catch {
      problems.push({ file: dir, message: msg(lang, 'rules.load-no-folder') });
      continue;
    }
    const checked = dir === bundled && options.checked !== false ? readCheckedRules(checkedRulesKey(listJson(dir), catalogue)) : undefined;
    for (const rule of checked?.rules ?? loadRulesFrom(dir, catalogue, problems, lang)) rules.set(rule.id, rule);
    for (const profile of checked?.profiles ?? loadProfilesFrom(dir, problems, lang)) {
      const known = profiles.get(profile.name);
      profiles.set(profile.name, known ? { ...profile, thresholds: { ...known.thresholds, ...profile.thresholds } } : profile);
    }
  }
  for (const rule of rules.values()) problems.push(...absorptionProblems(rule, rules, lang));
  for (const profile of profiles.values()) {
    for (const ruleId of Object.keys(profile.thresholds)) {
      if (!rules.has(ruleId)) problems.push({ file: profile.file, message: msg(lang, 'rules.load-unknown-threshold-rule', { rule: ruleId }) });
    }
  }
  if (profiles.size === 0 && problems.length === 0) problems.push({ file: dirs.join(', '), message: msg(lang, 'rules.load-no-profile') });
  const sorted = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { ruleSet: { rules: sorted, profiles: [...profiles.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) }, problems };
}

/** As inspectRuleSet, but any refused file refuses the whole set (RuleSetError naming every file). */
export function loadRuleSet(catalogue: Catalogue, extraDirs: readonly string[] = [], options: RuleSetOptions = {}): RuleSet {
  const { ruleSet, problems } = inspectRuleSet(catalogue, extraDirs, options);
  if (problems.length > 0) throw new RuleSetError(problems);
  return ruleSet;
}
