import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageHome } from '../../src/home.js';

const BIN = join(packageHome(), 'dist', 'src', 'cli', 'bin.js');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: packageHome(), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

describe('the built eduduty binary', () => {
  it('exists (npm test builds it first)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('prints help and exits 0', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/eduduty score <paths\.\.>/);
  });

  it('scores the bundled sample province: findings, a summary line, exit 1 for its failures', () => {
    const result = run(['score', 'samples/']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/samples\/2023\/371500\.json {2}聊城市 371500 · 2023/);
    expect(result.stdout).toMatch(/中职学校办学条件达标率 85\.72% < 100%/);
    expect(result.stdout).toMatch(/✖ 共 [\d,]+ 项未通过.* 16 个文件，169 个地区\n$/);
  });

  it('reports a broken file by path, line and column with exit 2 and no stack trace', () => {
    const result = run(['score', 'test/fixtures/cli/syntax.json']);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/test\/fixtures\/cli\/syntax\.json\n {2}4:32 +错误 +JSON 语法错误/);
    expect(result.stderr).toBe('');
  });

  it('ends only when a slow reader has all of its output: every byte through the pipe, then the exit code', async () => {
    const child = spawn(process.execPath, [BIN, 'score', 'samples/', '-f', 'json'], { cwd: packageHome(), env: { PATH: process.env.PATH ?? '' } });
    const chunks: Buffer[] = [];
    // read in bursts, so that the run finishes with output still waiting in the pipe
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setImmediate(() => child.stdout.resume());
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(1);
    const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { summary: { files: number; regions: number } };
    expect(result.summary).toMatchObject({ files: 16, regions: 169 });
  });
});
