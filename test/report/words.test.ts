import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndicatorFile } from '../../src/input/model.js';
import { buildReport } from '../../src/report/aggregate.js';
import { bundledLayout, LayoutSchema, placeRules, PhrasesSchema, readLayouts } from '../../src/report/layout.js';
import type { Report } from '../../src/report/model.js';
import { countyDisplayName } from '../../src/report/sentences.js';
import { formatReportMarkdown } from '../../src/format/report/markdown.js';
import { catalogue, FIXTURES, profileNamed, scorerFor } from '../support/context.js';
import { readCsv } from '../support/csv.js';
import { generateProvince } from '../support/province.js';

const HOME = join(FIXTURES, '..', '..');
const LAYOUTS = join(HOME, 'report-layouts');

function outline() {
  const dir = join(HOME, 'samples', '2023');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as IndicatorFile)
    .map((file) => ({ region: file.region, counties: (file.counties ?? []).map((c) => c.region) }));
}

const reports = new Map<string, Promise<Report>>();
/** A whole province with a tenth of its values failing, reported under one profile and language. */
function provinceReport(profileName: string, lang: 'zh' | 'en'): Promise<Report> {
  const key = `${profileName}|${lang}`;
  if (!reports.has(key)) {
    reports.set(
      key,
      (async () => {
        const profile = profileNamed(profileName);
        const scorer = scorerFor(profile);
        const files = generateProvince(outline(), { seed: 13, year: profile.year, failRate: 0.1, missingRate: 0.02 });
        const results = await Promise.all(files.map((file, i) => scorer.scoreFile(file, `p${i}.json`)));
        return buildReport(results, { version: 't', profile, rules: scorer.rules, catalogue, lang });
      })(),
    );
  }
  return reports.get(key)!;
}

/** The report's body: from the preamble to the closing requirements, before the annexes. */
const bodyOf = (report: Report) => formatReportMarkdown(report).split('\n---\n')[0]!.split('\n').slice(3).join('\n');
const ruleIds = (text: string) => text.match(/\b[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)+\b/g) ?? [];

