import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/model.js';
import { inspectRuleSet } from '../../src/rules/load.js';
import { runCli } from '../support/cli.js';
import { catalogue, cityFile, newest, profileNamed, ruleSet, scorerFor, SEED } from '../support/context.js';

const county = (indicators: Record<string, unknown>) => ({ code: '370112', name: '历城区', indicators: indicators as never });
async function countyFindings(indicators: Record<string, unknown>, profile = newest): Promise<Map<string, Finding>> {
  const result = await scorerFor(profile).scoreFile(cityFile({}, [county(indicators)]));
  return new Map(result.findings.filter((f) => f.region.code === '370112').map((f) => [f.rule, f]));
}

describe('one rule per problem', () => {
  it('absorbs the large-class share and the standard-size count into a failing no-super-large-classes', async () => {
    const findings = await countyFindings({ super_large_classes: 2, large_class_share: 8, classes_above_standard_size: 30 });
    expect(findings.get('development.no-super-large-classes')).toMatchObject({ status: 'fail' });
    expect(findings.get('development.no-super-large-classes')!.absorbedBy).toBeUndefined();
    expect(findings.get('development.large-class-share')).toMatchObject({ status: 'fail', absorbedBy: 'development.no-super-large-classes' });
    expect(findings.get('development.standard-class-size')).toMatchObject({ status: 'fail', absorbedBy: 'development.no-super-large-classes' });
  });

  it('keeps a weaker failure on its own when the graver rule passes', async () => {
    const findings = await countyFindings({ super_large_classes: 0, large_class_share: 2, classes_above_standard_size: 30 });
    expect(findings.get('development.standard-class-size')!.status).toBe('fail');
    expect(findings.get('development.standard-class-size')!.absorbedBy).toBeUndefined();
  });

  it('absorbs a place shortfall into the urban one in 2023, and leaves it alone in 2020, which has no urban rule', async () => {
    const shortfall = { compulsory_place_shortfall_rate: 4, urban_place_shortfall_rate: 6 };
    expect((await countyFindings(shortfall)).get('development.place-shortfall')).toMatchObject({ status: 'fail', absorbedBy: 'development.urban-place-shortfall' });
    const old = (await countyFindings(shortfall, profileNamed('shandong-2020'))).get('development.place-shortfall')!;
    expect(old.status).toBe('fail');
    expect(old.absorbedBy).toBeUndefined();
  });

  it('absorbs the 85% coverage target into the statutory 80% when both fail, and reports the target alone between them', async () => {
    const withTarget = { ...newest, name: 'with-target-absorb', thresholds: { ...newest.thresholds, 'development.inclusive-kindergarten-target': { T: 85 } } };
    const low = await countyFindings({ inclusive_kindergarten_coverage: 79 }, withTarget);
    expect(low.get('development.inclusive-kindergarten-target')).toMatchObject({ status: 'fail', absorbedBy: 'development.inclusive-kindergarten-coverage' });
    const between = (await countyFindings({ inclusive_kindergarten_coverage: 82 }, withTarget)).get('development.inclusive-kindergarten-target')!;
    expect(between.status).toBe('fail');
    expect(between.absorbedBy).toBeUndefined();
  });

  it('absorbs a failure only into a failing rule of the same region that is at least as severe', async () => {
    const absorbing = ruleSet.rules.filter((r) => r.meta.absorbedBy);
    const indicators = [...new Set(absorbing.flatMap((r) => [...r.indicators, ...r.meta.absorbedBy!.flatMap((id) => ruleSet.rules.find((x) => x.id === id)!.indicators)]))];
    const counts = indicators.filter((id) => catalogue.get(id)!.kind === 'count');
    const rates = indicators.filter((id) => catalogue.get(id)!.kind === 'percent');
    await fc.assert(
      fc.asyncProperty(fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: counts.length, maxLength: counts.length }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: rates.length, maxLength: rates.length })), async ([c, r]) => {
        const values = { ...Object.fromEntries(counts.map((id, i) => [id, c[i]])), ...Object.fromEntries(rates.map((id, i) => [id, r[i]])) };
        const findings = await countyFindings(values);
        for (const finding of findings.values()) {
          if (!finding.absorbedBy) continue;
          const by = findings.get(finding.absorbedBy)!;
          expect(finding.status).toBe('fail');
          expect(by.status).toBe('fail');
          expect(by.absorbedBy === undefined || by.absorbedBy !== finding.rule).toBe(true);
          expect(by.severity === 'error' || finding.severity === 'warning').toBe(true);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('refuses a rule set in which a warning would absorb an error, or a rule names an unknown absorber', () => {
    const folder = (id: string, patch: (definition: Record<string, any>) => void) => {
      const dir = mkdtempSync(join(tmpdir(), 'eduduty-absorb-'));
      const definition = structuredClone(ruleSet.rules.find((r) => r.id === id)!.definition) as Record<string, any>;
      patch(definition);
      mkdirSync(join(dir, 'development'));
      writeFileSync(join(dir, 'development', `${id.split('.')[1]}.json`), JSON.stringify(definition));
      return dir;
    };
    expect(inspectRuleSet(catalogue).problems).toEqual([]);
    const softened = inspectRuleSet(catalogue, [folder('development.no-super-large-classes', (d) => (d.meta.severity = 'warning'))]);
    expect(softened.problems.map((p) => p.message)).toContain('meta.absorbedBy: "development.no-super-large-classes" is a warning and cannot absorb an error');
    const unknown = inspectRuleSet(catalogue, [folder('development.place-shortfall', (d) => (d.meta.absorbedBy = ['development.nowhere']))]);
    expect(unknown.problems.map((p) => p.message)).toContain('meta.absorbedBy names unknown rule "development.nowhere"');
  });

  it('says the problem once in the report: a county failing the super-large and the large-class rules appears under one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eduduty-absorb-'));
    const file = cityFile({}, [county({ super_large_classes: 3, large_class_share: 9, classes_above_standard_size: 40 })]);
    writeFileSync(join(dir, '370100.json'), JSON.stringify(file));
    const run = await runCli(['report', join(dir, '370100.json'), '--lang', 'zh', '--no-config']);
    expect(run.stdout).toMatch(/存在超大班额/);
    expect(run.stdout).not.toMatch(/大班额比例超过/);
    expect(run.stdout).not.toMatch(/存在超标准班额/);
  });
});
