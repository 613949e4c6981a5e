import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageHome } from '../../src/home.js';
import { builtHelp, HELP_COMMANDS, HELP_FILE, HELP_LANGS, HELP_WIDTHS, helpKey, helpRequest, helpWordArgs } from '../../src/cli/help.js';
import { runCli } from '../support/cli.js';
import { renderHelp } from '../../src/cli/write-help.js';

const built = join(packageHome(), HELP_FILE);

describe('a request for help only', () => {
  it('is recognised with its command, with --lang anywhere, and nothing else is', () => {
    expect(helpRequest(['--help'])).toBe('');
    expect(helpRequest(['-h'])).toBe('');
    expect(helpRequest(['--lang', 'en', 'score', '--help'])).toBe('score');
    expect(helpRequest(['rules', 'check', '--lang=zh', '-h'])).toBe('rules check');
    expect(helpRequest(['score', 'a.json', '--help'])).toBeUndefined();
    expect(helpRequest(['score', '--format', 'json', '--help'])).toBeUndefined();
    expect(helpRequest(['--help', 'score'])).toBeUndefined();
    expect(helpRequest(['scor', '--help'])).toBeUndefined();
    expect(helpRequest(['--lang', 'fr', '--help'])).toBeUndefined();
    expect(helpRequest(['score'])).toBeUndefined();
    expect(helpRequest([])).toBeUndefined();
  });
});

describe('eduduty help <command>', () => {
  it('reads as <command> --help, wherever the options stand, and leaves every other argument list as it is', () => {
    expect(helpWordArgs(['help', 'score'])).toEqual(['score', '--help']);
    expect(helpWordArgs(['--no-color', 'help', 'rules', 'check', '--lang', 'en'])).toEqual(['--no-color', 'rules', 'check', '--lang', 'en', '--help']);
    expect(helpWordArgs(['--lang', 'en', 'help'])).toEqual(['--lang', 'en', '--help']);
    expect(helpWordArgs(['score', 'help'])).toEqual(['score', 'help']);
    expect(helpWordArgs(['score', 'help.json'])).toEqual(['score', 'help.json']);
    expect(helpWordArgs(['--config', 'help', 'score', 'a.json'])).toEqual(['--config', 'help', 'score', 'a.json']);
  });

  it('prints what <command> --help prints, exit 0', async () => {
    const asked = await runCli(['--no-color', 'help', 'score', '--lang', 'en']);
    const direct = await runCli(['score', '--help', '--lang', 'en']);
    expect(asked.code).toBe(0);
    expect(asked.stderr).toBe('');
    expect(asked.stdout).toBe(direct.stdout);
    expect(asked.stdout).toContain('--format');
  });
});

describe.runIf(existsSync(built))('help as the build wrote it', () => {
  it('is, for every command, language and width, what the parser prints now', async () => {
    const texts = JSON.parse(readFileSync(built, 'utf8')) as Record<string, string>;
    expect(Object.keys(texts)).toHaveLength(HELP_COMMANDS.length * HELP_LANGS.length * HELP_WIDTHS.length);
    for (const lang of HELP_LANGS) {
      for (const width of HELP_WIDTHS) {
        for (const command of HELP_COMMANDS) {
          const args = [...(command ? command.split(' ') : []), '--help'];
          expect(builtHelp(args, lang, width === 100 ? undefined : width), helpKey(lang, width, command)).toBe(await renderHelp(command, lang, width));
        }
      }
    }
  });

  it('is not used at a width it was not laid out for', () => {
    expect(builtHelp(['--help'], 'en', 80)).toBeUndefined();
    expect(builtHelp(['--help'], 'en', 200)).toBe(builtHelp(['--help'], 'en', 110));
  });

  it('is what the command line prints, from the environment language as from --lang', () => {
    const bin = join(packageHome(), 'dist', 'src', 'cli', 'bin.js');
    const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    const byEnvironment = run(['template', '--help'], { LANG: 'en_US.UTF-8' });
    expect(byEnvironment.status).toBe(0);
    expect(byEnvironment.stdout).toBe(builtHelp(['template', '--help'], 'en', undefined));
    expect(run(['template', '-h', '--lang', 'zh'], { LANG: 'en_US.UTF-8' }).stdout).toBe(builtHelp(['template', '--help'], 'zh', undefined));
  });
});
