import { closeSync, constants, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Lang } from '../catalogue/catalogue.js';
import { describeFsError } from './read.js';

const DATA_FILE = /\.(json|ya?ml|csv|xlsx)$/i;
const SKIPPED_DIRS = new Set(['node_modules']);
const CONFIG_FILE = /^eduduty\.config\.(json|ya?ml)$/i;
const SIDE_FILE_KIND = /^[\s\S]{0,4096}?["']?kind["']?\s*:\s*["']?(school-roster|quantifier-scale)\b/;

/** A rule folder (it has `profiles/`) is read with --rules, never scored as data. */
async function isRuleFolder(dir: string): Promise<boolean> {
  return stat(join(dir, 'profiles')).then((s) => s.isDirectory(), () => false);
}

/**
 * A school roster (--schools) or a quantifier scale (--quantifiers) beside the data files: its `kind` says so near
 * the top. Read synchronously: a few kilobytes of each of thousands of files cost less than three trips each
 * through the thread pool.
 */
function isSideFile(file: string): boolean {
  if (!/\.(json|ya?ml)$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    // non-blocking: a FIFO named like a data file answers at once instead of holding the run
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const buffer = Buffer.alloc(4096);
    const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
    return SIDE_FILE_KIND.test(buffer.toString('utf8', 0, bytesRead));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A data file to read (`-` for standard input), or a path that could not be expanded, in command-line order. */
export interface DiscoveredInput {
  name: string;
  problem?: string;
}

/**
 * Expands the command line's paths: files as given, folders recursively (`*.json`, `*.yaml`, `*.yml`, `*.csv`, `*.xlsx`,
 * sorted by name, hidden entries skipped), `-` for stdin. Symlinked folders are followed once. In a folder, what is
 * not indicator data is left out: config files, rule folders and school rosters.
 */
function isDataFileName(name: string): boolean {
  return DATA_FILE.test(name) && !name.endsWith('.schema.json') && !name.startsWith('~$') && !CONFIG_FILE.test(name);
}

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
      if (isDir && !SKIPPED_DIRS.has(entry.name) && !(await isRuleFolder(path))) await walk(path);
      else if (isFile && isDataFileName(entry.name) && !isSideFile(path)) found.push({ name: path });
      // a FIFO, socket or device named like a data file is listed, and refused by the reader as it is when named
      // on the command line, rather than passed over without a word
      else if (!isDir && !isFile && isDataFileName(entry.name)) found.push({ name: path });
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
  // a file named twice (`score a.json a.json`, or a folder and a file in it) is read once, as a linter does
  const listed = new Set<string>();
  return found.filter((input) => {
    if (input.problem || input.name === '-') return true;
    const key = resolve(input.name);
    if (listed.has(key)) return false;
    listed.add(key);
    return true;
  });
}
