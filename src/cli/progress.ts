import type progress from 'cli-progress';
import { modules } from '../modules.js';
import type { CliIO } from './io.js';

/** Batches smaller than this finish before a bar would be worth reading. */
const MIN_FILES = 20;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar on stderr for large batches when stderr is a terminal; a no-op otherwise. */
export function batchProgress(io: CliIO, label: string): Progress {
  let bar: progress.SingleBar | undefined;
  return {
    update(done, total) {
      if (!io.showProgress || total < MIN_FILES) return;
      if (!bar) {
        const { SingleBar, Presets } = modules.progress();
        bar = new SingleBar(
          { format: `{bar} {value}/{total} ${label}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
