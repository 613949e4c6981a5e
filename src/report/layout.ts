import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageHome } from '../home.js';
import { CATEGORIES, type Category, type Profile, type Rule } from '../rules/model.js';

const Localised = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type Localised = z.infer<typeof Localised>;

/** Who a statement is about: the regions (市/县), a kind of school, pupils, places, or nobody (a province-wide figure). */
export const NOUNS = [
  'region',
  'place',
  'school',
  'primary-secondary',
  'urban-school',
  'rural-school',
  'boarding-school',
  'kindergarten',
  'vocational-school',
  'vocational-secondary',
  'guard',
  'pupil',
  'aggregate',
] as const;
export type Noun = (typeof NOUNS)[number];

/**
 * How a rule's figure counts its noun: `count` — the value is a number of them (个别 for at most two);
 * `share` — the value is the per cent of them meeting the requirement. Without it the regions are counted.
 */
export const MEASURES = ['count', 'share'] as const;
export type Measure = (typeof MEASURES)[number];

const Wording = z
  .object({
    noun: z.enum(NOUNS).optional(),
    measure: z.enum(MEASURES).optional(),
    /** zh: the words after the quantified noun; en: a clause with `{who}`. Both may use `{threshold}`. */
    problem: Localised.optional(),
    /** What an achieved result is called when the rule's title is an aim. */
    praise: Localised.optional(),
  })
  .strict();
export type Wording = z.infer<typeof Wording>;

export const PhrasesSchema = z.object({ $comment: z.string().optional(), rules: z.record(z.string(), Wording) }).strict();

const RuleEntry = z.union([z.string().min(1), Wording.extend({ rule: z.string().min(1) }).strict()]);

/** A rule id, or `prefix.*` for every rule whose id starts with `prefix.`. */
const RulePattern = z.string().regex(/^[a-z]+(\.[a-z0-9-]+|\.\*)$/);

export const LayoutSchema = z
  .object({
    $comment: z.string().optional(),
    profile: z.string().min(1),
    /** The evaluation year: a profile without a layout of its own takes that of the newest year not after its own. */
    year: z.number().int(),
    /** 2020 numbers the topics of a problem section (一是、二是…); 2023 does not. */
    enumerate: z.boolean(),
    headings: z.object({ achievements: Localised, problems: Localised }).strict(),
    /** May use {cities} and {counties}. */
    preamble: Localised,
    achievements: z.array(z.object({ title: Localised, rules: z.array(z.string().min(1)) }).strict()).min(1),
    problems: z
      .array(z.object({ category: z.enum(CATEGORIES), title: Localised, topics: z.array(z.array(RuleEntry).min(1)).min(1) }).strict())
      .min(1),
    requirements: z
      .object({
        heading: Localised,
        /** `enumerate`: one paragraph of 一是…二是…; `headed`: numbered sub-headings. */
        style: z.enum(['enumerate', 'headed']),
        lead: Localised.optional(),
        items: z.array(z.object({ title: Localised.optional(), text: Localised.optional(), when: z.array(RulePattern).min(1) }).strict()).min(1),
        closing: z.object({ heading: Localised.optional(), text: Localised }).strict(),
      })
      .strict(),
  })
  .strict();
export type LayoutFile = z.infer<typeof LayoutSchema>;

/** Where a rule stands in the report and in whose words it speaks. */
export interface Placement {
  section: number;
  topic: number;
  order: number;
  noun: Noun;
  measure?: Measure;
  problem?: Localised;
  praise?: Localised;
  /** The shared phrase, for a province-wide statement that falls back to speaking of regions. */
  regional?: Localised;
}

export interface ReportLayout {
  file: LayoutFile;
  /** Every rule of the rule set, placed: the layout's own entries, then unlisted rules at the end of their category's section. */
  placements: Map<string, Placement>;
}

export class LayoutError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'LayoutError';
  }
}

export const LAYOUT_DIR = 'report-layouts';

function readJson<T>(path: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new LayoutError(path, (error as Error).message);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new LayoutError(path, parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; '));
  return parsed.data;
}

const PHRASES = 'phrases.json';

/** Every layout of a folder (each `<profile>.json` beside `phrases.json`), oldest year first. */
export function readLayouts(dir: string): LayoutFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== PHRASES)
    .sort()
    .map((name) => readJson(join(dir, name), LayoutSchema))
    .sort((a, b) => a.year - b.year);
}

/** The layout for a profile: its own, else that of the newest year not after the profile's, else the oldest. */
export function chooseLayout(layouts: readonly LayoutFile[], profile: Pick<Profile, 'name' | 'year'>): LayoutFile {
  const chosen = layouts.find((l) => l.profile === profile.name) ?? [...layouts].reverse().find((l) => l.year <= profile.year) ?? layouts[0];
  if (!chosen) throw new LayoutError(LAYOUT_DIR, 'no report layout found');
  return chosen;
}

/** The bundled layout of a profile with every rule of the run placed. */
export function bundledLayout(profile: Pick<Profile, 'name' | 'year'>, rules: readonly Pick<Rule, 'id' | 'meta'>[], home = packageHome()): ReportLayout {
  const dir = join(home, LAYOUT_DIR);
  const file = chooseLayout(readLayouts(dir), profile);
  const phrases = readJson(join(dir, PHRASES), PhrasesSchema).rules;
  return { file, placements: placeRules(file, phrases, rules) };
}

/** Places every rule: by the layout's entry, in its words over the shared phrases; an unlisted rule goes last in its category's section. */
export function placeRules(file: LayoutFile, phrases: Record<string, Wording>, rules: readonly Pick<Rule, 'id' | 'meta'>[]): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  file.problems.forEach((section, s) =>
    section.topics.forEach((topic, t) =>
      topic.forEach((entry, order) => {
        const { rule, ...own } = typeof entry === 'string' ? { rule: entry } : entry;
        const shared = phrases[rule] ?? {};
        placements.set(rule, {
          section: s,
          topic: t,
          order,
          noun: own.noun ?? shared.noun ?? 'region',
          ...pick('measure', own, shared),
          ...pick('problem', own, shared),
          ...pick('praise', own, shared),
          ...(shared.problem ? { regional: shared.problem } : {}),
        });
      }),
    ),
  );
  for (const rule of rules) {
    if (placements.has(rule.id)) continue;
    const section = sectionOf(file, rule.meta.category);
    const shared = phrases[rule.id] ?? {};
    placements.set(rule.id, { section, topic: file.problems[section]!.topics.length, order: 0, noun: shared.noun ?? 'region', ...pick('measure', shared, {}), ...pick('problem', shared, {}), ...pick('praise', shared, {}) });
  }
  return placements;
}

function pick<K extends 'measure' | 'problem' | 'praise'>(key: K, first: Wording, second: Wording): Partial<Pick<Wording, K>> {
  const value = first[key] ?? second[key];
  return value === undefined ? {} : ({ [key]: value } as Partial<Pick<Wording, K>>);
}

function sectionOf(file: LayoutFile, category: Category): number {
  const own = file.problems.findIndex((s) => s.category === category);
  return own >= 0 ? own : file.problems.length - 1;
}

/** Does a rule id match `funding.*` or an exact id? */
export function matchesRule(pattern: string, rule: string): boolean {
  return pattern.endsWith('.*') ? rule.startsWith(pattern.slice(0, -1)) : pattern === rule;
}
