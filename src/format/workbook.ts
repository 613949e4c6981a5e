import type ExcelJS from 'exceljs';

/** The one date every workbook carries, so that the same results give the same bytes. */
export const WORKBOOK_DATE = new Date(Date.UTC(1980, 0, 1));

// 1980-01-01 00:00:00 in MS-DOS form, the zip format's earliest date
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;

const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;

/**
 * Sets every entry date of a zip (exceljs stamps each with the time of writing) to 1980-01-01, in the central
 * directory and in the local headers. The zip is the one exceljs writes: no archive comment, no zip64.
 */
export function fixZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== END_OF_DIRECTORY) throw new Error('unexpected workbook zip layout: no end of central directory');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== CENTRAL_ENTRY) throw new Error('unexpected workbook zip layout: central directory');
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_ENTRY) throw new Error('unexpected workbook zip layout: local header');
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

/** A workbook's bytes, the same from run to run: fixed document dates and zip entry dates. */
export async function workbookBytes(book: ExcelJS.Workbook): Promise<Uint8Array> {
  book.created = WORKBOOK_DATE;
  book.modified = WORKBOOK_DATE;
  return fixZipDates(new Uint8Array(await book.xlsx.writeBuffer()));
}
