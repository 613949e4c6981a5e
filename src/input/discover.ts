import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../catalogue/catalogue.js';
import { describeFsError } from './read.js';

const DATA_FILE = /\.(json|ya?ml|csv|xlsx)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);

/** A data file to read (`-` for standard input), or a path that could not be expanded, in command-line order. */
export interface DiscoveredInput {
  name: string;
  problem?: string;
}

/**
 * Expands the command line's paths: files as given, folders recursively (`*.json`, `*.yaml`, `*.yml`, `*.csv`, `*.xlsx`,
 * sorted by name, hidden entries skipped), `-` for stdin. Symlinked folders are followed once.
 */
export async function discoverInputs(paths: readonly string[], lang: Lang): Promise<DiscoveredInput[]> {
  const found: DiscoveredInput[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      found.push({ name: dir, problem: describeFsError(error, lang) });
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      found.push({ name: dir, problem: describeFsError(error, lang) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          found.push({ name: path, problem: describeFsError(error, lang) });
          continue;
        }
      }
      if (isDir && !SKIPPED_DIRS.has(entry.name)) await walk(path);
      else if (isFile && DATA_FILE.test(entry.name) && !entry.name.endsWith('.schema.json') && !entry.name.startsWith('~$')) found.push({ name: path });
    }
  };
  for (const path of paths) {
    if (path === '-') {
      found.push({ name: '-' });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      found.push({ name: path, problem: describeFsError(error, lang) });
      continue;
    }
    if (info.isDirectory()) await walk(path);
    else found.push({ name: path });
  }
  return found;
}
