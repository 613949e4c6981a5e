import { parentPort } from 'node:worker_threads';
import { extractWorkbook } from './workbook-extract.js';

// Unpacks workbooks for the main thread, inside a heap of its own: a workbook that exhausts it ends this
// worker, not the run.
parentPort?.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, sheets: await extractWorkbook(bytes) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message ?? String(error) });
  }
});
