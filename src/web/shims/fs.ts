import files from 'eduduty:files';

/** A read-only file system over the data files the build embeds: the library reads its rules and catalogue as on disk. */
function notFound(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
}

const isDir = (path: string) => Object.keys(files).some((name) => name.startsWith(path.replace(/\/$/, '') + '/'));

export function existsSync(path: string): boolean {
  return path in files || isDir(path);
}

export function readFileSync(path: string): string {
  const text = files[path];
  if (text === undefined) throw notFound(path);
  return text;
}

export function statSync(path: string): { size: number; isDirectory(): boolean; isFile(): boolean } {
  if (path in files) return { size: files[path]!.length, isDirectory: () => false, isFile: () => true };
  if (isDir(path)) return { size: 0, isDirectory: () => true, isFile: () => false };
  throw notFound(path);
}

interface Entry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

export function readdirSync(path: string, options?: { withFileTypes?: boolean }): (string | Entry)[] {
  const prefix = path.replace(/\/$/, '') + '/';
  const names = new Map<string, boolean>();
  for (const name of Object.keys(files)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const slash = rest.indexOf('/');
    names.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
  }
  if (names.size === 0) throw notFound(path);
  if (!options?.withFileTypes) return [...names.keys()];
  return [...names].map(([name, dir]) => ({ name, isDirectory: () => dir, isFile: () => !dir }));
}

export function writeFileSync(): never {
  throw new Error('no file system in the browser');
}
