import type { MessageArea } from './catalogue.js';

/** The annotated workbook handed back (src/format/annotate.ts) and its -o target. */
export const ANNOTATE_MESSAGES = {
  'annotate.title': { zh: '评价结果', en: 'Results' },
  'annotate.counts': { zh: '未通过 {fail} 项（红色），缺少数据 {missing} 项（黄色），无效单元格 {invalid} 个（橙色）；点击“位置”跳转到单元格', en: '{fail} failed (red), {missing} missing (yellow), {invalid} invalid cells (orange); follow a location to its cell' },
  'annotate.column-category': { zh: '类别', en: 'Category' },
  'annotate.column-rule': { zh: '规则', en: 'Rule' },
  'annotate.column-severity': { zh: '严重性', en: 'Severity' },
  'annotate.column-region': { zh: '地区', en: 'Region' },
  'annotate.column-message': { zh: '说明', en: 'Message' },
  'annotate.column-cell': { zh: '位置', en: 'Location' },
  'annotate.group-invalid': { zh: '无效单元格（须更正后方可评价）', en: 'Invalid cells (to be corrected before they can be scored)' },
  'annotate.group-fail': { zh: '未通过', en: 'Failed' },
  'annotate.group-missing': { zh: '缺少数据（不能判定为通过）', en: 'Missing data (cannot count as passed)' },
  'annotate.group-slip': { zh: '可能的笔误（按原值评分，请核对，蓝色）', en: 'Possible slips (scored as given; please check; blue)' },
  'annotate.slip': { zh: '请核对：', en: 'Please check:' },
  'annotate.invalid': { zh: '无效值：', en: 'Invalid value:' },
  'annotate.source': { zh: '依据：', en: 'Basis: ' },
  'annotate.severity-error': { zh: '错误', en: 'error' },
  'annotate.severity-warning': { zh: '警告', en: 'warning' },
  'annotate.more': { zh: '……另有 {count} 项，见“评价结果”工作表', en: '… {count} more, listed in the Results sheet' },
  'annotate.data-sheet': { zh: '数据', en: 'Data' },
  'annotate.no-workbook': { zh: '-o annotated= 需要读取原文件，不能用于标准输入（{file}）', en: '-o annotated= reads the original file again, which standard input cannot give ({file})' },
  'annotate.ambiguous': { zh: '-o annotated={target}：本次评价 {count} 个输入文件，请给出以 / 结尾的文件夹，或在文件名中使用 {name} 占位符（如 annotated={name}.checked.xlsx）', en: '-o annotated={target}: this run has {count} inputs; give a folder ending in / or a file name with the {name} placeholder (e.g. annotated={name}.checked.xlsx)' },
  'annotate.same-target': { zh: '-o annotated={target}：{first} 与 {second} 会写入同一个文件 {file}', en: '-o annotated={target}: {first} and {second} would both be written to {file}' },
  'annotate.overwrites-input': { zh: '-o annotated={target}：不会覆盖输入文件 {file}', en: '-o annotated={target}: will not overwrite the input {file}' },
} as const satisfies MessageArea;
