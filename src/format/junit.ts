import type { FileResult, Finding } from '../engine/model.js';
import { evidenceText } from '../text/evidence.js';
import { xmlText as escapeXml } from './escape.js';
import { placeText } from './location.js';
import type { FormatOptions } from './registry.js';
import { formatWhole, type Chunk, type FormatStream } from './stream.js';

function testcase(finding: Finding, options: FormatOptions): string {
  const name = escapeXml(`${finding.rule} @ ${finding.region.code} ${finding.region.name}`);
  const open = `    <testcase name="${name}" classname="${escapeXml(`${finding.category}.${finding.region.code}`)}" time="0"`;
  if (finding.status === 'pass') return `${open}/>`;
  // the Jenkins JUnit schema gives <skipped> text content and no attributes
  const place = placeText(finding.location) || finding.location?.path;
  const at = place ? ` @ ${place}` : '';
  if (finding.status === 'missing') return `${open}>\n      <skipped>${escapeXml(finding.message + at)}</skipped>\n    </testcase>`;
  if (finding.status === 'invalid') {
    return `${open}>\n      <error message="${escapeXml(finding.message)}" type="invalid-data">${escapeXml(`${finding.message}${at}`)}</error>\n    </testcase>`;
  }
  if (finding.status === 'waived') return `${open}>\n      <skipped>${escapeXml(`waived: ${finding.waiver?.reason ?? ''} (${finding.waiver?.owner ?? ''}, until ${finding.waiver?.expires ?? ''})`)}</skipped>\n    </testcase>`;
  const evidence = finding.evidence.map((e) => evidenceText(e, options.catalogue, options.lang)).join('\n');
  const body = `${finding.message}\n${evidence}\n${finding.source}${finding.location ? `\n${[finding.location.path, placeText(finding.location)].filter(Boolean).join(' ')}` : ''}`;
  return `${open}>\n      <failure message="${escapeXml(finding.message)}" type="${escapeXml(finding.severity)}">${escapeXml(body)}</failure>\n    </testcase>`;
}

const encoder = new TextEncoder();

/**
 * Passing test cases are most of a run's JUnit: each is built from its rule's and its region's pieces, escaped
 * and encoded once (a rule id is ASCII, so escaping the pieces apart escapes the whole).
 */
function passPieces(): (finding: Finding) => Uint8Array[] {
  const rules = new Map<string, Uint8Array>();
  const categories = new Map<string, Uint8Array>();
  const regions = new WeakMap<object, [Uint8Array, Uint8Array]>();
  return (finding) => {
    let rule = rules.get(finding.rule);
    if (!rule) rules.set(finding.rule, (rule = encoder.encode(`    <testcase name="${escapeXml(finding.rule)} @ `)));
    let category = categories.get(finding.category);
    if (!category) categories.set(finding.category, (category = encoder.encode(`${escapeXml(finding.category)}.`)));
    let region = regions.get(finding.region);
    if (!region) {
      const { code, name } = finding.region;
      region = [encoder.encode(`${escapeXml(`${code} ${name}`)}" classname="`), encoder.encode(`${escapeXml(code)}" time="0"/>\n`)];
      regions.set(finding.region, region);
    }
    return [rule, region[0], category, region[1]];
  };
}

function suite(file: FileResult, options: FormatOptions, pass: (finding: Finding) => Uint8Array[]): Chunk[] {
  if (!file.valid && file.findings.length === 0) {
    const text = file.errors.map((e) => `${placeText(e) ? `${placeText(e)} ` : ''}${e.path ? e.path + ' ' : ''}${e.message}`).join('\n');
    return [
      [
        `  <testsuite name="${escapeXml(file.file)}" tests="1" failures="0" errors="1" skipped="0" time="0">`,
        `    <testcase name="validate ${escapeXml(file.file)}" classname="input" time="0">`,
        `      <error message="${escapeXml(file.errors[0]?.message ?? 'invalid file')}" type="invalid-input">${escapeXml(text)}</error>`,
        '    </testcase>',
        '  </testsuite>\n',
      ].join('\n'),
    ];
  }
  let failures = 0;
  let skipped = 0;
  let invalid = 0;
  for (const f of file.findings) {
    if (f.status === 'fail') failures++;
    else if (f.status === 'missing' || f.status === 'waived') skipped++;
    else if (f.status === 'invalid') invalid++;
  }
  const name = file.region ? `${file.file} (${file.region.name} ${file.region.code})` : file.file;
  // a file scored in part: its input errors come first, as one more test case
  const input = file.valid ? [] : [inputCase(file) + '\n'];
  const chunks: Chunk[] = [`  <testsuite name="${escapeXml(name)}" tests="${file.findings.length + input.length}" failures="${failures}" errors="${invalid + input.length}" skipped="${skipped}" time="0">\n`, ...input];
  for (const f of file.findings) {
    if (f.status === 'pass') chunks.push(...pass(f));
    else chunks.push(testcase(f, options) + '\n');
  }
  chunks.push('  </testsuite>\n');
  return chunks;
}

function inputCase(file: FileResult): string {
  const text = file.errors.map((e) => `${e.sheet && e.cell ? `${e.sheet} › ${e.cell} ` : e.line !== undefined ? `${e.line}:${e.column} ` : ''}${e.path ? e.path + ' ' : ''}${e.message}`).join('\n');
  return [
    `    <testcase name="validate ${escapeXml(file.file)}" classname="input" time="0">`,
    `      <error message="${escapeXml(file.errors[0]?.message ?? 'invalid file')}" type="invalid-input">${escapeXml(text)}</error>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * JUnit XML: a testsuite per file, a testcase per rule and region; missing data is skipped, not passed. The
 * totals on <testsuites> are known only at the end, so they come as a preamble.
 */
export function junitStream(options: FormatOptions): FormatStream {
  const pass = passPieces();
  return {
    preamble(head, { summary: s }) {
      return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="eduduty ${escapeXml(head.profile)}" tests="${s.findings + s.invalid}" failures="${s.fail}" errors="${s.invalid + (s.invalidFindings ?? 0)}" time="0">\n`;
    },
    begin: () => '',
    file: (file) => suite(file, options, pass),
    end: () => '</testsuites>\n',
  };
}

export const formatJunit = formatWhole(junitStream);
