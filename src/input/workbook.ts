import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageHome } from '../home.js';
import { BUDGETS } from './budget.js';
import { extractWorkbook, WorkbookFailure, type ExtractedSheet } from './workbook-extract.js';
import { inspectWorkbook, NotAZip } from './zip.js';

export { WorkbookFailure };

interface Pending {
  resolve(sheets: ExtractedSheet[]): void;
  reject(error: Error): void;
}

/** The compiled worker beside this module, or (running from sources, in tests) the built one. */
function workerScript(): string | undefined {
  const beside = fileURLToPath(new URL('./workbook-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = join(packageHome(), 'dist', 'src', 'input', 'workbook-worker.js');
  return existsSync(built) ? built : undefined;
}

/** Workers by heap limit (one for a run), each with the requests it has not answered. */
const workers = new Map<number, Worker>();
const pending = new Map<Worker, Map<number, Pending>>();
let nextId = 0;

function failAll(worker: Worker, heapMb: number, error: Error): void {
  if (workers.get(heapMb) === worker) workers.delete(heapMb);
  for (const waiting of pending.get(worker)?.values() ?? []) waiting.reject(error);
  pending.delete(worker);
}

/** One worker for the run, started on the first workbook and replaced after one dies. */
function workbookWorker(script: string, heapMb: number): Worker {
  const running = workers.get(heapMb);
  if (running) return running;
  const started = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const waiting = new Map<number, Pending>();
  pending.set(started, waiting);
  started.on('message', ({ id, sheets, error }: { id: number; sheets?: ExtractedSheet[]; error?: string }) => {
    const request = waiting.get(id);
    waiting.delete(id);
    // an idle worker does not keep the process alive
    if (waiting.size === 0) started.unref();
    if (error !== undefined) request?.reject(new Error(error));
    else request?.resolve(sheets ?? []);
  });
  started.on('error', (error: NodeJS.ErrnoException) => {
    failAll(started, heapMb, new WorkbookFailure(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'failed', error.message));
  });
  started.on('exit', (code) => failAll(started, heapMb, new WorkbookFailure('failed', `exit code ${code}`)));
  workers.set(heapMb, started);
  return started;
}

/**
 * A workbook's sheets, checked against the XLSX budgets first (BudgetError), then unpacked in a worker
 * with a heap limit of its own, so that a workbook no budget foresaw costs that file only (WorkbookFailure).
 */
export async function unpackWorkbook(bytes: Uint8Array, heapMb: number = BUDGETS.workbookHeapMb): Promise<ExtractedSheet[]> {
  try {
    inspectWorkbook(bytes);
  } catch (error) {
    // a zip this reader cannot follow is left to exceljs, which says why in the worker
    if (!(error instanceof NotAZip)) throw error;
  }
  const script = workerScript();
  if (!script) return extractWorkbook(bytes);
  const running = workbookWorker(script, heapMb);
  const id = nextId++;
  running.ref();
  return new Promise((resolve, reject) => {
    pending.get(running)!.set(id, { resolve, reject });
    running.postMessage({ id, bytes });
  });
}
