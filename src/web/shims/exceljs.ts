import type ExcelJS from 'exceljs';

/**
 * ExcelJS is the page's heaviest part: its browser build is a script of its own, injected before a workbook is
 * read or written. Until then, reaching for it is a bug of the page.
 */
const handle = {
  get Workbook(): typeof ExcelJS.Workbook {
    const loaded = (globalThis as { ExcelJS?: typeof ExcelJS }).ExcelJS;
    if (!loaded) throw new Error('ExcelJS is not loaded yet');
    return loaded.Workbook;
  },
};

export default handle;
