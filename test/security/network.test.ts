import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageHome } from '../../src/home.js';

const BIN = join(packageHome(), 'dist', 'src', 'cli', 'bin.js');
const PRELOAD = join(packageHome(), 'test', 'security', 'no-network.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, ['-r', PRELOAD, BIN, ...args], { cwd: packageHome(), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

describe('no network', () => {
  it('the preload really refuses network access', () => {
    const probe = spawnSync(process.execPath, ['-r', PRELOAD, '-e', "require('node:https').get('https://example.org')"], { encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toMatch(/network access attempted/);
  });

  // one command per test: each stands alone, so none waits on the others' time
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eduduty-offline-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('scores and exports with every networking module stubbed to throw', () => {
    const score = run('score', 'samples/', '-o', `sarif=${join(dir, 's.sarif')}`, '-o', `xlsx=${join(dir, 's.xlsx')}`, '--fail-on', 'never');
    expect(score.stderr).toBe('');
    expect(score.status).toBe(0);
  });

  it('writes the HTML report offline', () => {
    expect(run('report', 'samples/', '-f', 'html', '-o', join(dir, 'r.html')).status).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<svg');
  });

  it('writes a template offline', () => {
    expect(run('template', '--region', '370100', '-o', join(dir, 't.xlsx')).status).toBe(0);
  });

  it('runs the rules\' examples offline', () => {
    expect(run('rules', 'test').status).toBe(0);
  });
});
