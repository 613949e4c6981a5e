import type { FileResult, Finding, ScoreResult } from '../engine/model.js';
import { formatWhole, type Chunk, type FormatStream } from './stream.js';

/** How much of a passing finding the JSON formats write: `thin` its identity, `full` its evidence and message too. */
export type Detail = 'thin' | 'full';

export interface JsonOptions {
  /** Default `thin`. Failing, missing, invalid and waived findings are always written whole. */
  detail?: Detail;
  /** Two-space indentation for people reading it by eye; default compact. */
  indent?: boolean;
}

/** A passing finding as the thin JSON writes it: which rule passed where. */
export type ThinFinding = Pick<Finding, 'rule' | 'category' | 'severity' | 'status' | 'region'>;

/** A finding as the JSON formats write it. */
export function jsonFinding(finding: Finding, detail: Detail = 'thin'): Finding | ThinFinding {
  if (detail === 'thin' && finding.status === 'pass') return { rule: finding.rule, category: finding.category, severity: finding.severity, status: 'pass', region: finding.region };
  return finding;
}

/** A file result as the JSON formats write it: the same keys in the same order, passes thinned. */
export function jsonFile(file: FileResult, detail: Detail = 'thin'): FileResult | (Omit<FileResult, 'findings'> & { findings: (Finding | ThinFinding)[] }) {
  if (detail === 'full') return file;
  return { ...file, findings: file.findings.map((f) => jsonFinding(f, detail)) };
}

/** The constant start of a rule's thin pass, built once per rule and run. */
interface PassPrefix {
  category: string;
  severity: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();
const COMMA = encoder.encode(',');

/**
 * A file as compact JSON, the bytes of JSON.stringify(jsonFile(file)), as pieces. Thin passes are most of a run's
 * output: each is its rule's constant prefix and its region's JSON, both encoded once, so a pass costs two copies
 * of bytes and no object, no string.
 */
export function compactFileWriter(detail: Detail): (file: FileResult) => Chunk[] {
  const prefixes = new Map<string, PassPrefix>();
  const regions = new WeakMap<object, Uint8Array>();
  const prefixOf = (f: Finding): Uint8Array => {
    const known = prefixes.get(f.rule);
    if (known && known.category === f.category && known.severity === f.severity) return known.bytes;
    const bytes = encoder.encode(`{"rule":${JSON.stringify(f.rule)},"category":${JSON.stringify(f.category)},"severity":${JSON.stringify(f.severity)},"status":"pass","region":`);
    prefixes.set(f.rule, { category: f.category, severity: f.severity, bytes });
    return bytes;
  };
  const regionOf = (region: Finding['region']): Uint8Array => {
    let bytes = regions.get(region);
    if (bytes === undefined) {
      bytes = encoder.encode(JSON.stringify(region) + '}');
      regions.set(region, bytes);
    }
    return bytes;
  };
  return (file) => {
    const keys = Object.keys(file);
    if (detail === 'full' || keys[keys.length - 1] !== 'findings') return [JSON.stringify(jsonFile(file, detail))];
    const { findings, ...rest } = file;
    const chunks: Chunk[] = [`${JSON.stringify(rest).slice(0, -1)},"findings":[`];
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      if (i > 0) chunks.push(COMMA);
      if (f.status === 'pass') chunks.push(prefixOf(f), regionOf(f.region));
      else chunks.push(JSON.stringify(f));
    }
    chunks.push(']}');
    return chunks;
  };
}

const NESTED_HEAD = '{\n  "files": [\n'.length;
const NESTED_TAIL = '\n  ]\n}'.length;
const indent = (json: string, spaces: number) => json.replace(/\n/g, '\n' + ' '.repeat(spaces));
const entry = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), 2)}`;
const defined = (part: object) => Object.entries(part).filter(([, v]) => v !== undefined);

/**
 * FORMAT.md §3 as it is produced, file by file: passes thinned unless `detail: 'full'`, compact unless
 * `indent`; the same bytes as JSON.stringify of the whole result would give.
 */
export function jsonStream(options: JsonOptions = {}): FormatStream {
  return options.indent ? indentedJson(options) : compactJson(options);
}

function compactJson(options: JsonOptions): FormatStream {
  let count = 0;
  const members = (part: object) => defined(part).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  const fileJson = compactFileWriter(options.detail ?? 'thin');
  return {
    begin: (head) => `{${[...members(head), '"files":['].join(',')}`,
    file: (file) => (count++ === 0 ? fileJson(file) : [',', ...fileJson(file)]),
    end: (tail) => `],${members(tail).join(',')}}\n`,
  };
}

function indentedJson(options: JsonOptions): FormatStream {
  let count = 0;
  return {
    begin: (head) => ['{', ...defined(head).map(([k, v]) => entry(k, v) + ',')].join('\n') + '\n  "files": [',
    file(file) {
      // stringified inside its real nesting, so JSON.stringify itself indents it by four spaces
      const nested = JSON.stringify({ files: [jsonFile(file, options.detail)] }, null, 2);
      return `${count++ === 0 ? '' : ','}\n${nested.slice(NESTED_HEAD, -NESTED_TAIL)}`;
    },
    end: (tail) => `${count === 0 ? ']' : '\n  ]'},\n${defined(tail).map(([k, v]) => entry(k, v)).join(',\n')}\n}\n`,
  };
}

/** The whole result as one JSON document; same input → same bytes. */
export function formatJson(result: ScoreResult, options: JsonOptions = {}): string {
  return formatWhole(jsonStream)(result, options);
}
