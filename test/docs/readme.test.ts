import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageHome } from '../../src/home.js';
import { runCli, type CliRun } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/**
 * The README cannot drift: every command it shows is run, every output excerpt is compared with the real output,
 * and the figures it quotes are those of the samples and the bundled rules.
 */
const HOME = packageHome();
const README = readFileSync(join(HOME, 'README.md'), 'utf8');
const BIN = join(HOME, 'dist', 'src', 'cli', 'bin.js');
const run = promisify(execFile);

interface Block {
  lang: string;
  text: string;
  /** The prose just before the block. */
  before: string;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) {
    found.push({ lang: m[1]!, text: m[2]!, before: markdown.slice(Math.max(0, m.index - 300), m.index) });
  }
  return found;
}

const ALL = blocks(README);

/** A README command as argv, its stdin file and whether it redirects stdout; comments dropped. */
interface Command {
  line: string;
  args: string[];
  stdin?: string;
}

function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function command(line: string): Command {
  const code = line.replace(/\s+#\s.*$/, '').trim();
  let rest = code;
  let stdin: string | undefined;
  const piped = /^cat\s+(\S+)\s*\|\s*(.*)$/.exec(rest);
  if (piped) [stdin, rest] = [piped[1], piped[2]!];
  rest = rest.replace(/^npx eduduty\s*/, '');
  const args: string[] = [];
  const tokens = words(rest);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '>') {
      i++; // stdout to a file: captured instead
      continue;
    }
    if (tokens[i] === '<') {
      stdin = tokens[++i];
      continue;
    }
    args.push(tokens[i]!);
  }
  return { line: code, args, ...(stdin ? { stdin } : {}) };
}

const COMMANDS = ALL.filter((b) => b.lang === 'sh')
  .flatMap((b) => b.text.split('\n'))
  .filter((line) => /(^|\|\s*)npx eduduty /.test(line))
  .map(command);

/** A folder that sees the repository's samples and fixtures, so outputs land in the temp folder. */
function workDir(): string {
  const cwd = tempDir('eduduty-readme-');
  for (const name of ['samples', 'test', 'indicators']) symlinkSync(join(HOME, name), join(cwd, name));
  return cwd;
}

