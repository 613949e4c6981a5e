import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixZipDates } from '../../src/format/workbook.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Runs the command with the clock at `when` and returns the bytes it wrote to `file` in a fresh folder. */
async function writtenAt(when: string, args: (file: string) => string[]): Promise<Buffer> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(when));
  const file = join(tempDir('eduduty-xlsx-'), 'out.xlsx');
  const run = await runCli(args(file));
  vi.useRealTimers();
  expect(run.stderr).toBe('');
  return readFileSync(file);
}

/** The DOS date and time of every central directory entry of a zip. */
function entryDates(zip: Uint8Array): [number, number][] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  let at = view.getUint32(end + 16, true);
  const dates: [number, number][] = [];
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    dates.push([view.getUint16(at + 14, true), view.getUint16(at + 12, true)]);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return dates;
}

describe('XLSX outputs', () => {
  const cases: [string, (file: string) => string[]][] = [
    ['score findings (-o xlsx=)', (file) => ['score', 'test/fixtures/cli/370300.yaml', '-o', `xlsx=${file}`]],
    ['the template (template -f xlsx)', (file) => ['template', '-f', 'xlsx', '--region', '370300', '-o', file]],
  ];
  for (const [name, args] of cases) {
    it(`${name}: the same bytes from runs at different times, every zip entry dated 1980-01-01`, async () => {
      const first = await writtenAt('2024-03-05T06:07:08Z', args);
      const second = await writtenAt('2031-11-12T13:14:15Z', args);
      expect(second.equals(first)).toBe(true);
      const dates = entryDates(first);
      expect(dates.length).toBeGreaterThan(5);
      expect(new Set(dates.map(([date, time]) => `${date}/${time}`))).toEqual(new Set(['33/0']));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(first as unknown as ArrayBuffer);
      expect(book.created.toISOString()).toBe('1980-01-01T00:00:00.000Z');
      expect(book.worksheets[0]!.rowCount).toBeGreaterThan(1);
    });
  }

  it('refuses a zip it does not understand rather than write a corrupt one', () => {
    expect(() => fixZipDates(new Uint8Array(40))).toThrow(/end of central directory/);
  });
});
