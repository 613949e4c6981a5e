import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalogue, loadCatalogue } from '../../src/catalogue/catalogue.js';
import { packageHome } from '../../src/home.js';
import { CHECKED_RULES_FILE, checkedRulesKey, readCheckedRules, shownFrom } from '../../src/rules/checked.js';
import { SEED } from '../support/context.js';
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

describe('a checked rule file as loading shows it', () => {
  // the working folder anywhere around the package: above, beside, itself, inside, inside a rule folder
  const home = '/srv/pkg/eduduty';
  const places = ['/', '/srv', '/srv/pkg', '/srv/other', '/srv/pkg/eduduty', '/srv/pkg/eduduty/test', '/srv/pkg/eduduty/rules', '/srv/pkg/eduduty/rules/funding', '/srv/pkg/eduduty/rules/funding/deep', '/srv/pkg/eduduty-2'];
  const files = fc.tuple(fc.constantFrom('rules', 'rules/profiles'), fc.constantFrom('funding', 'reform', 'profiles'), fc.stringMatching(/^[a-z][a-z-]{0,12}\.json$/)).map((parts) => parts.join('/'));

  it('is named relative to the working folder, as relative() names it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...places), files, (cwd, file) => {
        expect(shownFrom(home, cwd)(file)).toBe(relative(cwd, join(home, file)) || file);
      }),
      { seed: SEED },
    );
  });
});
