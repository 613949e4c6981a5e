import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_FORMATS } from '../../src/cli/formats.js';
import { runCli } from '../support/cli.js';

const SMALL = 'test/fixtures/cli/370100-small.json';
const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eduduty-options-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const COMMANDS: Record<keyof typeof COMMAND_FORMATS, string[]> = {
  score: ['score', SMALL],
  validate: ['validate', SMALL],
  report: ['report', SMALL],
  explain: ['explain', 'funding.two-only-increases'],
  rules: ['rules'],
  'rules check': ['rules', 'check'],
  'rules test': ['rules', 'test'],
  indicators: ['indicators'],
  template: ['template', '--region', '370100'],
};
const ALL_FORMATS = [...new Set(Object.values(COMMAND_FORMATS).flat())];

describe('one meaning per option', () => {
  it.each(Object.entries(COMMANDS))('%s refuses a format it does not write, naming those it does', async (command, args) => {
    const formats: readonly string[] = COMMAND_FORMATS[command as keyof typeof COMMAND_FORMATS];
    const unsupported = ALL_FORMATS.filter((f) => !formats.includes(f));
    for (const format of unsupported.slice(0, 2)) {
      const run = await runCli([...args, '-f', format, '--lang', 'en']);
      expect(run.code, `${command} -f ${format}`).toBe(2);
      expect(run.stdout).toBe('');
      for (const supported of formats) expect(run.stderr).toContain(`"${supported}"`);
    }
  });

  it.each([
    ['score', [SMALL], 'json', 'json'],
    ['validate', [SMALL], 'json', 'json'],
    ['report', [SMALL], 'json', 'json'],
    ['template', ['--region', '370100'], 'yaml', 'yaml'],
  ])('%s takes -o FORMAT=FILE beside stdout and a bare -o FILE instead of stdout', async (command, args, format, extension) => {
    const dir = tmp();
    const named = join(dir, `named.${extension}`);
    const beside = await runCli([command, ...args, '-o', `${format}=${named}`]);
    expect(beside.stdout).not.toBe('');
    expect(readFileSync(named, 'utf8').length).toBeGreaterThan(0);
    const bare = join(dir, `bare.${extension}`);
    const instead = await runCli([command, ...args, '-f', format, '-o', bare]);
    expect(instead.stdout).toBe('');
    expect(readFileSync(bare, 'utf8')).toBe(readFileSync(named, 'utf8'));
    const wrong = await runCli([command, ...args, '-o', `sarlf=${join(dir, 'x')}`, '--lang', 'en']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/unknown format "sarlf"/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it.each([
    ['score', SMALL],
    ['validate', SMALL],
    ['report', SMALL],
    ['explain', 'funding.two-only-increases', '--file', SMALL],
  ])('%s takes --max-file-size and refuses a file over it', async (...args) => {
    const run = await runCli([...args, '--max-file-size', '0.001', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/over the limit of 1049/);
    expect((await runCli([...args, '--max-file-size', '0', '--lang', 'en'])).stderr).toMatch(/--max-file-size 0: expected a size in MB above 0/);
    const word = await runCli([...args, '--max-file-size', 'abc', '--lang', 'en']);
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/--max-file-size: expected a size in MB above 0, and what was given is not a number/);
    expect(word.stderr).not.toContain('NaN');
    const tiny = await runCli([...args, '--max-file-size=1e-9', '--lang', 'en']);
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/--max-file-size 1e-9: less than one byte/);
    expect(tiny.stdout).toBe('');
  });

  it('suggests the nearest option for a misspelt one, in the chosen language', async () => {
    const en = await runCli(['score', SMALL, '--formt', 'json', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/unknown option --formt \(did you mean "--format"\?\)/);
    const zh = await runCli(['validate', SMALL, '--max-file-sise', '3']);
    expect(zh.stderr).toMatch(/无法识别的选项：--max-file-sise（是否想写“--max-file-size”？）/);
  });

  it('suggests the nearest key for a misspelt key of an indicator file', async () => {
    const dir = tmp();
    const file = join(dir, 'a.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, year: 2023, regoin: { code: '370100', name: '济南市' }, indicators: {} }));
    const run = await runCli(['validate', file, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/\/regoin: unknown key "regoin" \(did you mean "region"\?\)/);
  });
});

describe("the parser's own usage errors", () => {
  it('read in Chinese without English words or stray spaces, and in English on one line', async () => {
    const none = await runCli(['score', '--lang', 'zh']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('缺少参数：给出了 0 个，至少需要 1 个');
    // the tool's name and the option to run are the only Latin words
    expect(none.stderr.replace(/eduduty|--help/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    const choice = await runCli(['score', 'x.json', '--lang', 'zh', '--fail-on', 'sometimes']);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain('选项 fail-on 的值 "sometimes" 不在可选值 "error", "warning", "never" 之中');
    expect(choice.stderr).not.toMatch(/ {2,}|Argument|Given|Choices/);
    const english = await runCli(['score', 'x.json', '--lang', 'en', '--fail-on', 'sometimes']);
    expect(english.stderr.split('\n')[0]).toBe('eduduty: Invalid values: Argument: fail-on, Given: "sometimes", Choices: "error", "warning", "never"');
  });
});

describe('an option without its value, a command that does not exist, an option given twice', () => {
  it('are usage errors that say so, never an internal error', async () => {
    for (const [args, expected] of [
      [['score', 'samples/2023/370100.json', '-o', '--lang', 'en'], 'no value after the option o'],
      [['score', 'samples/2023/370100.json', '--lang', 'en', '-f'], 'no value after the option f'],
      [['score', 'samples/2023/370100.json', '--lang', 'en', '--max-file-size'], 'no value after the option max-file-size'],
      [['nosuch', '--lang', 'en'], 'unknown command "nosuch"'],
      [['scor', 'x.json', '--lang', 'en'], 'unknown command "scor" (did you mean "score"?)'],
      [['score', 'samples/2023/370100.json', '-o', '=x', '--lang', 'en'], '-o =x: no format before "="'],
      [['explain', 'funding.two-only-increases', '--file', 'a.json', '--file', 'b.json', '--lang', 'en'], '--file can be given once only'],
    ] as [string[], string][]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(expected);
      expect(run.stderr).not.toMatch(/internal error|YError|ERR_/);
    }
    const zh = await runCli(['score', 'samples/2023/370100.json', '-o']);
    expect(zh.stderr).toContain('选项 o 后缺少值');
  });
});
