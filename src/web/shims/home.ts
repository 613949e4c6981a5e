import files from 'eduduty:files';

/** Where the build puts the package's data files in the embedded file system. */
export const WEB_HOME = '/eduduty';

export function packageHome(): string {
  return WEB_HOME;
}

export function packageVersion(): string {
  return (JSON.parse(files[`${WEB_HOME}/package.json`]!) as { version: string }).version;
}
