import * as yaml from 'yaml';

/** A library the page loads as a script of its own when first needed: it is then a global. */
function loaded<T>(name: string): T {
  const value = (globalThis as Record<string, unknown>)[name];
  if (!value) throw new Error(`${name} is not loaded yet`);
  return value as T;
}

/** The page's counterpart of src/modules.ts: YAML is bundled, charts arrive by their own script. */
export const modules = {
  yaml: () => yaml,
  ajv: (): never => {
    throw new Error('the browser build validates with the precompiled schema only');
  },
  progress: (): never => {
    throw new Error('no progress bar in the browser');
  },
  echarts: () => loaded<typeof import('echarts')>('echarts'),
};
