import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Heavy libraries, loaded the first time a command needs them instead of at start-up: `--help`, `rules` or a
 * run of JSON files never pays for YAML, the JSON Schema compiler, the progress bar or
 * the chart renderer (XLSX is imported where it is used).
 */
export const modules = {
  yaml: () => require('yaml') as typeof import('yaml'),
  ajv: () => (require('ajv') as typeof import('ajv')).Ajv,
  progress: () => require('cli-progress') as typeof import('cli-progress'),
  echarts: () => require('echarts') as typeof import('echarts'),
};
