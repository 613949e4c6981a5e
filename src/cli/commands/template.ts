import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageHome } from '../../home.js';
import { loadShandongRegions } from '../../catalogue/regions.js';
import { templateRegions } from '../../template/template.js';
import { csvTemplate, jsonTemplate, xlsxTemplate, yamlTemplate, type TemplateFormat } from '../../template/write.js';
import { listOf, msg } from '../../text/messages.js';
import { didYouMean } from '../../text/suggest.js';
import { prepareRun } from '../context.js';
import { COMMAND_FORMATS } from '../formats.js';
import { UsageError, type CliIO } from '../io.js';
import type { CommonOptions } from '../options.js';
import { parseOutputs, refuseClashes, settingsRead, writesStdout } from '../outputs.js';
import { writeOutputs } from '../write.js';

export interface TemplateCommandOptions extends CommonOptions<TemplateFormat> {
  region?: string;
  year?: number;
  /** FORMAT=FILE or a bare FILE, as for score. */
  output: string[];
}

/** The bundled indicator-file schema as a path from `folder`, the way `$schema` names it in the samples. */
function schemaRef(folder: string): string {
  const path = relative(folder, join(packageHome(), 'indicators', 'indicator-file.schema.json')).split(sep).join('/');
  return path.startsWith('.') || path.startsWith('/') ? path : `./${path}`;
}

export async function runTemplate(raw: TemplateCommandOptions, io: CliIO): Promise<number> {
  const { context, options } = prepareRun(raw, io);
  const lang = options.lang;
  const outputs = parseOutputs(options.output, COMMAND_FORMATS.template, options.format, lang);
  const list = loadShandongRegions();
  const regions = templateRegions(list, options.region);
  if (!regions) {
    const cities = list.regions.filter((r) => r.level === 'city');
    const hint = didYouMean(options.region!, cities.map((r) => r.code), lang);
    throw new UsageError(msg(lang, 'cli.unknown-city', { region: options.region!, hint, cities: listOf(lang, cities.map((r) => `${r.code} ${r.name}`)) }));
  }
  const year = options.year ?? context.profile.year;
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError(msg(lang, 'cli.bad-year', { year: String(options.year) }));
  const base = { catalogue: context.catalogue, rules: context.ruleSet.rules, profiles: context.ruleSet.profiles, regions, year, lang };
  const render = (format: TemplateFormat, file?: string) => {
    const template = { ...base, schemaRef: schemaRef(file ? dirname(resolve(io.cwd, file)) : io.cwd) };
    return format === 'xlsx' ? xlsxTemplate(template) : format === 'csv' ? csvTemplate(template) : format === 'json' ? jsonTemplate(template) : yamlTemplate(template);
  };
  await refuseClashes(outputs, settingsRead(options, context), { stdout: writesStdout(outputs), lang });
  await writeOutputs(outputs.map((o) => ({ file: o.file, content: () => render(o.format, o.file) })));
  if (!writesStdout(outputs)) return 0;
  if (options.format === 'xlsx' && io.stdout.isTTY) throw new UsageError(msg(lang, 'cli.binary-to-terminal', { format: 'xlsx', file: 'template.xlsx' }));
  io.stdout.write(await render(options.format));
  return 0;
}
