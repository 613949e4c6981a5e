import type { MessageArea } from './catalogue.js';

/** What scoring says of a file as a whole: missing data, absent regions, invalid values, duplicate submissions. */
export const SCORE_MESSAGES = {
  'score.missing-finding': { zh: '{title}：缺少数据（{names}）', en: '{title}: missing data ({names})' },
  'score.absent-finding': {
    zh: '{title}：缺少数据（文件中没有 {region} {code}，行政区划名单将其列在本市之下）',
    en: '{title}: missing data ({region} {code} is not in the file, although the division list places it under this city)',
  },
  'score.invalid-finding': { zh: '{title}：数据无效，不能评价（{names}）', en: '{title}: invalid data, not scored ({names})' },
  'score.absent-county': {
    zh: '行政区划名单将 {name} {code} 列在{city}之下，文件中没有该地区：其全部规则计为缺少数据（若该年尚无此区划，在配置的 absentDivisions 中声明）',
    en: 'the division list places {name} {code} under {city}, but the file lacks it: every rule counts it as missing data (if it did not exist that year, declare it under absentDivisions in the config)',
  },
  'score.no-values': { zh: '没有任何指标数据：文件中所有地区的指标均为空（未填写的模板？）', en: 'no indicator values: every indicator of every region is empty (an unfilled template?)' },
  'score.duplicate-submission': {
    zh: '{region} {code}（{year} 年）已由 {first} 提交；同一地区在一次评价中只计一次，本文件未计入',
    en: '{region} {code} ({year}) was already submitted in {first}; a region counts once per run, so this file is left out',
  },
  'score.repeated-row': { zh: '{code} 的本市一行出现两次（第一次在 {first}）：同一地区只能填报一次', en: 'the row of {code} itself appears twice (first at {first}): a region is given once' },
  'score.undecided': { zh: '缺少数据，不能判定为通过', en: 'missing data: cannot be judged as passing' },
  'score.invalid-findings': { zh: '数据无效：{findings} 项规则未评价', en: 'invalid data: {findings} findings not scored' },
  'score.summary-undecided': { zh: '其中 {count} 项错误级规则缺少数据，不能判定为通过', en: '{count} of them for error-level rules, which cannot be judged as passing' },
  'score.summary-invalid': { zh: '{count} 项数据无效未评价', en: '{count} not scored for invalid data' },
  'score.invalid-label': { zh: '数据无效', en: 'invalid data' },
  'score.github-summary': {
    zh: '{fail} 项未通过（{errors} 个错误，{warnings} 个警告），{pass} 项通过，{missing} 项缺少数据（其中错误级规则 {missingErrors} 项），{invalidFindings} 项因数据无效未评价，{invalid} 个文件无效',
    en: '{fail} failed ({errors} errors, {warnings} warnings), {pass} passed, {missing} missing ({missingErrors} of error rules), {invalidFindings} not scored for invalid data, {invalid} invalid files',
  },
} as const satisfies MessageArea;
