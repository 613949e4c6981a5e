import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../catalogue/catalogue.js';
import { packageHome } from '../home.js';
import { CHECKED_RULES_FILE, checkedRulesKey, checkedRulesText } from './checked.js';
import { bundledRuleFiles, inspectRuleSet } from './load.js';

/**
 * Part of `npm run build`: the bundled rules checked once, stamped with the hash of their files and of the
 * catalogue. A bundled set with any problem is not written: every run then checks it and reports them.
 */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = join(packageHome(), CHECKED_RULES_FILE);
  const catalogue = loadCatalogue();
  const { ruleSet, problems } = inspectRuleSet(catalogue, [], { checked: false });
  if (problems.length > 0) {
    rmSync(target, { force: true });
    console.error(`bundled rules not cached: ${problems.length} problem(s), first: ${problems[0]!.file}: ${problems[0]!.message}`);
  } else {
    writeFileSync(target, checkedRulesText(checkedRulesKey(bundledRuleFiles(), catalogue), ruleSet.rules, ruleSet.profiles));
  }
}