describe('the report speaks as the real reports do', () => {
  for (const profile of ['shandong-2020', 'shandong-2023']) {
    it(`${profile}: the Chinese body has no rule id, no English, no ASCII punctuation and no region name`, async () => {
      const report = await provinceReport(profile, 'zh');
      const body = bodyOf(report);
      expect(ruleIds(body)).toEqual([]);
      expect(body.replace(/^#+ /gm, '').replace(/\*\*/g, '')).not.toMatch(/[A-Za-z;:,()[\]"']/);
      expect(body).not.toContain('阈值待确认');
      expect(body).not.toMatch(/二\(/);
      const countyNames = Object.entries(report.regionNames).filter(([code]) => !code.endsWith('00'));
      for (const [, name] of countyNames) expect(body).not.toContain(name);
      expect(body).not.toMatch(/以下\s*\d+\s*项要求/);
    });

    it(`${profile}: the English body is English, with the same parts`, async () => {
      const [zh, en] = [await provinceReport(profile, 'zh'), await provinceReport(profile, 'en')];
      const body = bodyOf(en);
      expect(body).not.toMatch(/[\u4e00-\u9fff]/);
      expect(ruleIds(body)).toEqual([]);
      expect(en.sections.map((s) => s.problems.map((p) => p.rule))).toEqual(zh.sections.map((s) => s.problems.map((p) => p.rule)));
      expect(en.achievements.map((a) => a.rules)).toEqual(zh.achievements.map((a) => a.rules));
      for (const section of en.sections.filter((s) => s.problems.length > 0)) expect(section.text).toMatch(/^[A-Z].*\.$/);
    });

    it(`${profile}: 个别 never covers more than two regions, and praise is short and for results achieved`, async () => {
      const report = await provinceReport(profile, 'zh');
      for (const problem of report.sections.flatMap((s) => s.problems)) {
        if (problem.noun === 'region' && problem.subject.includes('个别')) {
          const few = (['city', 'county'] as const).filter((l) => problem.levels[l].quantifier === 'few');
          expect(few.reduce((n, l) => n + problem.levels[l].failing.length, 0), problem.rule).toBeLessThanOrEqual(2);
        }
      }
      for (const sentence of report.achievements.flatMap((a) => a.sentences)) {
        expect(sentence).not.toMatch(/力争/);
        expect(sentence.split('，').length).toBeLessThanOrEqual(3 + 2);
        expect(sentence.length).toBeLessThan(160);
      }
      expect(report.achievements.every((a) => a.sentences.length <= 4)).toBe(true);
    });
  }

  it('uses the year’s headings: 2020 and 2023 differ in achievements, problem sections and the closing part', async () => {
    const [r20, r23] = [await provinceReport('shandong-2020', 'zh'), await provinceReport('shandong-2023', 'zh')];
    expect(r20.headings.achievements).toBe('主要成绩和成效');
    expect(r23.headings.achievements).toBe('主要做法和成效');
    expect(r20.sections.map((s) => s.category)).toEqual(['development', 'funding', 'teachers', 'safety', 'quality']);
    expect(r23.sections.map((s) => s.category)).toEqual(['reform', 'funding', 'development', 'teachers', 'safety', 'quality']);
    expect(r20.requirements).toMatchObject({ heading: '有关要求', style: 'enumerate', lead: expect.stringContaining('举一反三') });
    expect(r20.requirements.items[0]!.text).toMatch(/^一是/);
    expect(r23.requirements).toMatchObject({ heading: '整改意见', style: 'headed', closing: { heading: '有关要求' } });
    expect(r20.achievements.map((a) => a.title)).toEqual(expect.arrayContaining(['教育保障水平不断提高']));
  });

  it('builds the requirements from the failures: an item only where its problems are', async () => {
    const report = await provinceReport('shandong-2023', 'zh');
    const failing = new Set(report.sections.flatMap((s) => s.problems.map((p) => p.rule)));
    for (const item of report.requirements.items) {
      expect(item.rules.length).toBeGreaterThan(0);
      for (const rule of item.rules) expect(failing.has(rule)).toBe(true);
    }
  });

  it('keeps every failing region with its values and rule id for 逐市反馈', async () => {
    const report = await provinceReport('shandong-2023', 'zh');
    const failing = report.sections.flatMap((s) => s.problems).reduce((n, p) => n + p.failing.length, 0);
    const fed = report.feedback.flatMap((c) => c.regions.flatMap((r) => r.findings));
    expect(fed.length).toBe(failing);
    expect(fed.every((f) => /^[a-z]+\./.test(f.rule) && f.message.length > 0)).toBe(true);
  });
});

describe('region names as people write them', () => {
  it('writes the city once', () => {
    expect(countyDisplayName('潍坊市', '潍坊滨海经济技术开发区')).toBe('潍坊滨海经济技术开发区');
    expect(countyDisplayName('济南市', '历城区')).toBe('济南市历城区');
    expect(countyDisplayName('济南市', '市中区')).toBe('济南市市中区');
    expect(countyDisplayName('青岛市', '青岛西海岸新区')).toBe('青岛西海岸新区');
  });
});

describe('the layouts', () => {
  const domainIds = ['rules.csv', 'rules-2.csv'].flatMap((name) => readCsv(join(FIXTURES, 'domain', name)).map((row) => row.id!));

  it('parse, and place every rule of both rule lists in each year’s own section and topic', () => {
    const phrases = PhrasesSchema.parse(JSON.parse(readFileSync(join(LAYOUTS, 'phrases.json'), 'utf8'))).rules;
    for (const id of domainIds) expect(phrases[id], `phrases.json lacks ${id}`).toBeDefined();
    for (const layout of readLayouts(LAYOUTS)) {
      LayoutSchema.parse(layout);
      const listed = layout.problems.flatMap((s) => s.topics.flat().map((e) => (typeof e === 'string' ? e : e.rule)));
      expect(new Set(listed).size, `${layout.profile} lists a rule twice`).toBe(listed.length);
      for (const id of domainIds) expect(listed, `${layout.profile} does not place ${id}`).toContain(id);
      const known = new Set(domainIds);
      for (const id of [...listed, ...layout.achievements.flatMap((a) => a.rules)]) expect(known.has(id), `${layout.profile}: unknown rule ${id}`).toBe(true);
    }
  });

  it('gives a profile without a layout the newest year not after its own, and puts an unlisted rule last in its category', () => {
    const layouts = readLayouts(LAYOUTS);
    const rules = scorerFor(profileNamed('shandong-2023')).rules;
    expect(bundledLayout({ name: 'shandong-2022', year: 2022 }, rules, HOME).file.profile).toBe('shandong-2020');
    expect(bundledLayout({ name: 'shandong-2025', year: 2025 }, rules, HOME).file.profile).toBe('shandong-2023');
    const extra = { ...rules[0]!, id: 'safety.extra-rule', meta: { ...rules[0]!.meta, category: 'safety' as const } };
    const placed = placeRules(layouts.find((l) => l.profile === 'shandong-2020')!, {}, [extra]).get('safety.extra-rule')!;
    expect(placed).toMatchObject({ section: 3, noun: 'region' });
    expect(placed.topic).toBe(layouts.find((l) => l.profile === 'shandong-2020')!.problems[3]!.topics.length);
  });
});
