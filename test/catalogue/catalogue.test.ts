import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndicatorFileSchema, serialiseSchema } from '../../src/catalogue/schema.js';
import { loadShandongRegions } from '../../src/catalogue/regions.js';
import { packageHome } from '../../src/home.js';
import { catalogue, FIXTURES } from '../support/context.js';
import { readCsv } from '../support/csv.js';

const original = readCsv(join(FIXTURES, 'domain', 'indicators.csv'));
const addendum = readCsv(join(FIXTURES, 'domain', 'indicators-2.csv'));
/** The addendum narrows one name: the indicator means release (拨付) only, spending has its own indicator. */
const RENAMED: Record<string, string> = { earmarked_funds_on_time_rate: '上级下达教育专项资金按时拨付比例' };

describe('indicator catalogue', () => {
  it('holds exactly the 72 indicators of indicators.csv and the 37 of indicators-2.csv, the first in its file’s order (the addendum’s placed with their category), with their names, units, kinds, levels and sources', () => {
    expect(original).toHaveLength(72);
    expect(addendum).toHaveLength(37);
    expect(catalogue.indicators).toHaveLength(109);
    const ids = catalogue.indicators.map((i) => i.id);
    expect(ids.filter((id) => original.some((r) => r.id === id))).toEqual(original.map((r) => r.id));
    expect(ids.filter((id) => addendum.some((r) => r.id === id)).sort()).toEqual(addendum.map((r) => r.id).sort());
    for (const row of [...original, ...addendum]) {
      const indicator = catalogue.get(row.id!)!;
      expect(indicator.name).toEqual({ zh: RENAMED[row.id!] ?? row.name_zh, en: row.name_en });
      expect(indicator.unit).toBe(row.unit || null);
      expect(indicator.kind).toBe(row.kind);
      expect(indicator.levels).toEqual(row.levels!.split(','));
      expect(indicator.source).toBe(row.source);
    }
  });

  it('bounds percentages to 0–100, except the gross enrolment rate, which may exceed 100 (Weihai reported 126%)', () => {
    for (const indicator of catalogue.indicators) {
      const percent = indicator.kind === 'percent' || (indicator.kind === 'yoy' && indicator.unit === 'percent');
      if (!percent) continue;
      const max = indicator.id === 'preschool_gross_enrolment_rate' ? 200 : 100;
      expect(indicator.range, indicator.id).toEqual({ min: 0, max });
    }
  });

  it('gives a display unit for every unit it uses', () => {
    for (const indicator of catalogue.indicators) if (indicator.unit) expect(catalogue.units[indicator.unit], indicator.unit).toBeDefined();
  });

  it('commits the indicator-file schema exactly as the catalogue generates it (run `npm run schema` after changes)', () => {
    const committed = readFileSync(join(packageHome(), 'indicators', 'indicator-file.schema.json'), 'utf8');
    expect(committed).toBe(serialiseSchema(buildIndicatorFileSchema(catalogue)));
  });

  it('commits the JSON output schema exactly as the formatter declares it (run `npm run schema` after changes)', async () => {
    const { SCORE_RESULT_SCHEMA } = await import('../../src/format/result-schema.js');
    const committed = readFileSync(join(packageHome(), 'indicators', 'result.schema.json'), 'utf8');
    expect(committed).toBe(serialiseSchema(SCORE_RESULT_SCHEMA as never));
  });

  it('lists Shandong: 16 cities and 153 county-level units, each county under a listed city', () => {
    const regions = loadShandongRegions();
    const cities = regions.regions.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(16);
    expect(regions.regions.filter((r) => r.level === 'county')).toHaveLength(153);
    for (const county of regions.regions.filter((r) => r.level === 'county')) expect(regions.get(county.city)?.level).toBe('city');
  });
});
