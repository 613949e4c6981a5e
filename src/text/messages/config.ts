import type { MessageArea } from './catalogue.js';

/** Problems with a config file. */
export const CONFIG_MESSAGES = {
  'config.colon': { zh: '：', en: ': ' },
  'config.whole-file': { zh: '（整个文件）', en: '(file)' },
  'config.unknown-key': { zh: '{key}：未知的键{hint}', en: '{key}: unknown key{hint}' },
  'config.allowed': { zh: '（可用的键：{keys}）', en: ' (allowed: {keys})' },
  'config.no-such-file': { zh: '文件不存在', en: 'no such file' },
  'config.unreadable': { zh: '无法读取（{reason}）', en: 'cannot be read ({reason})' },
  'config.expected-rule-id': { zh: '应为规则 id，例如“funding.two-only-increases”', en: 'expected a rule id such as "funding.two-only-increases"' },
  'config.expected-region': { zh: '应为 6 位行政区划代码', en: 'expected a 6-digit region code' },
  'config.expected-year': { zh: '应为四位年份，例如“2023”', en: 'expected a four-digit year such as "2023"' },
  'config.expected-date': { zh: '应为日期 YYYY-MM-DD', en: 'expected a date YYYY-MM-DD' },
} as const satisfies MessageArea;
