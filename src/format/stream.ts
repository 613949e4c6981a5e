import type { FileResult, ScoreResult } from '../engine/model.js';
import type { FormatOptions } from './registry.js';

/** A piece of output: text, or text already encoded as UTF-8 (built once, copied as it is wherever it recurs). */
export type Chunk = string | Uint8Array;

/** Output text, whole or as its pieces in order. */
export type Text = string | readonly Chunk[];

const decoder = new TextDecoder();

/** The pieces joined into one string. */
export function textOf(text: Text): string {
  return typeof text === 'string' ? text : text.map((piece) => (typeof piece === 'string' ? piece : decoder.decode(piece))).join('');
}

/** Where streamed output goes: stdout, or a file written atomically. Text is encoded as UTF-8. */
export interface TextSink {
  write(text: Text | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type Head = Pick<ScoreResult, 'tool' | 'profile' | 'profileByYear' | 'rules'>;
export type Tail = Pick<ScoreResult, 'summary' | 'waivers' | 'baseline'>;

/**
 * A format as text produced file by file: `begin` once, `file` for each result as it arrives, `end` with the
 * summary. It holds no more than its summary needs, so a run of any size is written in constant memory.
 */
export interface FormatStream {
  begin(head: Head): string;
  file(file: FileResult): Text;
  end(tail: Tail): string;
  /**
   * Text that comes before everything else but depends on the whole run (JUnit's totals): a writer keeps
   * the rest aside (on disk, not in memory) and writes this first.
   */
  preamble?(head: Head, tail: Tail): string;
}

export type StreamFormatter = (options: FormatOptions) => FormatStream;

/** The whole document at once, from the same stream: what the library's formatters return. */
export function formatWhole<O>(make: (options: O) => FormatStream): (result: ScoreResult, options: O) => string {
  return (result, options) => {
    const stream = make(options);
    const head: Head = { tool: result.tool, profile: result.profile, ...(result.profileByYear ? { profileByYear: true } : {}), ...(result.rules ? { rules: result.rules } : {}) };
    const tail: Tail = { summary: result.summary, ...(result.waivers ? { waivers: result.waivers } : {}), ...(result.baseline ? { baseline: result.baseline } : {}) };
    const parts = [stream.preamble?.(head, tail) ?? '', stream.begin(head)];
    for (const file of result.files) parts.push(textOf(stream.file(file)));
    parts.push(stream.end(tail));
    return parts.join('');
  };
}
