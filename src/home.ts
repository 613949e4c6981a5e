import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let home: string | undefined;
let version: string | undefined;

/**
 * The package's own folder (where `rules/` and `indicators/` live), found by walking up from this
 * module: the same code runs from `src/` under the test runner and from `dist/src/` when built.
 */
export function packageHome(): string {
  return (home ??= findHome());
}

function findHome(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'eduduty') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('eduduty: cannot find the package folder');
    dir = parent;
  }
}

export function packageVersion(): string {
  return (version ??= JSON.parse(readFileSync(join(packageHome(), 'package.json'), 'utf8')).version as string);
}
