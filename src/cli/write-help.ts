import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageHome } from '../home.js';
import { HELP_COMMANDS, HELP_FILE, HELP_LANGS, HELP_WIDTHS, helpKey } from './help.js';
import { main } from './main.js';
import type { Lang } from '../catalogue/catalogue.js';

/** What `eduduty <command> --help --lang <lang>` prints at this width, or undefined if it is not plain help. */
export async function renderHelp(command: string, lang: Lang, width: number): Promise<string | undefined> {
  let out = '';
  let err = '';
  const io = {
    stdout: { write: (text: string | Uint8Array) => void (out += String(text)), ...(width === 100 ? {} : { columns: width }) },
    stderr: { write: (text: string) => void (err += text) },
    env: {},
    cwd: process.cwd(),
    readStdin: async () => new Uint8Array(),
  };
  const code = await main([...(command ? command.split(' ') : []), '--help', '--lang', lang], io);
  return code === 0 && err === '' && out !== '' ? out : undefined;
}

/** Part of `npm run build`: every command's help, in each language and width, rendered by the parser itself. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const texts: Record<string, string> = {};
  for (const lang of HELP_LANGS) {
    for (const width of HELP_WIDTHS) {
      for (const command of HELP_COMMANDS) {
        const text = await renderHelp(command, lang, width);
        if (text === undefined) throw new Error(`no plain help for "${command}" (${lang}, ${width})`);
        texts[helpKey(lang, width, command)] = text;
      }
    }
  }
  writeFileSync(join(packageHome(), HELP_FILE), JSON.stringify(texts));
}
