import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { Document, isMap, isPair, isScalar } from 'yaml';
import type { Indicator } from '../catalogue/catalogue.js';
import { csvCell, workbookCell, xmlCharacters } from '../format/escape.js';
import { msg } from '../text/messages.js';
import { unitName } from '../text/values.js';
import { rangeText, templateDocument, templateTable, thresholdText, unitOrKind, type TemplateOptions } from './template.js';
import { workbookBytes } from '../format/workbook.js';

/** The template formats; the command line's --format choices list the same four. */
export type TemplateFormat = 'xlsx' | 'csv' | 'json' | 'yaml';

export function csvTemplate(options: TemplateOptions): string {
  const { header, note, rows } = templateTable(options);
  // a BOM so that Excel opens the UTF-8 file with its Chinese headers intact
  return '\uFEFF' + stringifyCsv([header, note, ...rows].map((row) => row.map(csvCell)));
}

export function jsonTemplate(options: TemplateOptions): string {
  return JSON.stringify(templateDocument(options), null, 2) + '\n';
}

export function yamlTemplate(options: TemplateOptions): string {
  const doc = new Document(templateDocument(options));
  const { lang, catalogue } = options;
  const comment = (indicator: Indicator) => ` ${indicator.name[lang]} · ${unitOrKind(indicator, catalogue, lang)} · ${rangeText(indicator, lang)}`;
  const annotate = (map: unknown) => {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const indicator = options.catalogue.get(String(pair.key.value));
      if (indicator) pair.key.commentBefore = comment(indicator);
    }
  };
  annotate(doc.getIn(['indicators'], true));
  return doc.toString({ lineWidth: 0 });
}

function validation(indicator: Indicator): Record<string, unknown> | undefined {
  const prompt = { showErrorMessage: true, errorStyle: 'stop', errorTitle: indicator.name.zh, showInputMessage: true, promptTitle: indicator.name.zh.slice(0, 32) };
  if (indicator.kind === 'boolean') return { ...prompt, type: 'list', allowBlank: true, formulae: ['"是,否"'], error: '请选择 是 或 否', prompt: '是 / 否' };
  if (indicator.kind === 'count') return { ...prompt, type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], error: '应为不小于 0 的整数', prompt: rangeText(indicator, 'zh') };
  const { min, max } = indicator.range ?? {};
  if (min !== undefined && max !== undefined) return { ...prompt, type: 'decimal', operator: 'between', allowBlank: true, formulae: [min, max], error: `应为 ${min} 到 ${max} 之间的数值`, prompt: rangeText(indicator, 'zh') };
  if (min !== undefined) return { ...prompt, type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [min], error: `应为不小于 ${min} 的数值`, prompt: rangeText(indicator, 'zh') };
  return { ...prompt, type: 'decimal', operator: 'between', allowBlank: true, formulae: [-1e12, 1e12], error: '应为数值', prompt: rangeText(indicator, 'zh') };
}

/** The policy basis of an indicator: in Chinese, the sources of the rules that read it (the catalogue's notes are English). */
function basisOf(indicator: Indicator, options: TemplateOptions): string {
  if (options.lang !== 'zh') return indicator.source;
  const sources = [...new Set(options.rules.filter((rule) => rule.indicators.includes(indicator.id)).map((rule) => rule.meta.source))];
  return sources.length > 0 ? sources.join('；') : indicator.source;
}

/** An Excel workbook: the data sheet (frozen header, validation, header notes) and a sheet explaining every indicator. */
export async function xlsxTemplate(options: TemplateOptions): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const { header, rows, columns } = templateTable(options);
  const book = new ExcelJS.Workbook();
  book.creator = 'eduduty';
  const sheet = book.addWorksheet('指标数据', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.addRow(header.map(workbookCell));
  for (const row of rows) sheet.addRow(row.map(workbookCell));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.height = 48;
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F0' } };
  });
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 22;
  sheet.getColumn(3).width = 8;
  const last = rows.length + 1;
  columns.forEach((column, i) => {
    const index = i + 4;
    const indicator = column.indicator!;
    sheet.getColumn(index).width = 16;
    const otherName = options.lang === 'zh' ? '' : indicator.name.en;
    const note = [otherName, `id: ${indicator.id}${column.field ? `.${column.field}` : ''}`, `${unitOrKind(indicator, options.catalogue, options.lang)} · ${rangeText(indicator, options.lang)}`, thresholdText(indicator, options)].filter(Boolean).join('\n');
    sheet.getRow(1).getCell(index).note = xmlCharacters(note);
    const rule = validation(indicator);
    if (!rule) return;
    for (let r = 2; r <= last; r++) sheet.getRow(r).getCell(index).dataValidation = rule as never;
  });
  const { lang } = options;
  const explain = book.addWorksheet(msg(lang, 'template.explain-sheet'));
  const heads = lang === 'zh' ? (['head-id', 'head-name', 'head-unit', 'head-kind', 'head-range', 'head-rules', 'head-source'] as const) : (['head-id', 'head-name', 'head-other-name', 'head-unit', 'head-kind', 'head-range', 'head-rules', 'head-source'] as const);
  explain.addRow(heads.map((h) => msg(lang, `template.${h}`)));
  explain.getRow(1).font = { bold: true };
  for (const indicator of options.catalogue.indicators) {
    const names = lang === 'zh' ? [indicator.name.zh] : [indicator.name.en, indicator.name.zh];
    const unit = unitName(indicator.unit, options.catalogue, lang);
    explain.addRow([indicator.id, ...names, unit, msg(lang, `term.kind.${indicator.kind}`), rangeText(indicator, lang), thresholdText(indicator, options), basisOf(indicator, options)].map(workbookCell));
  }
  const widths = lang === 'zh' ? [34, 36, 16, 9, 14, 60, 36] : [34, 44, 36, 16, 9, 14, 60, 36];
  for (const [i, width] of widths.entries()) explain.getColumn(i + 1).width = width;
  explain.getColumn(widths.length - 1).alignment = { wrapText: true, vertical: 'top' };
  explain.views = [{ state: 'frozen', ySplit: 1 }];
  return workbookBytes(book);
}
