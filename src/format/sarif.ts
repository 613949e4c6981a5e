import type { FileResult, Finding, ScoreResult } from '../engine/model.js';
import type { InputProblem } from '../input/model.js';
import { CATEGORY_TITLES } from '../text/words.js';
import { markdownCode, markdownText, sarifText } from './escape.js';
import type { FormatOptions } from './registry.js';

const INVALID_INPUT = 'eduduty.invalid-input';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Json = Record<string, unknown>;

function region(at: { line?: number; column?: number } | undefined): Json | undefined {
  if (at?.line === undefined) return undefined;
  return { startLine: at.line, ...(at.column !== undefined ? { startColumn: at.column } : {}) };
}

function location(file: string, index: number, path: string, at?: { line?: number; column?: number }): Json {
  const r = region(at);
  return {
    physicalLocation: { artifactLocation: { uri: toUri(file), index }, ...(r ? { region: r } : {}) },
    ...(path ? { logicalLocations: [{ fullyQualifiedName: path, kind: 'member' }] } : {}),
  };
}

/** A relative URI as SARIF wants it: forward slashes, spaces and the like percent-encoded. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function findingResult(finding: Finding, file: FileResult, fileIndex: number, ruleIndex: Map<string, number>): Json {
  return {
    ruleId: finding.rule,
    ruleIndex: ruleIndex.get(finding.rule),
    level: finding.severity,
    message: { text: sarifText(`${finding.region.name} ${finding.region.code}: ${finding.message}`) },
    locations: [location(file.file, fileIndex, finding.location?.path ?? '', finding.location)],
    partialFingerprints: { 'eduduty/region-rule': `${finding.region.code}:${finding.rule}` },
    // a waived failure stays visible to code scanning, marked suppressed with the waiver's reason
    ...(finding.waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${finding.waiver.reason} (${finding.waiver.owner}, until ${finding.waiver.expires})` }] } : {}),
    properties: { region: finding.region, category: finding.category, evidence: finding.evidence, source: finding.source },
  };
}

function problemResult(problem: InputProblem, file: FileResult, fileIndex: number): Json {
  return {
    ruleId: INVALID_INPUT,
    ruleIndex: 0,
    level: 'error',
    message: { text: sarifText(problem.path ? `${problem.path}: ${problem.message}` : problem.message) },
    locations: [location(file.file, fileIndex, problem.path, problem)],
  };
}

/** SARIF 2.1.0 for code-scanning tools: one run, the rules with their policy basis, one result per failure. */
export function formatSarif(result: ScoreResult, options: FormatOptions): string {
  const { lang } = options;
  const rules = [...options.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i + 1]));
  const descriptors = [
    {
      id: INVALID_INPUT,
      name: 'InvalidInput',
      shortDescription: { text: lang === 'zh' ? '输入文件无效' : 'The input file is invalid' },
      help: { text: 'The file must be an indicator file of schemaVersion 1 (see indicators/indicator-file.schema.json).' },
      defaultConfiguration: { level: 'error' },
    },
    ...rules.map((rule) => ({
      id: rule.id,
      name: rule.id,
      shortDescription: { text: rule.meta.title[lang] },
      fullDescription: { text: `${rule.meta.title[lang]} (${CATEGORY_TITLES[rule.meta.category][lang]})` },
      help: {
        text: `${rule.meta.title[lang]}. ${lang === 'zh' ? '依据' : 'Basis'}: ${rule.meta.source}${rule.meta.note ? `. ${rule.meta.note}` : ''}`,
        markdown: `**${markdownText(rule.meta.title[lang])}**\n\n${lang === 'zh' ? '依据' : 'Basis'}: ${markdownText(rule.meta.source)}${rule.meta.note ? `\n\n${markdownText(rule.meta.note)}` : ''}\n\n${markdownCode(`eduduty explain ${rule.id}`)}`,
      },
      defaultConfiguration: { level: rule.meta.severity },
      properties: { category: rule.meta.category, source: rule.meta.source, tags: [rule.meta.category, ...(rule.meta.provisional ? ['provisional'] : [])] },
    })),
  ];
  const results: Json[] = [];
  result.files.forEach((file, fileIndex) => {
    for (const problem of file.errors) results.push(problemResult(problem, file, fileIndex));
    for (const finding of file.findings) if (finding.status === 'fail' || finding.status === 'waived') results.push(findingResult(finding, file, fileIndex, ruleIndex));
  });
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'eduduty', semanticVersion: result.tool.version, version: result.tool.version, rules: descriptors } },
        artifacts: result.files.map((file) => ({
          location: { uri: toUri(file.file) },
          ...(file.sha256 ? { hashes: { 'sha-256': file.sha256 } } : {}),
        })),
        invocations: [{ executionSuccessful: true }],
        results,
        properties: { profile: result.profile, ...(result.rules ? { rules: result.rules } : {}), summary: result.summary },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
