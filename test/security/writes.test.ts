import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, bigBatch } from '../support/batch.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const INPUT = 'test/fixtures/cli/370300.yaml';

/** A folder holding a file that must not change, and the bytes it holds. */
function victim(): { dir: string; file: string; bytes: string } {
  const dir = tempDir('eduduty-victim-');
  const file = join(dir, 'precious.txt');
  writeFileSync(file, 'precious');
  return { dir, file, bytes: 'precious' };
}

describe('temporary files', () => {
  it('are not opened through a link planted at the name the process id would give', async () => {
    const out = tempDir('eduduty-out-');
    const target = victim();
    symlinkSync(target.file, join(out, `.r.json.${process.pid}.tmp`));
    const run = await runCli(['score', INPUT, '-o', `json=${join(out, 'r.json')}`, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(readFileSync(target.file, 'utf8')).toBe(target.bytes);
    expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')).tool.name).toBe('eduduty');
    expect(readlinkSync(join(out, `.r.json.${process.pid}.tmp`))).toBe(target.file);
  });

  it('replace a link planted at the target instead of writing through it', async () => {
    const out = tempDir('eduduty-out-');
    const target = victim();
    symlinkSync(target.file, join(out, 'r.sarif'));
    const run = await runCli(['score', INPUT, '-o', `sarif=${join(out, 'r.sarif')}`]);
    expect(run.code).toBe(1);
    expect(readFileSync(target.file, 'utf8')).toBe(target.bytes);
    expect(lstatSync(join(out, 'r.sarif')).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('give the output the permissions of the file it replaces', async () => {
    const out = tempDir('eduduty-out-');
    writeFileSync(join(out, 'r.json'), 'earlier', { mode: 0o640 });
    await runCli(['template', '-f', 'json', '-o', join(out, 'r.json')]);
    expect(statSync(join(out, 'r.json')).mode & 0o777).toBe(0o640);
    expect(readFileSync(join(out, 'r.json'), 'utf8')).toMatch(/^\{/);
  });
});

describe('special files', () => {
  it('/dev/null stays a character device, and the exit code is the verdict', async () => {
    const before = statSync('/dev/null');
    const run = await runCli(['score', INPUT, '-o', 'json=/dev/null', '-o', 'sarif=/dev/null', '-o', '/dev/null']);
    expect(run.code).toBe(1);
    const after = lstatSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.rdev, after.ino]).toEqual([before.rdev, before.ino]);
  });

  it('a pipe is written in place: its reader gets the output and it stays a pipe', async () => {
    const out = tempDir('eduduty-out-');
    const fifo = join(out, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk) => (read += chunk));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const run = await runCli(['score', INPUT, '-o', `json=${fifo}`]);
    await closed;
    expect(run.code).toBe(1);
    expect(JSON.parse(read).tool.name).toBe('eduduty');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(out)).toEqual(['pipe']);
  });

  it('a failed write on a device is a usage error naming it, exit 2, not a verdict', async () => {
    const run = await runCli(['score', INPUT, '-o', 'json=/dev/full', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('eduduty: cannot write /dev/full: no space left on the device\n');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe('outputs that clash', () => {
  it('an output that is the input is refused, exit 2, and the input is unchanged', async () => {
    const dir = tempDir('eduduty-in-');
    const input = join(dir, '370300.yaml');
    copyFileSync(INPUT, input);
    const bytes = readFileSync(input, 'utf8');
    for (const args of [
      ['score', input, '-o', input],
      ['score', input, '-o', `json=${join(dir, '.', '370300.yaml')}`],
      ['validate', dir, '-o', `json=${input}`],
      ['report', input, '-o', `markdown=${input}`],
    ]) {
      const run = await runCli([...args, '--lang', 'en']);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/is also an input of the run .*370300\.yaml\) and would overwrite it/);
      expect(run.stdout).toBe('');
    }
    expect(readFileSync(input, 'utf8')).toBe(bytes);
    expect(readdirSync(dir)).toEqual(['370300.yaml']);
  });

  it('an output that is an input under another name (a link) is refused too', async () => {
    const dir = tempDir('eduduty-in-');
    const input = join(dir, 'a.yaml');
    copyFileSync(INPUT, input);
    symlinkSync(input, join(dir, 'b.yaml'));
    const run = await runCli(['score', join(dir, 'b.yaml'), '-o', `sarif=${input}`, '--lang', 'zh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`输出 sarif=${input} 也是本次读取的输入`);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(INPUT, 'utf8'));
  });

  it('two outputs naming one file are refused, naming both, before anything is written', async () => {
    const out = tempDir('eduduty-out-');
    const run = await runCli(['score', INPUT, '-o', `json=${join(out, 'r.json')}`, '-o', `sarif=${join(out, 'x', '..', 'r.json')}`, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`eduduty: json=${join(out, 'r.json')} and sarif=${join(out, 'x', '..', 'r.json')} name the same file; give each output its own file\n`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an output naming standard output while the --format output goes there is refused', async () => {
    const run = await runCli(['score', INPUT, '-f', 'json', '-o', 'sarif=/dev/stdout', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('sarif=/dev/stdout and standard output name the same file');
  });
});

describe('a run that fails on one output', () => {
  it('replaces none of the others: every existing target is as it was, no temporary file is left', async () => {
    const out = tempDir('eduduty-out-');
    for (const name of ['r.json', 'r.sarif', 'r.xlsx']) writeFileSync(join(out, name), `earlier ${name}`);
    const run = await runCli(['score', INPUT, '-o', `json=${join(out, 'r.json')}`, '-o', `sarif=${join(out, 'r.sarif')}`, '-o', `xlsx=${join(out, 'r.xlsx')}`, '-o', 'csv=/dev/full', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot write /dev/full');
    expect(readdirSync(out).sort()).toEqual(['r.json', 'r.sarif', 'r.xlsx']);
    for (const name of ['r.json', 'r.sarif', 'r.xlsx']) expect(readFileSync(join(out, name), 'utf8')).toBe(`earlier ${name}`);
  });

  it('holds for template and report too', async () => {
    const out = tempDir('eduduty-out-');
    writeFileSync(join(out, 't.json'), 'earlier');
    writeFileSync(join(out, 'r.md'), 'earlier');
    expect((await runCli(['template', '-o', `json=${join(out, 't.json')}`, '-o', 'csv=/dev/full'])).code).toBe(2);
    expect((await runCli(['report', INPUT, '-o', `markdown=${join(out, 'r.md')}`, '-o', 'html=/dev/full'])).code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(['r.md', 't.json']);
    expect(readFileSync(join(out, 't.json'), 'utf8')).toBe('earlier');
    expect(readFileSync(join(out, 'r.md'), 'utf8')).toBe('earlier');
  });
});

describe('a run stopped by a signal', () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal}: exit ${code}, one line, no temporary file, the earlier output untouched`, async () => {
      const data = bigBatch(300);
      const out = tempDir('eduduty-out-');
      writeFileSync(join(out, 'result.json'), 'previous run');
      const child = spawn(process.execPath, [BIN, 'score', data, '-f', 'ndjson', '-o', `json=${join(out, 'result.json')}`, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // the first output bytes: the run is under way and its temporary file exists
      await new Promise((resolve) => child.stdout.once('data', resolve));
      child.stdout.resume();
      const temporary = readdirSync(out).filter((f) => f !== 'result.json');
      expect(temporary).toHaveLength(1);
      expect(temporary[0]).toMatch(/^\.result\.json\.[0-9a-f]{24}\.tmp$/);
      expect(temporary[0]).not.toContain(String(child.pid));
      expect(lstatSync(join(out, temporary[0]!)).mode & 0o777).toBe(0o600);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(stderr).toBe(`eduduty: stopped by ${signal}; no output file was written\n`);
      expect(readdirSync(out)).toEqual(['result.json']);
      expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe('previous run');
    });
  }
});

describe('an output that cannot be written', () => {
  it('says whether its folder is missing or takes no new file', async () => {
    const missing = await runCli(['score', INPUT, '-o', `json=${join(tempDir('eduduty-out-'), 'no-such-folder', 'r.json')}`, '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the folder does not exist');
    const closed = await runCli(['score', INPUT, '-o', 'json=/proc/version', '--lang', 'en']);
    expect(closed.code).toBe(2);
    expect(closed.stderr).toContain('no new file can be created in that folder');
    expect(closed.stderr).not.toContain('does not exist');
  });
});

describe('an output named without a file', () => {
  it('is a usage error, and no file called "json=" is written', async () => {
    const dir = tempDir('eduduty-out-');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const run = await runCli(['score', join(cwd, INPUT), '-o', 'json=', '--lang', 'en']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('-o json=: no file named');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});