/** Runs the built CLI as its own process, as `npx eduduty` does: the bin's wiring of streams, stdin and exit code. */
async function spawned(args: string[], stdinFile?: string, env: Record<string, string> = {}): Promise<CliRun> {
  const cwd = workDir();
  const input = stdinFile ? readFileSync(join(HOME, stdinFile)) : undefined;
  const child = run(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  if (input) {
    child.child.stdin!.end(input);
  } else child.child.stdin!.end();
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Runs the CLI in-process from the same kind of folder: the command's own work without a Node start-up and
 * module load per command. Paths on the command line are resolved from the process's working directory, so
 * the run moves there for its duration (test files run in forked processes, and the tests of a file one at a time).
 */
async function cli(args: string[], stdinFile?: string): Promise<CliRun> {
  const cwd = workDir();
  const input = stdinFile ? readFileSync(join(HOME, stdinFile)) : undefined;
  const home = process.cwd();
  process.chdir(cwd);
  try {
    return await runCli(args, { cwd, env: { NO_COLOR: '1' }, ...(input ? { stdinBytes: input } : {}) });
  } finally {
    process.chdir(home);
  }
}

/** Every piece, in order, appears in the text after the one before it. */
function expectInOrder(text: string, pieces: string[]): void {
  let from = 0;
  for (const piece of pieces) {
    const at = text.indexOf(piece, from);
    expect(at, `not found (in this order) in the real output: ${piece}`).toBeGreaterThanOrEqual(0);
    from = at + piece.length;
  }
}

describe('README commands', () => {
  it('shows commands, each naming only files of the repository', () => {
    expect(COMMANDS.length).toBeGreaterThan(25);
    expect(COMMANDS.some((c) => c.stdin !== undefined), 'a command fed from a pipe (run as its own process below)').toBe(true);
    for (const { args, stdin, line } of COMMANDS) {
      if (stdin) expect(existsSync(join(HOME, stdin)), line).toBe(true);
      const outputs = new Set<number>();
      args.forEach((a, i) => {
        if (['-o', '--output', '--feedback'].includes(a)) outputs.add(i + 1);
      });
      args.forEach((a, i) => {
        if (outputs.has(i) || a.startsWith('-') || !/[/.]/.test(a) || /^[a-z]+\.[a-z-]+$/.test(a)) return; // options, ids, outputs
        expect(existsSync(join(HOME, a.replace(/^\w+=/, ''))), `${line}: ${a}`).toBe(true);
      });
    }
  });

  // A command fed from a pipe runs as its own process (the bin reads the real stdin); the others run in-process.
  it.each(COMMANDS.map((c) => [c.line, c] as const))('runs: %s', async (_line, { args, stdin }) => {
    const result = stdin ? await spawned(args, stdin) : await cli(args);
    expect(result.stderr, result.stderr).not.toMatch(/^eduduty[:：]/m);
    expect([0, 1], `exit ${result.code}: ${result.stderr}`).toContain(result.code);
  });
});

describe('README excerpts match the real output', () => {
  it('the pretty excerpt at the top is what `npm start` prints', async () => {
    const excerpt = ALL[0]!;
    expect(excerpt.lang).toBe('');
    const { stdout } = await spawned(['score', 'samples/', '--fail-on', 'never']); // the built bin, as `npm start` runs it
    const lines = excerpt.text.split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…');
    expectInOrder(stdout, lines);
  });

  it('the JSON example is the output for samples/2023/370100.json: its summary, rule count and a real failure', async () => {
    const block = ALL.find((b) => b.lang === 'json' && b.text.includes('"summary"'))!;
    const shown = JSON.parse(block.text.replace(/"…"/g, '"x"').replace(/"([0-9a-f]+)…"/g, '"$1"'));
    const { stdout } = await cli(['score', 'samples/2023/370100.json', '--format', 'json']);
    const real = JSON.parse(stdout);
    expect(shown.summary).toEqual(real.summary);
    expect(shown.rules.count).toBe(real.rules.count);
    expect(shown.profile).toBe(real.profile);
    const file = real.files[0];
    expect(file.sha256.startsWith(shown.files[0].sha256)).toBe(true);
    for (const finding of shown.files[0].findings) {
      const same = file.findings.find((f: { rule: string; region: { code: string } }) => f.rule === finding.rule && f.region.code === finding.region.code);
      expect(same, `${finding.rule} ${finding.region.code}`).toEqual(finding);
    }
  });

  it('the report excerpt is in `eduduty report samples/`', async () => {
    const block = ALL.find((b) => b.lang === 'markdown' && b.before.includes('An excerpt of `npx eduduty report samples/`'))!;
    const { stdout } = await cli(['report', 'samples/']);
    const paragraphs = block.text.split(/\n\s*\n/).map((p) => p.split('\n').join(''));
    const pieces = paragraphs.flatMap((p) => p.split('……')).map((p) => p.trim()).filter((p) => p !== '' && p !== '。');
    const flat = stdout.split('\n').join('');
    expectInOrder(flat, pieces);
  });

  it('the `rules test` example is the output for the example rule folder', async () => {
    const block = ALL.find((b) => b.lang === '' && /passed, \d+ failed/.test(b.text))!;
    const { stdout } = await cli(['rules', 'test', 'samples/config/province-rules/', '--lang', 'en']);
    expect(stdout).toBe(block.text);
  });

  it('the config example is the shipped example config', () => {
    const block = ALL.find((b) => b.lang === 'yaml' && b.text.startsWith('profile:'))!;
    const file = readFileSync(join(HOME, 'samples', 'config', 'eduduty.config.yaml'), 'utf8');
    expect(file.split('\n').slice(1).join('\n')).toBe(block.text);
  });

  it('quotes the rule and indicator counts of the bundled catalogue and profiles', async () => {
    const rules = JSON.parse((await cli(['rules', '--format', 'json', '--profile', 'shandong-2023'])).stdout).rules as { inProfile: boolean; provisional: boolean }[];
    const old = JSON.parse((await cli(['rules', '--format', 'json', '--profile', 'shandong-2020'])).stdout).rules as { inProfile: boolean }[];
    const indicators = JSON.parse((await cli(['indicators', '--format', 'json'])).stdout).indicators as unknown[];
    expect(README).toContain(`The bundled set holds ${rules.length} rules over ${indicators.length} indicators`);
    expect(README).toContain(`\`shandong-2023\` holds ${rules.filter((r) => r.inProfile).length} of them, \`shandong-2020\` ${old.filter((r) => r.inProfile).length}`);
    expect(README).toContain(`${rules.filter((r) => r.provisional).length} rules are provisional`);
  });
});
