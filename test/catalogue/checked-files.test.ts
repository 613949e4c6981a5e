import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { catalogueSchemas } from '../../src/catalogue/catalogue.js';
import { regionSchemas } from '../../src/catalogue/regions.js';
import { CHECKED_FILES, hashOf, readDataFile, type Schema } from '../../src/checked-files.js';
import { packageHome } from '../../src/home.js';
import { tempDir } from '../support/temp.js';

const indicators = join(packageHome(), 'indicators');
const { CatalogueFile, UnitsFile } = catalogueSchemas();
const DATA: [string, Schema<unknown>][] = [
  ['catalogue.json', CatalogueFile],
  ['units.json', UnitsFile],
  ['regions-shandong.json', regionSchemas().RegionsFile],
];

describe("the package's data files as the build checked them", () => {
  it('lists every bundled data file, by the hash of its bytes', () => {
    const hashes = JSON.parse(readFileSync(join(packageHome(), CHECKED_FILES), 'utf8')) as string[];
    expect(hashes.sort()).toEqual(DATA.map(([name]) => hashOf(readFileSync(join(indicators, name)))).sort());
  });

  it.each(DATA)('reads %s unchecked, as its schema would give it', (name, schema) => {
    const parse = vi.spyOn(schema, 'parse');
    const read = readDataFile(join(indicators, name), () => schema);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(read).toEqual(schema.parse(JSON.parse(readFileSync(join(indicators, name), 'utf8'))));
  });

  it('checks a file changed since the build against its schema', () => {
    const copy = join(tempDir(), 'catalogue.json');
    const catalogue = JSON.parse(readFileSync(join(indicators, 'catalogue.json'), 'utf8')) as { indicators: { kind: string }[] };
    writeFileSync(copy, JSON.stringify(catalogue));
    const parse = vi.spyOn(CatalogueFile, 'parse');
    expect(readDataFile(copy, () => CatalogueFile)).toEqual(catalogue);
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    catalogue.indicators[0]!.kind = 'ratio';
    writeFileSync(copy, JSON.stringify(catalogue));
    expect(() => readDataFile(copy, () => CatalogueFile)).toThrow(/kind/);
  });
});
