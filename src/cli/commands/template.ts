import { loadShandongRegions } from '../../catalogue/regions.js';
import { templateRegions } from '../../template/template.js';
import { csvTemplate, jsonTemplate, xlsxTemplate, yamlTemplate, type TemplateFormat } from '../../template/write.js';
import { prepareRun } from '../context.js';
import { UsageError, type CliIO } from '../io.js';
import type { CommonOptions } from '../options.js';
import { writeFileAtomic } from '../write.js';

export interface TemplateCommandOptions extends CommonOptions {
  templateFormat: TemplateFormat;
  region?: string;
  year?: number;
  output?: string;
}

export async function runTemplate(raw: TemplateCommandOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const list = loadShandongRegions();
  const regions = templateRegions(list, options.region);
  if (!regions) {
    const cities = list.regions.filter((r) => r.level === 'city').map((r) => `${r.code} ${r.name}`);
    throw new UsageError(`no bundled division list has city ${options.region}; known cities: ${cities.join(', ')}`);
  }
  const year = options.year ?? context.profile.year;
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError(`--year ${options.year}: expected a year such as 2023`);
  const template = { catalogue: context.catalogue, rules: context.ruleSet.rules, profiles: context.ruleSet.profiles, regions, year, lang: options.lang };
  const format = options.templateFormat;
  const content = format === 'xlsx' ? await xlsxTemplate(template) : format === 'csv' ? csvTemplate(template) : format === 'json' ? jsonTemplate(template) : yamlTemplate(template);
  if (options.output) await writeFileAtomic(options.output, content);
  else if (format === 'xlsx' && io.stdout.isTTY) throw new UsageError('xlsx is a binary format: write it to a file with -o template.xlsx');
  else io.stdout.write(content);
  return 0;
}
