import { Buffer } from 'buffer';

/** What the library reaches for on Node's globals: only the working folder, for messages naming a file. */
export const process = { cwd: () => '/', env: {} as Record<string, string | undefined>, platform: 'browser' };
export { Buffer };
