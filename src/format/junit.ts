import type { FileResult, Finding, ScoreResult } from '../engine/model.js';
import { evidenceText } from '../text/evidence.js';
import { xmlText as escapeXml } from './escape.js';
import type { FormatOptions } from './registry.js';

function testcase(finding: Finding, options: FormatOptions): string {
  const name = escapeXml(`${finding.rule} @ ${finding.region.code} ${finding.region.name}`);
  const open = `    <testcase name="${name}" classname="${escapeXml(`${finding.category}.${finding.region.code}`)}" time="0"`;
  if (finding.status === 'pass') return `${open}/>`;
  // the Jenkins JUnit schema gives <skipped> text content and no attributes
  if (finding.status === 'missing') return `${open}>\n      <skipped>${escapeXml(finding.message)}</skipped>\n    </testcase>`;
  if (finding.status === 'waived') return `${open}>\n      <skipped>${escapeXml(`waived: ${finding.waiver?.reason ?? ''} (${finding.waiver?.owner ?? ''}, until ${finding.waiver?.expires ?? ''})`)}</skipped>\n    </testcase>`;
  const evidence = finding.evidence.map((e) => evidenceText(e, options.catalogue, options.lang)).join('\n');
  const body = `${finding.message}\n${evidence}\n${finding.source}${finding.location ? `\n${finding.location.path}` : ''}`;
  return `${open}>\n      <failure message="${escapeXml(finding.message)}" type="${escapeXml(finding.severity)}">${escapeXml(body)}</failure>\n    </testcase>`;
}

function suite(file: FileResult, options: FormatOptions): string {
  if (!file.valid) {
    const text = file.errors.map((e) => `${e.line !== undefined ? `${e.line}:${e.column} ` : ''}${e.path ? e.path + ' ' : ''}${e.message}`).join('\n');
    return [
      `  <testsuite name="${escapeXml(file.file)}" tests="1" failures="0" errors="1" skipped="0" time="0">`,
      `    <testcase name="validate ${escapeXml(file.file)}" classname="input" time="0">`,
      `      <error message="${escapeXml(file.errors[0]?.message ?? 'invalid file')}" type="invalid-input">${escapeXml(text)}</error>`,
      '    </testcase>',
      '  </testsuite>',
    ].join('\n');
  }
  const failures = file.findings.filter((f) => f.status === 'fail').length;
  const skipped = file.findings.filter((f) => f.status === 'missing' || f.status === 'waived').length;
  const name = file.region ? `${file.file} (${file.region.name} ${file.region.code})` : file.file;
  return [
    `  <testsuite name="${escapeXml(name)}" tests="${file.findings.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    ...file.findings.map((f) => testcase(f, options)),
    '  </testsuite>',
  ].join('\n');
}

/** JUnit XML: a testsuite per file, a testcase per rule and region; missing data is skipped, not passed. */
export function formatJunit(result: ScoreResult, options: FormatOptions): string {
  const s = result.summary;
  const errors = result.files.filter((f) => !f.valid).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="eduduty ${escapeXml(result.profile)}" tests="${s.findings + errors}" failures="${s.fail}" errors="${errors}" time="0">`,
    ...result.files.map((f) => suite(f, options)),
    '</testsuites>',
    '',
  ].join('\n');
}
