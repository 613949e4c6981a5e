import type { Lang } from '../catalogue/catalogue.js';
/** Where a command reads and writes: the process's streams, or buffers in tests. */
export interface CliIO {
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Standard input, read no further than one byte beyond `maxBytes`. */
  readStdin(maxBytes?: number): Promise<Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Show progress of large batches on stderr (a terminal); never when piped. */
  showProgress?: boolean;
  /** Resolves when stdout can take more (streaming output waits here instead of buffering). */
  drain?: () => Promise<void>;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async (maxBytes = Infinity) => {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        length += (chunk as Buffer).byteLength;
        // /dev/zero or an endless pipe: stop one byte past the limit; the reader refuses it by its size
        if (length > maxBytes) break;
      }
      return Buffer.concat(chunks).subarray(0, Number.isFinite(maxBytes) ? maxBytes + 1 : undefined);
    },
    showProgress: process.stderr.isTTY === true,
    drain: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  };
}

/** A message in the language of the run, for errors raised where the language is not at hand. */
export type Localiser = (lang: Lang) => string;

/**
 * A user error: printed as one line on stderr, exit code 2, no stack trace. Its text is either written in
 * the run's language already or rendered in it when printed.
 */
export class UsageError extends Error {
  readonly #localise: Localiser | undefined;
  /** Printed on several lines (a list the tool composed); any other is folded to one line, so a file name or key with line breaks cannot forge lines. */
  readonly multiline: boolean;

  constructor(message: string | Localiser, options: { multiline?: boolean } = {}) {
    super(typeof message === 'string' ? message : message('en'));
    this.name = 'UsageError';
    this.#localise = typeof message === 'string' ? undefined : message;
    this.multiline = options.multiline ?? false;
  }

  textIn(lang: Lang): string {
    return this.#localise ? this.#localise(lang) : this.message;
  }
}
