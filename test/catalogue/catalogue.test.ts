import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndicatorFileSchema, serialiseSchema } from '../../src/catalogue/schema.js';
import { loadShandongRegions } from '../../src/catalogue/regions.js';
import { packageHome } from '../../src/home.js';
import { catalogue, FIXTURES } from '../support/context.js';
import { readCsv } from '../support/csv.js';

const normative = readCsv(join(FIXTURES, 'domain', 'indicators.csv'));

describe('indicator catalogue', () => {
  it('holds exactly the 72 indicators of indicators.csv, in its order, with its names, units, kinds, levels and sources', () => {
    expect(catalogue.indicators).toHaveLength(72);
    expect(catalogue.indicators.map((i) => i.id)).toEqual(normative.map((r) => r.id));
    for (const row of normative) {
      const indicator = catalogue.get(row.id!)!;
      expect(indicator.name).toEqual({ zh: row.name_zh, en: row.name_en });
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

  it('lists Shandong: 16 cities and 153 county-level units, each county under a listed city', () => {
    const regions = loadShandongRegions();
    const cities = regions.regions.filter((r) => r.level === 'city');
    expect(cities).toHaveLength(16);
    expect(regions.regions.filter((r) => r.level === 'county')).toHaveLength(153);
    for (const county of regions.regions.filter((r) => r.level === 'county')) expect(regions.get(county.city)?.level).toBe('city');
  });
});
