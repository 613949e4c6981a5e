import type { Lang } from '../catalogue/catalogue.js';
import type { FileResult } from '../engine/model.js';
import { capProblems } from '../input/budget.js';
import { discoverInputs } from '../input/discover.js';
import type { School } from '../schools/compute.js';
import { readRoster } from '../schools/roster.js';

/** The schools of every roster given with --schools; a roster that cannot be used is reported like an invalid file. */
export async function loadRosters(paths: readonly string[], options: { lang: Lang; maxBytes?: number }): Promise<{ schools: School[]; invalid: FileResult[] }> {
  const schools: School[] = [];
  const invalid: FileResult[] = [];
  for (const input of await discoverInputs(paths, options.lang)) {
    if (input.problem) {
      invalid.push({ file: input.name, valid: false, errors: [{ path: '', code: 'unreadable', message: input.problem }], warnings: [], findings: [] });
      continue;
    }
    const roster = await readRoster(input.name, options.lang, options.maxBytes);
    if (roster.errors.length > 0) invalid.push({ file: roster.name, valid: false, errors: capProblems(roster.errors, options.lang), warnings: capProblems(roster.warnings, options.lang), findings: [] });
    else schools.push(...roster.schools);
  }
  return { schools, invalid };
}
