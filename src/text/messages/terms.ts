import type { MessageArea } from './catalogue.js';

/** Words the tool prints as values: severities, statuses, levels, indicator kinds, unit names. */
export const TERM_MESSAGES = {
  'term.severity.error': { zh: '错误', en: 'error' },
  'term.severity.warning': { zh: '警告', en: 'warning' },
  'term.status.pass': { zh: '通过', en: 'pass' },
  'term.status.fail': { zh: '未通过', en: 'fail' },
  'term.status.missing': { zh: '缺少数据', en: 'missing' },
  'term.status.waived': { zh: '豁免', en: 'waived' },
  'term.status.invalid': { zh: '无效', en: 'invalid' },
  'term.level.province': { zh: '省', en: 'province' },
  'term.level.city': { zh: '市', en: 'city' },
  'term.level.county': { zh: '县', en: 'county' },
  'term.level.school': { zh: '学校', en: 'school' },
  'term.kind.number': { zh: '数值', en: 'number' },
  'term.kind.count': { zh: '计数', en: 'count' },
  'term.kind.percent': { zh: '百分比', en: 'percent' },
  'term.kind.boolean': { zh: '是/否', en: 'yes/no' },
  'term.kind.yoy': { zh: '本年与上年', en: 'this/last year' },
  'term.kind.text': { zh: '文本', en: 'text' },
  'term.unit.ratio': { zh: '比值', en: 'ratio' },
  'term.unit.coefficient': { zh: '系数', en: 'coefficient' },
  'term.profile': { zh: '评价方案', en: 'profile' },
} as const satisfies MessageArea;
