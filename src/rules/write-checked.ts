import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { catalogueSchemas, loadCatalogue } from '../catalogue/catalogue.js';
import { regionSchemas } from '../catalogue/regions.js';
import { CHECKED_FILES, hashOf, type Schema } from '../checked-files.js';
import { packageHome } from '../home.js';
import { CHECKED_RULES_FILE, checkedRulesKey, checkedRulesText } from './checked.js';
import { bundledRuleFiles, inspectRuleSet } from './load.js';

/** The hash of a data file whose content its schema takes as it is (no key dropped, nothing added), else undefined. */
function checkedHash(path: string, schema: Schema<unknown>): string | undefined {
  const bytes = readFileSync(path);
  const data: unknown = JSON.parse(bytes.toString('utf8'));
  return isDeepStrictEqual(schema.parse(data), data) ? hashOf(bytes) : undefined;
}

/**
 * Part of `npm run build`: the package's data files found valid (src/checked-files.ts), and the bundled rules
 * checked once, stamped with the hash of their files and of the catalogue. A bundled set with any problem is not
 * written: every run then checks it and reports them.
 */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const home = packageHome();
  const dataFiles: [string, Schema<unknown>][] = [
    [join(home, 'indicators', 'catalogue.json'), catalogueSchemas().CatalogueFile],
    [join(home, 'indicators', 'units.json'), catalogueSchemas().UnitsFile],
    [join(home, 'indicators', 'regions-shandong.json'), regionSchemas().RegionsFile],
  ];
  rmSync(join(home, CHECKED_FILES), { force: true });
  writeFileSync(join(home, CHECKED_FILES), JSON.stringify(dataFiles.map(([path, schema]) => checkedHash(path, schema)).filter((hash) => hash !== undefined)));
  const target = join(home, CHECKED_RULES_FILE);
  const catalogue = loadCatalogue();
  const { ruleSet, problems } = inspectRuleSet(catalogue, [], { checked: false });
  if (problems.length > 0) {
    rmSync(target, { force: true });
    console.error(`bundled rules not cached: ${problems.length} problem(s), first: ${problems[0]!.file}: ${problems[0]!.message}`);
  } else {
    writeFileSync(target, checkedRulesText(checkedRulesKey(bundledRuleFiles(), catalogue), ruleSet.rules, ruleSet.profiles));
  }
}
