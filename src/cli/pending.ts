import { rmSync } from 'node:fs';

/** Temporary files and folders being written, removed if the run is stopped (a signal, a closed stdout). */
export const pendingFiles = new Set<string>();

export function removePendingFiles(): void {
  for (const file of pendingFiles) rmSync(file, { force: true, recursive: true });
  pendingFiles.clear();
}
