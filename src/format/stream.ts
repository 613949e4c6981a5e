import type { FileResult, ScoreResult } from '../engine/model.js';
import { jsonFile, type JsonOptions } from './json.js';
import { ndjsonFile, ndjsonHeader, ndjsonSummary } from './ndjson.js';

/** Where streamed text goes: stdout, or a file written atomically. */
export interface TextSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export type Head = Pick<ScoreResult, 'tool' | 'profile' | 'profileByYear' | 'rules'>;
export type Tail = Pick<ScoreResult, 'summary' | 'waivers' | 'baseline'>;

/** A format that can be written file by file, holding one file's results at a time. */
export interface StreamWriter {
  begin(head: Head): Promise<void>;
  file(file: FileResult): Promise<void>;
  end(tail: Tail): Promise<void>;
}

const NESTED_HEAD = '{\n  "files": [\n'.length;
const NESTED_TAIL = '\n  ]\n}'.length;
const indent = (json: string, spaces: number) => json.replace(/\n/g, '\n' + ' '.repeat(spaces));
const entry = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), 2)}`;

/**
 * The JSON of FORMAT.md §3 written as it is produced: the same bytes as formatJson, without ever holding the
 * whole document (a decade of a country's counties is hundreds of megabytes even thin).
 */
export function jsonWriter(sink: TextSink, options: JsonOptions = {}): StreamWriter {
  return options.indent ? indentedJsonWriter(sink, options) : compactJsonWriter(sink, options);
}

const members = (part: object) =>
  Object.entries(part)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);

function compactJsonWriter(sink: TextSink, options: JsonOptions): StreamWriter {
  let count = 0;
  return {
    async begin(head) {
      await sink.write(`{${[...members(head), '"files":['].join(',')}`);
    },
    async file(file) {
      await sink.write(`${count++ === 0 ? '' : ','}${JSON.stringify(jsonFile(file, options.detail))}`);
    },
    async end(tail) {
      await sink.write(`],${members(tail).join(',')}}\n`);
      await sink.close();
    },
  };
}

function indentedJsonWriter(sink: TextSink, options: JsonOptions): StreamWriter {
  let count = 0;
  return {
    async begin(head) {
      await sink.write(['{', ...Object.entries(head).filter(([, v]) => v !== undefined).map(([k, v]) => entry(k, v) + ',')].join('\n') + '\n  "files": [');
    },
    async file(file) {
      // stringified inside its real nesting, so JSON.stringify itself indents it by four spaces
      const nested = JSON.stringify({ files: [jsonFile(file, options.detail)] }, null, 2);
      await sink.write(`${count++ === 0 ? '' : ','}\n${nested.slice(NESTED_HEAD, -NESTED_TAIL)}`);
    },
    async end(tail) {
      const rest = Object.entries(tail).filter(([, v]) => v !== undefined).map(([k, v]) => entry(k, v));
      await sink.write(`${count === 0 ? ']' : '\n  ]'},\n${rest.join(',\n')}\n}\n`);
      await sink.close();
    },
  };
}

export function ndjsonWriter(sink: TextSink, options: JsonOptions = {}): StreamWriter {
  return {
    begin: (head) => sink.write(ndjsonHeader(head)),
    file: (file) => sink.write(ndjsonFile(file, options)),
    async end(tail) {
      await sink.write(ndjsonSummary(tail));
      await sink.close();
    },
  };
}

export const STREAM_WRITERS = { json: jsonWriter, ndjson: ndjsonWriter } as const;
export type StreamFormat = keyof typeof STREAM_WRITERS;
export const isStreamFormat = (format: string): format is StreamFormat => Object.hasOwn(STREAM_WRITERS, format);
