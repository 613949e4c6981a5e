/** POSIX paths over the embedded files' names. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + out.join('/');
}

export const sep = '/';
export const join = (...parts: string[]): string => normalise(parts.filter(Boolean).join('/')) || '.';
export const isAbsolute = (path: string): boolean => path.startsWith('/');
export const resolve = (...parts: string[]): string => {
  let path = '';
  for (const part of parts) path = isAbsolute(part) ? part : `${path}/${part}`;
  return normalise(isAbsolute(path) ? path : `/${path}`);
};
export const dirname = (path: string): string => {
  const at = path.replace(/\/+$/, '').lastIndexOf('/');
  return at < 0 ? '.' : at === 0 ? '/' : path.slice(0, at);
};
export const basename = (path: string, ext?: string): string => {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
};
export const relative = (from: string, to: string): string => {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
};
export default { sep, join, isAbsolute, resolve, dirname, basename, relative };
