import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageHome } from '../../src/home.js';
import { generateProvince, type CityOutline } from './province.js';
import { tempDir } from './temp.js';

/** The built command line, for tests that run it as a process (signals, closed or full standard streams). */
export const BIN = join(packageHome(), 'dist', 'src', 'cli', 'bin.js');

/** A folder of `files` generated city files of 12 counties each, large enough for a run to take a while. */
export function bigBatch(files: number): string {
  const dir = tempDir('eduduty-batch-');
  const cities: CityOutline[] = Array.from({ length: files }, (_, i) => {
    const code = `${11 + Math.floor(i / 90)}${String((i % 90) + 1).padStart(2, '0')}00`;
    return { region: { code, name: `c${i}` }, counties: Array.from({ length: 12 }, (_, k) => ({ code: `${code.slice(0, 4)}${String(k + 1).padStart(2, '0')}`, name: `k${k}` })) };
  });
  for (const file of generateProvince(cities, { seed: 3, year: 2023, failRate: 0.1, missingRate: 0.02 })) writeFileSync(join(dir, `${file.region.code}.json`), JSON.stringify(file));
  return dir;
}
