import type { RegionLevel } from '../catalogue/catalogue.js';

export interface YoyValue {
  current: number;
  previous: number;
}
export type IndicatorValue = number | boolean | YoyValue;
export type IndicatorValues = Readonly<Record<string, IndicatorValue>>;

export interface RegionRef {
  code: string;
  name: string;
}

/** One region of a file (the city itself or one county) with its own indicators. */
export interface RegionRecord extends RegionRef {
  level: RegionLevel;
  indicators: IndicatorValues;
  /** JSON pointer of this region's `indicators` object in the file. */
  pointer: string;
}

/** A validated indicator file (FORMAT.md §1). */
export interface IndicatorFile {
  schemaVersion: 1;
  year: number;
  region: RegionRef;
  indicators: IndicatorValues;
  counties?: { region: RegionRef; indicators: IndicatorValues }[];
  sources?: Record<string, string>;
  notes?: string;
}

/** Where something sits in its source: line/column for text, sheet/cell for spreadsheets. */
export interface SourcePosition {
  line?: number;
  column?: number;
  /** For spreadsheets: the sheet, the cell ("D7"), the column's header and the row's region. */
  sheet?: string;
  cell?: string;
  header?: string;
  region?: string;
}

/** A problem with an input, located as precisely as its format allows. */
export interface InputProblem extends SourcePosition {
  /** JSON pointer into the document ("" for the whole file). */
  path: string;
  message: string;
  /** A stable machine-readable kind, e.g. `syntax`, `type`, `unknown-key`. */
  code: string;
}

export function regionsOf(file: IndicatorFile): RegionRecord[] {
  const city: RegionRecord = { ...file.region, level: 'city', indicators: file.indicators, pointer: '/indicators' };
  const counties = (file.counties ?? []).map(
    (county, index): RegionRecord => ({
      code: county.region.code,
      name: county.region.name,
      level: 'county',
      indicators: county.indicators,
      pointer: `/counties/${index}/indicators`,
    }),
  );
  return [city, ...counties];
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}
