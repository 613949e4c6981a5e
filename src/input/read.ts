import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { decodeText } from './decode.js';
import type { IndicatorFile, InputProblem } from './model.js';
import { segmentsOf } from './model.js';
import { parseText, syntaxFor, type Locator } from './parse.js';
import type { Validator } from './validate.js';

/** Files larger than this are refused before parsing: no indicator file comes near it. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface InputSource {
  /** The name shown to the user: the path as given, or `<stdin>`. */
  name: string;
  bytes?: Uint8Array;
}

export interface ReadResult {
  name: string;
  file?: IndicatorFile;
  errors: InputProblem[];
  warnings: InputProblem[];
  /** sha256 of the input's bytes, for receipts. */
  sha256?: string;
  /** Finds positions in the source text (absent when the file did not parse). */
  locator?: Locator;
}

function locateAll(problems: InputProblem[], locator: Locator): InputProblem[] {
  return problems.map((problem) => {
    if (problem.line !== undefined || problem.path === '') return problem;
    const at = locator.locate(segmentsOf(problem.path), problem.code === 'unknown-key' || problem.code === 'forbidden-key');
    return at ? { ...problem, ...at } : problem;
  });
}

export function byPosition(a: InputProblem, b: InputProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** Decode, parse and validate one input's bytes. Never throws on user input. */
export function readIndicatorBytes(name: string, bytes: Uint8Array, validator: Validator, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.byteLength > maxBytes) {
    return { name, sha256, errors: [{ path: '', code: 'too-large', message: `the file is ${bytes.byteLength} bytes; the limit is ${maxBytes}` }], warnings: [] };
  }
  const { text, warnings: decodeWarnings } = decodeText(bytes);
  const parsed = parseText(text, syntaxFor(name, text));
  if (!parsed.ok) return { name, sha256, errors: parsed.problems, warnings: decodeWarnings };
  const { file, errors, warnings } = validator.validate(parsed.value);
  return {
    name,
    sha256,
    locator: parsed.locator,
    ...(errors.length === 0 && file ? { file } : {}),
    errors: locateAll(errors, parsed.locator).sort(byPosition),
    warnings: [...decodeWarnings, ...locateAll(warnings, parsed.locator).sort(byPosition)],
  };
}

export async function readIndicatorFile(source: InputSource, validator: Validator, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let bytes = source.bytes;
  if (!bytes) {
    try {
      bytes = await readFile(source.name);
    } catch (error) {
      return { name: source.name, errors: [{ path: '', code: 'unreadable', message: describeFsError(error) }], warnings: [] };
    }
  }
  return readIndicatorBytes(source.name, bytes, validator, maxBytes);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: the file cannot be read';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return `cannot be read (${code ?? (error as Error).message})`;
  }
}
