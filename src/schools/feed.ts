import type { IndicatorFile, IndicatorValues, InputProblem } from '../input/model.js';
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
export function feedRoster(file: IndicatorFile, balances: ReadonlyMap<string, CountyBalance>): { file: IndicatorFile; warnings: InputProblem[] } {
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
          message: `${county.region.name} gives ${id} = ${String(given)}, but its school roster computes ${Number(value.toFixed(4))}; the roster's value is scored`,
        });
      }
    }
    return { ...county, indicators: { ...county.indicators, ...computed } as IndicatorValues };
  });
  return { file: { ...file, counties }, warnings };
}
