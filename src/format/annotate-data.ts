import type { Workbook, Worksheet } from 'exceljs';
import type { Catalogue, Lang } from '../catalogue/catalogue.js';
import { columnLetter } from '../input/table.js';
import { templateColumns } from '../template/template.js';
import { msg } from '../text/messages.js';
import { WORDS } from '../text/words.js';
import { workbookCell } from './escape.js';

type Raw = Record<string, unknown>;

const asObject = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});

/** A cell as the clerk would have typed it: numbers and 是/否 as such, anything else as inert text. */
function shown(value: unknown, lang: Lang): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? WORDS[lang].yes : WORDS[lang].no;
  return workbookCell(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * A workbook built from an indicator document (JSON/YAML): the template's columns, one row per region (the
 * city, then its counties). Returns where each JSON pointer of the document landed, so findings and problems
 * located by pointer mark the right cell; a value with no cell of its own falls back to its region's code.
 */
export function dataWorkbook(book: Workbook, document: unknown, options: { lang: Lang; catalogue: Catalogue }): { sheet: Worksheet; cellOf(path: string): string | undefined } {
  const columns = templateColumns(options.catalogue);
  const sheet = book.addWorksheet(msg(options.lang, 'annotate.data-sheet'), { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.addRow(['region_code', 'region_name', 'year', ...columns.map((c) => c.header)]).font = { bold: true };
  const doc = asObject(document);
  const cells = new Map<string, string>();
  const regions = [{ base: '', entry: doc }, ...(Array.isArray(doc.counties) ? doc.counties : []).map((county, i) => ({ base: `/counties/${i}`, entry: asObject(county) }))];
  regions.forEach(({ base, entry }, index) => {
    const rowNumber = index + 2;
    const region = asObject(entry.region);
    const indicators = asObject(entry.indicators);
    sheet.addRow([shown(region.code, options.lang), shown(region.name, options.lang), shown(doc.year, options.lang), ...columns.map((c) => shown(c.field ? asObject(indicators[c.indicator!.id])[c.field] : indicators[c.indicator!.id], options.lang))]);
    const at = (col: number) => `${columnLetter(col)}${rowNumber}`;
    cells.set(`${base}/region`, at(0)).set(`${base}/region/code`, at(0)).set(`${base}/region/name`, at(1)).set(`${base}/indicators`, at(0));
    if (index === 0) cells.set('/year', at(2));
    columns.forEach((c, i) => {
      const pointer = `${base}/indicators/${c.indicator!.id}`;
      if (c.field) cells.set(`${pointer}/${c.field}`, at(i + 3));
      // a pair as a whole is located at its current value
      if (!c.field || c.field === 'current') cells.set(pointer, at(i + 3));
    });
  });
  for (const [i, width] of [10, 14, 7].entries()) sheet.getColumn(i + 1).width = width;
  return {
    sheet,
    cellOf(path) {
      const segments = path.split('/');
      for (let n = segments.length; n > 0; n--) {
        const found = cells.get(segments.slice(0, n).join('/'));
        if (found) return found;
      }
      return undefined;
    },
  };
}
