import type { Lang } from '../catalogue/catalogue.js';
import type { IndicatorFile, IndicatorValues, InputProblem } from '../input/model.js';
import { msg } from '../text/messages.js';
import { countyBalance, countyIndicators, type CountyBalance, type School } from './compute.js';

/** Every county's quality-balance results, from the schools of all rosters of a run. */
export function balancesByCounty(schools: readonly School[]): Map<string, CountyBalance> {
  const byCounty = new Map<string, School[]>();
  for (const school of schools) byCounty.set(school.county, [...(byCounty.get(school.county) ?? []), school]);
  return new Map([...byCounty].map(([county, list]) => [county, countyBalance(county, list)]));
}

/** Differences smaller than this are rounding in a figure typed in by hand, not a disagreement. */
function agrees(given: unknown, computed: number): boolean {
  return typeof given === 'number' && Math.abs(given - computed) <= Math.max(0.005, Math.abs(computed) * 0.005);
}

/**
 * The file with each county's quality-balance indicators computed from its schools. A county that also
 * gives one of them gets a warning when the two disagree; the computed value is the one scored.
 */
export function feedRoster(file: IndicatorFile, balances: ReadonlyMap<string, CountyBalance>, lang: Lang = 'en'): { file: IndicatorFile; warnings: InputProblem[] } {
  if (balances.size === 0 || !file.counties) return { file, warnings: [] };
  const warnings: InputProblem[] = [];
  const counties = file.counties.map((county, index) => {
    const balance = balances.get(county.region.code);
    if (!balance) return county;
    const computed = countyIndicators(balance);
    for (const [id, value] of Object.entries(computed)) {
      const given = county.indicators[id];
      if (given !== undefined && !agrees(given, value)) {
        warnings.push({
          path: `/counties/${index}/indicators/${id}`,
          code: 'roster-disagrees',
          message: msg(lang, 'roster.disagrees', { region: county.region.name, id, given: String(given), computed: Number(value.toFixed(4)) }),
        });
      }
    }
    return { ...county, indicators: { ...county.indicators, ...computed } as IndicatorValues };
  });
  return { file: { ...file, counties }, warnings };
}
