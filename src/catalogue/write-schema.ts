import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageHome } from '../home.js';
import { loadCatalogue } from './catalogue.js';
import { SCORE_RESULT_SCHEMA } from '../format/result-schema.js';
import { buildIndicatorFileSchema, serialiseSchema } from './schema.js';

/** `npm run schema`: regenerate the committed schemas (indicator file, JSON output) after the catalogue or the output changes. */
const written: [string, string][] = [
  ['indicator-file.schema.json', serialiseSchema(buildIndicatorFileSchema(loadCatalogue()))],
  ['result.schema.json', serialiseSchema(SCORE_RESULT_SCHEMA as never)],
];
for (const [name, text] of written) {
  const target = join(packageHome(), 'indicators', name);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
