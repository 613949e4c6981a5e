import { rmSync } from 'node:fs';

/**
 * Temporary files and folders being written, removed if the run is stopped (a signal, a closed stdout). One set
 * for the process: the process entry and the commands' bundle (src/cli/bundle.ts) each hold a copy of this module.
 */
const SHARED = Symbol.for('eduduty.pendingFiles');
const holder = globalThis as { [SHARED]?: Set<string> };
export const pendingFiles: Set<string> = (holder[SHARED] ??= new Set<string>());

export function removePendingFiles(): void {
  for (const file of pendingFiles) rmSync(file, { force: true, recursive: true });
  pendingFiles.clear();
}
