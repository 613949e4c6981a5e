import type { FileResult, Finding } from '../engine/model.js';
import type { InputProblem } from '../input/model.js';
import { CATEGORY_TITLES } from '../text/words.js';
import { markdownCode, markdownText, plainText, sarifText } from './escape.js';
import { placeText } from './location.js';
import type { FormatOptions } from './registry.js';
import { formatWhole, type FormatStream } from './stream.js';

const INVALID_INPUT = 'eduduty.invalid-input';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Json = Record<string, unknown>;

function region(at: { line?: number; column?: number } | undefined): Json | undefined {
  if (at?.line === undefined) return undefined;
  return { startLine: at.line, ...(at.column !== undefined ? { startColumn: at.column } : {}) };
}

function location(file: string, index: number, path: string, at?: { line?: number; column?: number; sheet?: string; cell?: string }): Json {
  const r = region(at);
  // a workbook has no lines: its cell is a logical location, "Sheet1!D7" as spreadsheets write a reference
  const cell = at?.cell ? [{ name: at.cell, fullyQualifiedName: sarifText(placeText(at, '!')), kind: 'element' }] : [];
  const logical = [...(path ? [{ fullyQualifiedName: path, kind: 'member' }] : []), ...cell];
  return {
    physicalLocation: { artifactLocation: { uri: toUri(file), index }, ...(r ? { region: r } : {}) },
    ...(logical.length > 0 ? { logicalLocations: logical } : {}),
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
    level: finding.status === 'invalid' ? 'error' : finding.severity,
    message: { text: sarifText(`${finding.region.name} ${finding.region.code}: ${finding.message}`) },
    locations: [location(file.file, fileIndex, finding.location?.path ?? '', finding.location)],
    partialFingerprints: { 'eduduty/region-rule': `${finding.region.code}:${finding.rule}` },
    // a waived failure stays visible to code scanning, marked suppressed with the waiver's reason
    ...(finding.waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: plainText(`${finding.waiver.reason} (${finding.waiver.owner}, until ${finding.waiver.expires})`) }] } : {}),
    properties: { region: { ...finding.region, name: plainText(finding.region.name) }, category: finding.category, evidence: finding.evidence, source: plainText(finding.source) },
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

const pad = (depth: number) => ' '.repeat(depth * 2);
/** A value as JSON.stringify(…, null, 2) writes it at this depth of the document. */
const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, '\n' + pad(depth));
const member = (key: string, value: unknown, depth: number) => `${pad(depth)}${JSON.stringify(key)}: ${nested(value, depth)}`;

/** The opening of four nested arrays as JSON.stringify(…, null, 2) writes it, up to the innermost item's indent. */
const RESULT_HEAD = JSON.stringify([[[[0]]]], null, 2).indexOf('0');
const RESULT_TAIL = JSON.stringify([[[[0]]]], null, 2).length - RESULT_HEAD - 1;

/**
 * A result at its depth (4) of the document, indented by JSON.stringify itself: the value stringified inside four
 * arrays, whose brackets are cut off, needs no pass over the text to re-indent it.
 */
const resultJson = (value: unknown) => JSON.stringify([[[[value]]]], null, 2).slice(RESULT_HEAD, -RESULT_TAIL);

function descriptorsOf(options: FormatOptions): Json[] {
  const { lang } = options;
  const rules = [...options.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  return [
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
}

/**
 * SARIF 2.1.0 for code-scanning tools: one run, the rules with their policy basis, one result per failure.
 * Results are written as files arrive; the artifacts (one small entry per file) and the summary follow them.
 */
export function sarifStream(options: FormatOptions): FormatStream {
  const descriptors = descriptorsOf(options);
  const ruleIndex = new Map(descriptors.map((d, i) => [String(d.id), i]));
  const artifacts: Json[] = [];
  let results = 0;
  let run: Json = {};
  const result = (value: Json) => `${results++ === 0 ? '' : ','}\n${pad(4)}${resultJson(value)}`;
  return {
    begin(head) {
      run = { profile: head.profile, ...(head.rules ? { rules: head.rules } : {}) };
      const tool = { driver: { name: 'eduduty', semanticVersion: head.tool.version, version: head.tool.version, rules: descriptors } };
      return [
        '{',
        member('$schema', SCHEMA, 1) + ',',
        member('version', '2.1.0', 1) + ',',
        `${pad(1)}"runs": [`,
        `${pad(2)}{`,
        member('tool', tool, 3) + ',',
        member('invocations', [{ executionSuccessful: true }], 3) + ',',
        `${pad(3)}"results": [`,
      ].join('\n');
    },
    file(file) {
      const fileIndex = artifacts.length;
      artifacts.push({ location: { uri: toUri(file.file) }, ...(file.sha256 ? { hashes: { 'sha-256': file.sha256 } } : {}) });
      const chunks: string[] = [];
      for (const problem of file.errors) chunks.push(result(problemResult(problem, file, fileIndex)));
      for (const finding of file.findings) if (finding.status === 'fail' || finding.status === 'waived' || finding.status === 'invalid') chunks.push(result(findingResult(finding, file, fileIndex, ruleIndex)));
      return chunks;
    },
    end(tail) {
      const properties = { ...run, summary: tail.summary };
      return [
        results === 0 ? '],' : `\n${pad(3)}],`,
        member('artifacts', artifacts, 3) + ',',
        member('properties', properties, 3),
        `${pad(2)}}`,
        `${pad(1)}]`,
        '}',
        '',
      ].join('\n');
    },
  };
}

export const formatSarif = formatWhole(sarifStream);
