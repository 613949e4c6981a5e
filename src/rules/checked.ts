import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.js';
import { packageHome, packageVersion } from '../home.js';
import type { Profile, Rule } from './model.js';

/**
 * The bundled rules as the build checked them, so a run does not read, parse and check the same hundred files
 * again: stamped with a hash of every file of the rule folder and of the catalogue they were checked against,
 * and used only when both are unchanged byte for byte.
 */
export const CHECKED_RULES_FILE = join('dist', 'src', 'rules', 'bundled-rules.checked.json');

interface CheckedRules {
  key: string;
  /** `file` relative to the package folder; `definition` without its `meta`, which is the rule's own. */
  rules: (Omit<Rule, 'definition'> & { definition: Omit<Rule['definition'], 'meta'> })[];
  profiles: Profile[];
}

/**
 * A path relative to the package folder as relative() from the working folder shows it: joined to the way from
 * the working folder to the package's, or computed path by path when the working folder is inside the package.
 */
export function shownFrom(home: string, cwd = process.cwd()): (file: string) => string {
  const way = relative(cwd, home);
  if (way === '') return (file) => file;
  if (way.split(sep).every((part) => part === '..')) return (file) => relative(cwd, join(home, file)) || file;
  return (file) => join(way, file);
}

/** The stamp of a rule folder's files (paths and bytes, in the listed order) and the catalogue. */
export function checkedRulesKey(files: readonly string[], catalogue: Catalogue): string {
  const home = packageHome();
  const hash = createHash('sha256').update(`eduduty ${packageVersion()} checked rules 1\0`).update(JSON.stringify(catalogue));
  for (const file of files) hash.update('\0').update(relative(home, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

/** The build's checked rules when the stamp matches, with files shown relative to the working folder as loading shows them. */
export function readCheckedRules(key: string): { rules: Rule[]; profiles: Profile[] } | undefined {
  const home = packageHome();
  let checked: CheckedRules;
  try {
    checked = JSON.parse(readFileSync(join(home, CHECKED_RULES_FILE), 'utf8')) as CheckedRules;
  } catch {
    return undefined;
  }
  if (checked.key !== key) return undefined;
  const shown = shownFrom(home);
  return {
    rules: checked.rules.map((rule) => ({ ...rule, file: shown(rule.file), definition: { ...rule.definition, meta: rule.meta } })),
    profiles: checked.profiles.map((profile) => ({ ...profile, file: shown(profile.file) })),
  };
}

export function checkedRulesText(key: string, rules: readonly Rule[], profiles: readonly Profile[]): string {
  const home = packageHome();
  const fromHome = (file: string) => relative(home, join(process.cwd(), file));
  const checked: CheckedRules = {
    key,
    rules: rules.map(({ definition: { meta, ...definition }, ...rule }) => ({ ...rule, file: fromHome(rule.file), definition })),
    profiles: profiles.map((profile) => ({ ...profile, file: fromHome(profile.file) })),
  };
  return JSON.stringify(checked);
}
