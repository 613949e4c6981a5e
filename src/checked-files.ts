import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageHome } from './home.js';

/**
 * The package's own data files (the catalogue, its units, the division codes) that the build found valid, by the
 * hash of their bytes: a run reads such a file as it is instead of checking it against its schema again. A file
 * changed since the build has another hash and is checked as any other.
 */
export const CHECKED_FILES = join('dist', 'src', 'checked-files.json');

export interface Schema<T> {
  parse(data: unknown): T;
}

export const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let checked: ReadonlySet<string> | undefined;
function checkedHashes(): ReadonlySet<string> {
  if (checked) return checked;
  try {
    checked = new Set(JSON.parse(readFileSync(join(packageHome(), CHECKED_FILES), 'utf8')) as string[]);
  } catch {
    checked = new Set();
  }
  return checked;
}

/** A package data file's content: as the build checked it when its bytes are unchanged, else parsed by its schema (asked for only then). */
export function readDataFile<T>(path: string, schema: () => Schema<T>): T {
  const bytes = readFileSync(path);
  const data: unknown = JSON.parse(bytes.toString('utf8'));
  return checkedHashes().has(hashOf(bytes)) ? (data as T) : schema().parse(data);
}
