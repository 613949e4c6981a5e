import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { loadCatalogue } from '../../src/catalogue/catalogue.js';
import { buildIndicatorFileSchema } from '../../src/catalogue/schema.js';

/**
 * The floor as a whole process: read every file of a folder, JSON.parse it and validate it with ajv against
 * the indicator-file schema — what any tool must do before it can score anything.
 */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

export function createFloor(): (path: string) => boolean {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(buildIndicatorFileSchema(loadCatalogue()));
  return (path) => validate(JSON.parse(readFileSync(path, 'utf8'))) as boolean;
}

if (process.argv[1]?.endsWith('floor.js') && process.argv[2]) {
  const floor = createFloor();
  let valid = 0;
  for (const file of listFiles(process.argv[2])) if (floor(file)) valid++;
  process.stdout.write(`${valid}\n`);
}
