import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.js';
import { packageHome } from '../../src/home.js';
import { runCli } from '../support/cli.js';
import { generateProvince, type CityOutline } from '../support/province.js';

const BIN = join(packageHome(), 'dist', 'src', 'cli', 'bin.js');

function bigBatch(files: number): string {
  const dir = tempDir('eduduty-batch-');
  const cities: CityOutline[] = Array.from({ length: files }, (_, i) => {
    const code = `${11 + Math.floor(i / 90)}${String((i % 90) + 1).padStart(2, '0')}00`;
    return { region: { code, name: `c${i}` }, counties: Array.from({ length: 12 }, (_, k) => ({ code: `${code.slice(0, 4)}${String(k + 1).padStart(2, '0')}`, name: `k${k}` })) };
  });
  for (const file of generateProvince(cities, { seed: 3, year: 2023, failRate: 0.1, missingRate: 0.02 })) writeFileSync(join(dir, `${file.region.code}.json`), JSON.stringify(file));
  return dir;
}

describe('faults mid-run', () => {
  it('stops cleanly on SIGINT: exit 130, a message, and no output file, not even a truncated one', async () => {
    const data = bigBatch(600);
    const out = tempDir('eduduty-out-');
    writeFileSync(join(out, 'result.json'), 'previous run');
    const child = spawn(process.execPath, [BIN, 'score', data, '-f', 'json', '-o', join(out, 'result.json'), '--lang', 'en'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // wait until the streamed output has started, then interrupt
    for (let i = 0; i < 4000 && !readdirSync(out).some((f) => f.endsWith('.tmp')); i++) await new Promise((r) => setTimeout(r, 25));
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
