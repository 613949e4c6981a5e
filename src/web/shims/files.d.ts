declare module 'eduduty:files' {
  /** The package's data files (rules, catalogue, regions, report layouts, package.json) by absolute path. */
  const files: Record<string, string>;
  export default files;
}

declare module 'eduduty:validator' {
  /** The build's standalone validator of the bundled catalogue's schema (src/input/write-validator.ts). */
  const validate: import('ajv').ValidateFunction;
  export default validate;
  export const schemaHash: string;
}
