import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { runCli } from '../support/cli.js';
import { BIN, bigBatch } from '../support/batch.js';

describe('faults mid-run', () => {
  it('stops cleanly on SIGINT: exit 130, a message, and no output file, not even a truncated one', async () => {
    const data = bigBatch(600);
    const out = tempDir('eduduty-out-');
    writeFileSync(join(out, 'result.json'), 'previous run');
    const child = spawn(process.execPath, [BIN, 'score', data, '-f', 'json', '-o', join(out, 'result.json'), '--lang', 'en'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // wait until the streamed output has started (however slow the machine: the test's limit stops a hang), then interrupt
    while (child.exitCode === null && !readdirSync(out).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(true);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted; no output file was written/);
    expect(readdirSync(out)).toEqual(['result.json']);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe('previous run');
  });

  it('writes -o files whole: a failing run leaves the earlier file as it was and no temporary file', async () => {
    const out = tempDir('eduduty-out-');
    writeFileSync(join(out, 'r.json'), 'earlier');
    const run = await runCli(['score', 'test/fixtures/cli/370300.yaml', '-o', `json=${join(out, 'r.json')}`, '-o', `sarif=${join(out, 'missing-dir', 'r.sarif')}`]);
    expect(run.code).not.toBe(0);
    expect(readdirSync(out).sort()).toEqual(['r.json']);
    expect(existsSync(join(out, 'missing-dir'))).toBe(false);
  });
});

/** Runs the built CLI with its stdout on `stdout`, to the end; stderr collected. */
function runBin(args: string[], stdout: 'pipe' | number, onStdout?: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  onStdout?.(child);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a standard output that fails', () => {
  it('on a full disk (/dev/full) ends with one line naming standard output and exit 2, no stack trace', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const { code, stderr } = await runBin(['score', 'samples', '-f', 'ndjson', '--lang', 'en'], full);
      expect(code).toBe(2);
      expect(stderr).toBe('eduduty: cannot write standard output: no space left on the device\n');
    } finally {
      closeSync(full);
    }
  });

  it('says it in Chinese under --lang zh', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const { code, stderr } = await runBin(['score', 'samples', '--lang', 'zh'], full);
      expect(code).toBe(2);
      expect(stderr).toBe('eduduty：无法写入 标准输出：设备上没有剩余空间\n');
    } finally {
      closeSync(full);
    }
  });

  it('closed by its reader (`| head -1`) ends with at most one line and exit 2, no stack trace, no temporary file', async () => {
    const out = tempDir('eduduty-out-');
    const { code, stderr } = await runBin(['score', 'samples', '-f', 'ndjson', '-o', `json=${join(out, 'r.json')}`, '--lang', 'en'], 'pipe', (child) => {
      // the reader takes the first chunk and goes away, like head
      child.stdout!.once('data', () => child.stdout!.destroy());
    });
    expect(code).toBe(2);
    expect(stderr).toBe('eduduty: cannot write standard output: its reader has closed it\n');
    // the run did not produce all its outputs: none is committed
    expect(readdirSync(out)).toEqual([]);
  });
});
