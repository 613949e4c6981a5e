import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { appendFile, rename, rm, writeFile } from 'node:fs/promises';
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
  for (const file of pendingFiles) rmSync(file, { force: true, recursive: true });
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

/** Bytes of output gathered before they are handed on: one buffer per output, reused for the whole run. */
const CAPACITY = 1 << 20;

/**
 * A sink that encodes text into one reused buffer and hands the bytes on when it is full, instead of a fresh
 * Buffer per write.
 */
function encodingSink(flush: (bytes: Buffer) => void | Promise<void>, close: () => void | Promise<void>): TextSink {
  const buffer = Buffer.allocUnsafe(CAPACITY);
  let used = 0;
  const drain = async () => {
    if (used === 0) return;
    const bytes = buffer.subarray(0, used);
    used = 0;
    await flush(bytes);
  };
  return {
    async write(chunk) {
      if (typeof chunk !== 'string') {
        await drain();
        return flush(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
      // a UTF-16 code unit is at most three UTF-8 bytes
      if (chunk.length * 3 > CAPACITY - used) {
        await drain();
        if (chunk.length * 3 > CAPACITY) return flush(Buffer.from(chunk, 'utf8'));
      }
      used += buffer.write(chunk, used, 'utf8');
    },
    async close() {
      await drain();
      await close();
    },
  };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
}

/** A file written as it is produced and renamed into place only when complete. */
export function atomicFileSink(path: string): TextSink & { abort(): Promise<void> } {
  const temporary = temporaryFor(path);
  let fd: number | undefined;
  const guarded = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      throw cannotWrite(path, error);
    }
  };
  fd = guarded(() => openSync(temporary, 'w'));
  const open = () => (fd ??= guarded(() => openSync(temporary, 'a')));
  const sink = encodingSink(
    (bytes) => guarded(() => writeAll(open(), bytes)),
    async () => {
      guarded(() => closeSync(open()));
      fd = undefined;
      try {
        await rename(temporary, path);
      } catch (error) {
        throw cannotWrite(path, error);
      }
      pendingFiles.delete(temporary);
    },
  );
  return {
    ...sink,
    async abort() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      await rm(temporary, { force: true });
      pendingFiles.delete(temporary);
    },
  };
}

/** Standard output as a sink, waiting for it to drain instead of buffering a whole run. */
export function stdoutSink(io: CliIO): TextSink {
  return encodingSink(
    async (bytes) => {
      // the stream may keep the chunk after write() returns: it gets its own copy of the reused buffer
      io.stdout.write(Buffer.from(bytes));
      await io.drain?.();
    },
    () => undefined,
  );
}

/** Output kept aside on disk (not in memory) until what goes before it is known, then copied after it. */
export function spoolSink(): TextSink & { copyTo(sink: TextSink): Promise<void>; abort(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'eduduty-spool-'));
  pendingFiles.add(dir);
  const file = join(dir, 'body');
  const fd = openSync(file, 'w');
  const sink = encodingSink(
    (bytes) => writeAll(fd, bytes),
    () => closeSync(fd),
  );
  const remove = async () => {
    await rm(dir, { recursive: true, force: true });
    pendingFiles.delete(dir);
  };
  return {
    ...sink,
    async copyTo(target) {
      await sink.close();
      const input = openSync(file, 'r');
      try {
        const buffer = Buffer.allocUnsafe(CAPACITY);
        for (let read = readSync(input, buffer); read > 0; read = readSync(input, buffer)) await target.write(buffer.subarray(0, read));
      } finally {
        closeSync(input);
        await remove();
      }
    },
    async abort() {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      await remove();
    },
  };
}

/** Text appended to a file when the run ends (a CI job summary), followed by a newline. */
export function appendSink(path: string): TextSink {
  const parts: (string | Uint8Array)[] = [];
  return {
    write: async (chunk) => void parts.push(chunk),
    async close() {
      try {
        await appendFile(path, Buffer.concat([...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)), Buffer.from('\n')]));
      } catch (error) {
        throw cannotWrite(path, error);
      }
    },
  };
}
