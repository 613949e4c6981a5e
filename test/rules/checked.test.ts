import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, loadCatalogue } from '../../src/catalogue/catalogue.js';
import { packageHome } from '../../src/home.js';
import { CHECKED_RULES_FILE, checkedRulesKey, readCheckedRules } from '../../src/rules/checked.js';
import { bundledRuleFiles, inspectRuleSet } from '../../src/rules/load.js';

const catalogue = loadCatalogue();
const built = join(packageHome(), CHECKED_RULES_FILE);

describe.runIf(existsSync(built))("the build's checked copy of the bundled rules", () => {
  it('is current for the rule files and catalogue as they are, and gives exactly what checking them again gives', () => {
    const key = checkedRulesKey(bundledRuleFiles(), catalogue);
    expect(readCheckedRules(key)).toBeDefined();
    const fresh = inspectRuleSet(catalogue, [], { checked: false });
    const cached = inspectRuleSet(catalogue);
    expect(fresh.problems).toEqual([]);
    expect(cached).toEqual(fresh);
  });

  it('is not used for another catalogue or once any rule file differs', () => {
    const key = checkedRulesKey(bundledRuleFiles(), catalogue);
    const read = inspectRuleSet(catalogue, [], { checked: false }).ruleSet.rules[0]!.indicators[0]!;
    const narrower = buildCatalogue(catalogue.indicators.filter((indicator) => indicator.id !== read), { ...catalogue.units });
    expect(checkedRulesKey(bundledRuleFiles(), narrower)).not.toBe(key);
    expect(readCheckedRules(key.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBeUndefined();
    // checked against the narrower catalogue, the rules reading the indicator it lacks are refused, as without a copy
    expect(inspectRuleSet(narrower).problems.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(built, 'utf8')).key).toBe(key);
  });
});
