import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { TextSink } from '../format/stream.js';
import type { CliIO } from './io.js';
import { basename, dirname, join } from 'node:path';

/** Writes a whole file or nothing: a temporary file beside the target, then an atomic rename. */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A file written as a stream and renamed into place only when complete. */
export function atomicFileSink(path: string): TextSink & { abort(): Promise<void> } {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream = createWriteStream(temporary);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  return {
    async write(text) {
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
    },
    async close() {
      await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
      await rename(temporary, path);
    },
    async abort() {
      stream.destroy();
      await rm(temporary, { force: true });
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
