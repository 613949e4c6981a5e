import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { TEST_DIR } from './context.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Where the CLI runs unless a test says otherwise: a folder holding only a config that declares absent the
 * counties of 济南市, 青岛市 and 淄博市 that the small CLI and report fixtures leave out, so their golden outputs
 * stay small. Paths are still resolved from the repository.
 */
const CLI_CWD = join(TEST_DIR, 'fixtures', 'cli-config');

/** Runs the CLI in-process with captured streams; colour off unless the test sets FORCE_COLOR. */
export async function runCli(args: string[], options: { stdin?: string; stdinBytes?: Uint8Array; env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? CLI_CWD,
    readStdin: async () => (options.stdinBytes ? Buffer.from(options.stdinBytes) : Buffer.from(options.stdin ?? '', 'utf8')),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Compares with test/golden/<name>; `UPDATE_GOLDEN=1 npm test` rewrites the files for review in the diff. */
export function expectGolden(name: string, actual: string): void {
  const path = join(TEST_DIR, 'golden', name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
  }
  expect(actual).toBe(expected);
}
