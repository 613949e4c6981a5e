import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { TextSink } from '../format/stream.js';
import type { Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import { UsageError, type CliIO } from './io.js';
import { basename, dirname, join } from 'node:path';

function cannotWrite(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (lang: Lang) =>
    code === 'ENOENT' ? msg(lang, 'cli.write-no-folder') : code === 'EACCES' || code === 'EPERM' ? msg(lang, 'cli.write-denied') : code === 'EISDIR' ? msg(lang, 'cli.write-is-folder') : (error as Error).message;
  return new UsageError((lang) => msg(lang, 'cli.cannot-write', { file: path, reason: reason(lang) }));
}

/** Temporary files being written, removed if the run is interrupted. */
export const pendingFiles = new Set<string>();

export function removePendingFiles(): void {
  for (const file of pendingFiles) rmSync(file, { force: true });
  pendingFiles.clear();
}

function temporaryFor(path: string): string {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pendingFiles.add(temporary);
  return temporary;
}

/** Writes a whole file or nothing: a temporary file beside the target, then an atomic rename. */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const temporary = temporaryFor(path);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw cannotWrite(path, error);
  } finally {
    pendingFiles.delete(temporary);
  }
}

/** A file written as a stream and renamed into place only when complete. */
export function atomicFileSink(path: string): TextSink & { abort(): Promise<void> } {
  const temporary = temporaryFor(path);
  const stream = createWriteStream(temporary);
  const failed = new Promise<never>((_, reject) => stream.once('error', (error) => reject(cannotWrite(path, error))));
  failed.catch(() => undefined);
  return {
    async write(text) {
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
    },
    async close() {
      await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
      try {
        await rename(temporary, path);
      } catch (error) {
        throw cannotWrite(path, error);
      }
      pendingFiles.delete(temporary);
    },
    async abort() {
      stream.destroy();
      await rm(temporary, { force: true });
      pendingFiles.delete(temporary);
    },
  };
}

/** Standard output as a sink, waiting for it to drain instead of buffering a whole run. */
export function stdoutSink(io: CliIO): TextSink {
  return {
    async write(text) {
      io.stdout.write(text);
      await io.drain?.();
    },
    close: async () => undefined,
  };
}
