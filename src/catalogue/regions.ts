import { join } from 'node:path';
import { z } from 'zod';
import { readDataFile } from '../checked-files.js';
import { packageHome } from '../home.js';

/**
 * The division codes file's schema, built on first use: the file the build found valid is not checked again
 * (src/checked-files.ts).
 */
function buildRegionSchemas() {
  const RegionEntry = z
    .object({
      code: z.string().regex(/^\d{6}$/),
      name: z.string(),
      level: z.enum(['city', 'county']),
      city: z.string(),
      kind: z.string().optional(),
    })
    .strict();

  const RegionsFile = z
    .object({
      $comment: z.string().optional(),
      province: z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }) }),
      regions: z.array(RegionEntry),
    })
    .strict();
  return { RegionEntry, RegionsFile };
}

type RegionSchemaSet = ReturnType<typeof buildRegionSchemas>;
let builtRegionSchemas: RegionSchemaSet | undefined;
export const regionSchemas = (): RegionSchemaSet => (builtRegionSchemas ??= buildRegionSchemas());

export type KnownRegion = z.infer<RegionSchemaSet['RegionEntry']>;

/** Division codes known for a province: reference data for names, templates and sanity warnings. */
export interface RegionList {
  /** The first two digits of the province's codes. */
  readonly provincePrefix: string;
  readonly regions: readonly KnownRegion[];
  get(code: string): KnownRegion | undefined;
}

let shandong: RegionList | undefined;

export function loadShandongRegions(): RegionList {
  if (shandong) return shandong;
  const file = readDataFile(join(packageHome(), 'indicators', 'regions-shandong.json'), () => regionSchemas().RegionsFile);
  const byCode = new Map(file.regions.map((r) => [r.code, r]));
  shandong = { provincePrefix: file.province.code.slice(0, 2), regions: file.regions, get: (code) => byCode.get(code) };
  return shandong;
}
