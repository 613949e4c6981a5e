import { randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, mkdtempSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { appendFile, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { textOf, type Chunk, type TextSink } from '../format/stream.js';
import type { Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import { UsageError, type CliIO } from './io.js';
import { pendingFiles } from './pending.js';

export { pendingFiles, removePendingFiles } from './pending.js';

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_APPEND, O_NOCTTY } = constants;

function reasonOf(error: unknown, lang: Lang, path?: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      // a folder that exists but takes no new file (/proc, /sys) is not a missing folder
      return path !== undefined && isFolder(dirname(path)) ? msg(lang, 'cli.write-cannot-create') : msg(lang, 'cli.write-no-folder');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return msg(lang, 'cli.write-denied');
    case 'EISDIR':
      return msg(lang, 'cli.write-is-folder');
    case 'ENOSPC':
    case 'EDQUOT':
      return msg(lang, 'cli.write-no-space');
    case 'EPIPE':
      return msg(lang, 'cli.write-closed');
    default:
      return code ?? (error as Error).message;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function cannotWrite(path: string, error: unknown): UsageError {
  return new UsageError((lang) => msg(lang, 'cli.cannot-write', { file: path, reason: reasonOf(error, lang, path) }));
}

/** Why standard output could not be written, in one line. */
export function stdoutFailure(error: unknown, lang: Lang): string {
  return msg(lang, 'cli.cannot-write', { file: msg(lang, 'cli.standard-output'), reason: reasonOf(error, lang) });
}

async function guarded<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

/** The standard streams by name: written in place although they are links. */
export const STANDARD_STREAM = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;

type Placement = { inPlace: true } | { inPlace: false; mode: number };

// a normal new file's permissions; the temporary file is private until it is complete
const newFileMode = () => 0o666 & ~process.umask();

/**
 * How a target is written. A regular file, a link or nothing yet is replaced by a rename (a link planted there
 * is never followed, an existing file keeps its permissions); a device, a pipe or a standard stream is written
 * in place and never replaced.
 */
function placementOf(path: string): Placement {
  let info;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { inPlace: false, mode: newFileMode() };
    throw cannotWrite(path, error);
  }
  if (info.isSymbolicLink()) return STANDARD_STREAM.test(resolve(path)) ? { inPlace: true } : { inPlace: false, mode: newFileMode() };
  if (info.isDirectory()) throw cannotWrite(path, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  return info.isFile() ? { inPlace: false, mode: info.mode & 0o777 } : { inPlace: true };
}

/** A file created beside the target, exclusively, under a name nobody can guess, never through a link. */
async function createTemporary(path: string): Promise<{ temporary: string; handle: FileHandle }> {
  for (let attempt = 1; ; attempt++) {
    // kept well under the 255-byte name limit whatever the target's name
    const temporary = join(dirname(path), `.${basename(path).slice(0, 40)}.${randomBytes(12).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      pendingFiles.add(temporary);
      return { temporary, handle };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 4) throw cannotWrite(path, error);
    }
  }
}

async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.byteLength; ) done += (await handle.write(bytes, done)).bytesWritten;
}

/**
 * The files a run writes. A replaced file is written to a temporary file beside its target; `commit()` renames
 * them all into place once every output is complete, `abort()` removes them and leaves every target as it was.
 * Devices, pipes and standard streams are written as the output is produced.
 */
export class OutputFiles {
  readonly #handles = new Set<FileHandle>();
  readonly #temporaries = new Map<string, string>();
  readonly #complete: string[] = [];

  async open(path: string): Promise<TextSink> {
    const placement = placementOf(path);
    if (placement.inPlace) {
      const handle = await guarded(path, () => open(path, O_WRONLY | O_APPEND | O_NOCTTY));
      return this.#sink(path, handle, async () => undefined);
    }
    const { temporary, handle } = await createTemporary(path);
    this.#temporaries.set(temporary, path);
    return this.#sink(path, handle, async () => {
      await handle.chmod(placement.mode);
      this.#complete.push(temporary);
    });
  }

  /** Opens, writes and closes one output (still to be committed). */
  async write(path: string, content: string | Uint8Array): Promise<void> {
    const sink = await this.open(path);
    await sink.write(content);
    await sink.close();
  }

  async commit(): Promise<void> {
    try {
      for (const temporary of this.#complete) {
        const path = this.#temporaries.get(temporary)!;
        await guarded(path, () => rename(temporary, path));
        this.#temporaries.delete(temporary);
        pendingFiles.delete(temporary);
      }
    } finally {
      await this.abort();
    }
  }

  async abort(): Promise<void> {
    for (const handle of this.#handles) await handle.close().catch(() => undefined);
    this.#handles.clear();
    for (const temporary of this.#temporaries.keys()) {
      await rm(temporary, { force: true });
      pendingFiles.delete(temporary);
    }
    this.#temporaries.clear();
    this.#complete.length = 0;
  }

  #sink(path: string, handle: FileHandle, finish: () => Promise<void>): TextSink {
    this.#handles.add(handle);
    return encodingSink(
      (bytes) => guarded(path, () => writeFully(handle, bytes)),
      () =>
        guarded(path, async () => {
          await finish();
          this.#handles.delete(handle);
          await handle.close();
        }),
    );
  }
}

/** Writes every output, then commits them together: a run that fails on one output replaces none. */
export async function writeOutputs(outputs: readonly { file: string; content: () => string | Uint8Array | Promise<string | Uint8Array> }[]): Promise<void> {
  const files = new OutputFiles();
  try {
    for (const output of outputs) await files.write(output.file, await output.content());
    await files.commit();
  } catch (error) {
    await files.abort();
    throw error;
  }
}

/** One file written whole or not at all. */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  await writeOutputs([{ file: path, content: () => text }]);
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
  const copy = (piece: Chunk) => {
    if (typeof piece === 'string') used += buffer.write(piece, used, 'utf8');
    else {
      buffer.set(piece, used);
      used += piece.byteLength;
    }
  };
  /** Copies a piece in; a Promise only when the buffer had to be handed on first (most pieces need no await). */
  const put = (piece: Chunk): Promise<void> | undefined => {
    // a UTF-16 code unit is at most three UTF-8 bytes
    const size = typeof piece === 'string' ? piece.length * 3 : piece.byteLength;
    if (size <= CAPACITY - used) return void copy(piece);
    return (async () => {
      await drain();
      if (size <= CAPACITY) return copy(piece);
      await flush(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    })();
  };
  return {
    async write(text) {
      if (typeof text === 'string' || text instanceof Uint8Array) return put(text);
      for (const piece of text) {
        const handedOn = put(piece);
        if (handedOn) await handedOn;
      }
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

/** Standard output as a sink, waiting for it to drain instead of buffering a whole run. */
export function stdoutSink(io: CliIO): TextSink {
  return encodingSink(
    async (bytes) => {
      // the stream may keep the chunk after write() returns: it gets its own copy of the reused buffer (a plain
      // memory copy: Buffer.from would zero the new memory first and copy byte by byte)
      const copy = Buffer.allocUnsafe(bytes.byteLength);
      bytes.copy(copy);
      io.stdout.write(copy);
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
    write: async (text) => void parts.push(text instanceof Uint8Array ? text : textOf(text)),
    async close() {
      try {
        await appendFile(path, Buffer.concat([...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)), Buffer.from('\n')]));
      } catch (error) {
        throw cannotWrite(path, error);
      }
    },
  };
}
