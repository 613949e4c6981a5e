import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageHome } from '../home.js';
import { loadCatalogue } from './catalogue.js';
import { buildIndicatorFileSchema, serialiseSchema } from './schema.js';

/** `npm run schema`: regenerate the committed schema after the catalogue changes. */
const target = join(packageHome(), 'indicators', 'indicator-file.schema.json');
writeFileSync(target, serialiseSchema(buildIndicatorFileSchema(loadCatalogue())));
process.stdout.write(`wrote ${target}\n`);
