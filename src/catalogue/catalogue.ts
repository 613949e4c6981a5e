import { join } from 'node:path';
import { z } from 'zod';
import { readDataFile } from '../checked-files.js';
import { packageHome } from '../home.js';

export const INDICATOR_KINDS = ['percent', 'count', 'number', 'boolean', 'yoy'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const REGION_LEVELS = ['city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * The catalogue files' schemas, built on first use: the files the build found valid are not checked again
 * (src/checked-files.ts).
 */
function buildCatalogueSchemas() {
  const Localised = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

  const IndicatorSchema = z
    .object({
      id: z.string().regex(/^[a-z][a-z0-9_]*$/),
      name: Localised,
      /** Ids of earlier drafts (FORMAT.md's example uses one): named in "did you mean" hints, never accepted. */
      formerIds: z.array(z.string()).optional(),
      unit: z.string().nullable(),
      kind: z.enum(INDICATOR_KINDS),
      range: z.object({ min: z.number().optional(), max: z.number().optional() }).strict().optional(),
      levels: z.array(z.enum(REGION_LEVELS)).min(1),
      source: z.string(),
    })
    .strict();

  const UnitSchema = z.object({ zh: z.string(), en: z.string(), suffix: z.boolean().optional() }).strict();

  const CatalogueFile = z.object({ $comment: z.string().optional(), indicators: z.array(IndicatorSchema) }).strict();
  const UnitsFile = z.object({ $comment: z.string().optional(), units: z.record(z.string(), UnitSchema) }).strict();
  return { Localised, IndicatorSchema, UnitSchema, CatalogueFile, UnitsFile };
}

type CatalogueSchemaSet = ReturnType<typeof buildCatalogueSchemas>;
let builtCatalogueSchemas: CatalogueSchemaSet | undefined;
export const catalogueSchemas = (): CatalogueSchemaSet => (builtCatalogueSchemas ??= buildCatalogueSchemas());

export type Localised = z.infer<CatalogueSchemaSet['Localised']>;
export type Indicator = z.infer<CatalogueSchemaSet['IndicatorSchema']>;
export type Unit = z.infer<CatalogueSchemaSet['UnitSchema']>;
export type Lang = keyof Localised;

export interface Catalogue {
  readonly indicators: readonly Indicator[];
  readonly units: Readonly<Record<string, Unit>>;
  get(id: string): Indicator | undefined;
}

export function buildCatalogue(indicators: readonly Indicator[], units: Record<string, Unit>): Catalogue {
  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  if (byId.size !== indicators.length) throw new Error('indicator catalogue: duplicate indicator id');
  for (const indicator of indicators) {
    if (indicator.unit !== null && !(indicator.unit in units)) {
      throw new Error(`indicator catalogue: ${indicator.id} has unit ${indicator.unit}, which units.json does not define`);
    }
  }
  return { indicators, units, get: (id) => byId.get(id) };
}

let bundled: Catalogue | undefined;

/** The catalogue shipped in `indicators/`, read and checked once per process. */
export function loadCatalogue(): Catalogue {
  if (bundled) return bundled;
  const dir = join(packageHome(), 'indicators');
  const catalogue = readDataFile(join(dir, 'catalogue.json'), () => catalogueSchemas().CatalogueFile);
  const units = readDataFile(join(dir, 'units.json'), () => catalogueSchemas().UnitsFile);
  bundled = buildCatalogue(catalogue.indicators, units.units);
  return bundled;
}

/** A yoy indicator's derived fields, offered to rules next to `current` and `previous`. */
export const YOY_FIELDS = ['current', 'previous', 'change', 'changePct'] as const;
export type YoyField = (typeof YOY_FIELDS)[number];
