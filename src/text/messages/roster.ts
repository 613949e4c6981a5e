import type { MessageArea } from './catalogue.js';

/** Problems with a school roster. */
export const ROSTER_MESSAGES = {
  'roster.unknown-field': { zh: '未知的字段“{field}”{hint}', en: 'unknown field "{field}"{hint}' },
  'roster.missing-field': { zh: '缺少字段“{field}”', en: 'missing field "{field}"' },
  'roster.one-of': { zh: '应为以下之一：{values}', en: 'expected one of {values}' },
  'roster.county-code': { zh: '应为不以 00 结尾的 6 位县级代码', en: 'expected a 6-digit county code not ending in 00' },
  'roster.type': { zh: '应为{type}', en: 'expected {type}' },
  'roster.minimum': { zh: '应不小于 {limit}', en: 'expected at least {limit}' },
  'roster.maximum': { zh: '应不大于 {limit}', en: 'expected at most {limit}' },
  'roster.disagrees': { zh: '{region} 填报的 {id} 为 {given}，而学校名册计算得 {computed}；按名册计算值评分', en: "{region} gives {id} = {given}, but its school roster computes {computed}; the roster's value is scored" },
  'roster.control-characters': { zh: '含有控制字符（换行、制表符等）', en: 'contains control characters (line breaks, tabs…)' },
  'roster.pattern': { zh: '格式不符（{pattern}）', en: 'does not match the pattern {pattern}' },
  'roster.constant': { zh: '应为 {value}', en: 'expected {value}' },
  'roster.too-few': { zh: '至少需要 {limit} 项', en: 'needs at least {limit} entries' },
  'roster.invalid': { zh: '无效（{keyword}）', en: 'invalid ({keyword})' },
  'roster.duplicate-school': { zh: '学校 {code} 出现两次', en: 'school {code} appears twice' },
  'roster.no-table': { zh: '没有哪个工作表的表头含 code、name、county、type 和各项资源列', en: 'no sheet has a header row with code, name, county, type and the resource columns' },
  'roster.not-readable-table': { zh: '不是可读取的表格：{reason}', en: 'not a readable table: {reason}' },
} as const satisfies MessageArea;
