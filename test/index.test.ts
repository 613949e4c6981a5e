import { describe, expect, it } from 'vitest';
import * as eduduty from '../src/index.js';

describe('library API', () => {
  it('scores a file without the command line', async () => {
    const catalogue = eduduty.loadCatalogue();
    const ruleSet = eduduty.loadRuleSet(catalogue);
    const scorer = eduduty.createScorer({ catalogue, ruleSet, profile: eduduty.defaultProfile(ruleSet), lang: 'en' });
    const result = await scorer.scoreSource({ name: 'samples/2023/371500.json' });
    expect(result.valid).toBe(true);
    const vocational = result.findings.find((f) => f.rule === 'development.vocational-school-conditions' && f.region.code === '371500');
    expect(vocational).toMatchObject({ status: 'fail', evidence: [{ actual: 85.72, expected: 100 }] });
    const report = eduduty.buildScoreResult('x', scorer.profile, [result]);
    expect(eduduty.exitCodeFor(report, 'error')).toBe(1);
    expect(eduduty.FORMATTERS.json(report)).toContain('"profile":"shandong-2023"');
  });
});
