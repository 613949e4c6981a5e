import { stringify as stringifyCsv } from 'csv-stringify/sync';
import type { Lang } from '../catalogue/catalogue.js';
import type { FileResult, ScoreResult } from '../engine/model.js';
import { msg, statusWord } from '../text/messages.js';
import { CATEGORY_TITLES, WORDS } from '../text/words.js';
import { csvCell, workbookCell } from './escape.js';
import { placeOrPath } from './location.js';
import type { FormatOptions } from './registry.js';
import { formatWhole, type FormatStream } from './stream.js';
import { workbookBytes } from './workbook.js';

const HEADERS: Record<Lang, string[]> = {
  zh: ['文件', '工作表', '市代码', '市', '地区代码', '地区', '层级', '规则', '类别', '严重性', '结果', '说明', '指标', '实际值', '比较', '应为', '依据', '位置'],
  en: ['file', 'sheet', 'city_code', 'city', 'region_code', 'region', 'level', 'rule', 'category', 'severity', 'status', 'message', 'indicator', 'actual', 'operator', 'expected', 'source', 'location'],
};

type Row = (string | number | boolean)[];

/** One file's rows: one per error of an invalid file, then one per finding. */
function fileRows(file: FileResult, lang: Lang): Row[] {
  const rows: Row[] = [];
  if (!file.valid) {
    for (const error of file.errors) {
      rows.push([file.file, file.sheet ?? '', file.region?.code ?? '', file.region?.name ?? '', '', '', '', 'eduduty.invalid-input', '', msg(lang, 'term.severity.error'), statusWord(lang, 'invalid'), error.message, '', '', '', '', '', placeOrPath(error)]);
    }
  }
  // a file scored in part keeps its findings after its errors
  for (const f of file.findings) {
    const shown = f.evidence.find((e) => e.passed === false) ?? f.evidence[0];
    rows.push([
      file.file,
      file.sheet ?? '',
      file.region?.code ?? '',
      file.region?.name ?? '',
      f.region.code,
      f.region.name,
      msg(lang, `term.level.${f.region.level}`),
      f.rule,
      CATEGORY_TITLES[f.category][lang],
      msg(lang, `term.severity.${f.severity}`),
      statusWord(lang, f.status),
      f.message,
      shown ? `${shown.indicator}${shown.field ? `.${shown.field}` : ''}` : '',
      typeof shown?.actual === 'boolean' ? WORDS[lang][shown.actual ? 'yes' : 'no'] : (shown?.actual ?? ''),
      shown?.operator ?? '',
      typeof shown?.expected === 'boolean' ? WORDS[lang][shown.expected ? 'yes' : 'no'] : (shown?.expected ?? ''),
      f.source,
      placeOrPath(f.location),
    ]);
  }
  return rows;
}

/** One row per finding (and one per invalid file), for people who continue in Excel. */
export function findingRows(result: Pick<ScoreResult, 'files'>, lang: Lang): Row[] {
  const rows: Row[] = [HEADERS[lang]];
  for (const file of result.files) rows.push(...fileRows(file, lang));
  return rows;
}

export function csvStream(options: FormatOptions): FormatStream {
  return {
    begin: () => '\uFEFF' + stringifyCsv([HEADERS[options.lang].map(csvCell)]),
    file: (file) => stringifyCsv(fileRows(file, options.lang).map((row) => row.map(csvCell))),
    end: () => '',
  };
}

export const formatCsv = formatWhole(csvStream);

export async function formatXlsx(result: ScoreResult, options: FormatOptions): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'eduduty';
  const sheet = book.addWorksheet(options.lang === 'zh' ? '评价结果' : 'findings', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of findingRows(result, options.lang)) sheet.addRow(row.map(workbookCell));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADERS.en.length } };
  for (const [i, width] of [28, 10, 10, 10, 10, 14, 8, 38, 24, 9, 9, 60, 34, 10, 6, 10, 30, 36].entries()) sheet.getColumn(i + 1).width = width;
  return workbookBytes(book);
}
