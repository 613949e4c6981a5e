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

interface Stat {
  size: number;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

const encoded = new Map<string, Uint8Array>();
const bytesOf = (path: string): Uint8Array => {
  let bytes = encoded.get(path);
  if (!bytes) encoded.set(path, (bytes = new TextEncoder().encode(readFileSync(path))));
  return bytes;
};

export function statSync(path: string): Stat {
  if (path in files) return { size: bytesOf(path).length, isDirectory: () => false, isFile: () => true, isSymbolicLink: () => false };
  if (isDir(path)) return { size: 0, isDirectory: () => true, isFile: () => false, isSymbolicLink: () => false };
  throw notFound(path);
}

export const lstatSync = statSync;
export const realpathSync = (path: string): string => path;
export const constants = { O_RDONLY: 0, O_NONBLOCK: 0, O_NOFOLLOW: 0 };

/** Descriptors over the embedded files, for the library's bounded reads. */
const open = new Map<number, { path: string; at: number }>();
let nextFd = 3;

export function openSync(path: string): number {
  statSync(path);
  open.set(nextFd, { path, at: 0 });
  return nextFd++;
}

export function fstatSync(fd: number): Stat {
  return statSync(open.get(fd)!.path);
}

export function readSync(fd: number, buffer: Uint8Array, offset: number, length: number): number {
  const file = open.get(fd)!;
  const bytes = bytesOf(file.path).subarray(file.at, file.at + length);
  buffer.set(bytes, offset);
  file.at += bytes.length;
  return bytes.length;
}

export function closeSync(fd: number): void {
  open.delete(fd);
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
