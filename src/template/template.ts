import type { Catalogue, Indicator, Lang } from '../catalogue/catalogue.js';
import type { RegionList } from '../catalogue/regions.js';
import { inProfile, type Profile, type Rule } from '../rules/model.js';
import { msg } from '../text/messages.js';
import { unitName } from '../text/values.js';

export interface TemplateRegion {
  code: string;
  name: string;
  level: 'city' | 'county';
}

export interface TemplateColumn {
  /** The header the table reader understands: the Chinese name with unit and year notes. */
  header: string;
  indicator?: Indicator;
  field?: 'current' | 'previous';
}

export interface TemplateOptions {
  catalogue: Catalogue;
  rules: readonly Rule[];
  profiles: readonly Profile[];
  regions: TemplateRegion[];
  year: number;
  lang: Lang;
  /** What `$schema` names in JSON/YAML templates: the schema file, relative to where the template is written. */
  schemaRef?: string;
}

/** The city (or every city) and its counties, in code order, from the bundled division list. */
export function templateRegions(list: RegionList, cityCode?: string): TemplateRegion[] | undefined {
  const cities = list.regions.filter((r) => r.level === 'city' && (!cityCode || r.code === cityCode));
  if (cities.length === 0) return undefined;
  return cities.flatMap((city) => [
    { code: city.code, name: city.name, level: 'city' as const },
    ...list.regions.filter((r) => r.level === 'county' && r.city === city.code).map((r) => ({ code: r.code, name: r.name, level: 'county' as const })),
  ]);
}

/** Headers as the reader parses them: "学前三年毛入园率（%）", "一般公共预算教育支出（上年，万元）". */
export function templateColumns(catalogue: Catalogue): TemplateColumn[] {
  const columns: TemplateColumn[] = [];
  for (const indicator of catalogue.indicators) {
    const unit = indicator.unit ? catalogue.units[indicator.unit]?.zh ?? '' : '';
    if (indicator.kind === 'yoy') {
      columns.push({ header: `${indicator.name.zh}（本年${unit ? `，${unit}` : ''}）`, indicator, field: 'current' });
      columns.push({ header: `${indicator.name.zh}（上年${unit ? `，${unit}` : ''}）`, indicator, field: 'previous' });
    } else {
      columns.push({ header: unit ? `${indicator.name.zh}（${unit}）` : indicator.name.zh, indicator });
    }
  }
  return columns;
}

export function rangeText(indicator: Indicator, lang: Lang): string {
  if (indicator.kind === 'boolean') return msg(lang, 'template.yes-no');
  if (indicator.kind === 'count') return msg(lang, 'template.whole-number');
  const { min, max } = indicator.range ?? {};
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `≥ ${min}`;
  return msg(lang, 'template.any-number');
}

/** The unit in the language, or the kind when the indicator has no unit: "万元", "是/否". */
export function unitOrKind(indicator: Indicator, catalogue: Catalogue, lang: Lang): string {
  return unitName(indicator.unit, catalogue, lang) || msg(lang, `term.kind.${indicator.kind}`);
}

/** Each rule reading the indicator, with its threshold in every profile: "学前三年毛入园率达到规定标准：shandong-2020 T=85；shandong-2023 T=90". */
export function thresholdText(indicator: Indicator, options: Pick<TemplateOptions, 'rules' | 'profiles' | 'lang'>): string {
  const { lang } = options;
  return options.rules
    .filter((rule) => rule.indicators.includes(indicator.id))
    .map((rule) => {
      const perProfile = options.profiles
        .filter((p) => inProfile(rule, p))
        .map((p) => (rule.thresholds.length ? `${p.name} ${rule.thresholds.map((t) => `${t}=${p.thresholds[rule.id]![t]}`).join(' ')}` : p.name));
      return `${rule.meta.title[lang]}${lang === 'zh' ? '：' : ': '}${perProfile.join(lang === 'zh' ? '；' : '; ') || msg(lang, 'template.in-no-profile')}`;
    })
    .join(lang === 'zh' ? '\n' : '\n');
}

const META_HEADERS = ['region_code', 'region_name', 'year'];

/** Rows of a fill-in table: the header, a "#" row of notes (units and ranges; English names in en), then a row per region. */
export function templateTable(options: TemplateOptions): { header: string[]; note: string[]; rows: (string | number)[][]; columns: TemplateColumn[] } {
  const columns = templateColumns(options.catalogue);
  const header = [...META_HEADERS, ...columns.map((c) => c.header)];
  const { lang, catalogue } = options;
  const note = [
    msg(lang, 'template.note-row'),
    msg(lang, 'template.region-name'),
    msg(lang, 'template.year'),
    ...columns.map((c) => {
      const indicator = c.indicator!;
      const field = c.field ? msg(lang, c.field === 'current' ? 'template.this-year' : 'template.previous-year') : '';
      const facts = [unitOrKind(indicator, catalogue, lang), rangeText(indicator, lang)].join(' · ');
      return lang === 'zh' ? `${field ? `${field} · ` : ''}${facts}` : `${indicator.name.en}${field ? ` (${field})` : ''} [${facts}]`;
    }),
  ];
  const rows = options.regions.map((region) => [region.code, region.name, options.year, ...columns.map(() => '')]);
  return { header, note, rows, columns };
}

/** A JSON/YAML skeleton: every indicator present as null, to be replaced by a value or deleted. */
export function templateDocument(options: TemplateOptions): Record<string, unknown> {
  const blank = () =>
    Object.fromEntries(options.catalogue.indicators.map((i) => [i.id, i.kind === 'yoy' ? { current: null, previous: null } : null]));
  const [city, ...counties] = options.regions;
  return {
    $schema: options.schemaRef ?? 'indicators/indicator-file.schema.json',
    'x-template': msg(options.lang, 'template.instructions'),
    schemaVersion: 1,
    year: options.year,
    region: { code: city!.code, name: city!.name },
    indicators: blank(),
    counties: counties.map((c) => ({ region: { code: c.code, name: c.name }, indicators: blank() })),
    sources: {},
    notes: '',
  };
}
