import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { loadCatalogue } from '../catalogue/catalogue.js';
import { buildIndicatorFileSchema } from '../catalogue/schema.js';
import { AJV_OPTIONS, compilableSchema, PRECOMPILED_FILE, schemaHash } from './precompiled.js';

/**
 * Part of `npm run build`: the bundled catalogue's indicator-file schema compiled once into standalone code
 * beside the built precompiled.js, stamped with the schema's hash so a changed catalogue is never checked by a
 * stale validator.
 */
export function precompiledSource(schema: object): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const code = standalone.default(ajv, ajv.compile(compilableSchema(schema)));
  // ajv writes the schema's texts as string literals: escaped, the file is ASCII, which a run decodes at once
  const ascii = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${ascii}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schema))};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = join(dirname(fileURLToPath(import.meta.url)), PRECOMPILED_FILE);
  writeFileSync(target, precompiledSource(buildIndicatorFileSchema(loadCatalogue())));
}
