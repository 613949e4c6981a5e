import type { MessageArea } from './catalogue.js';

/** The words of the fill-in templates: notes, comments, the sheet that explains every indicator. */
export const TEMPLATE_MESSAGES = {
  'template.instructions': {
    zh: '将每个 null 替换为数值；不填报的指标可删除（需要它的规则将报告缺少数据）。',
    en: 'Replace every null with the figure, or delete the indicator if it is not reported (rules needing it then report missing).',
  },
  'template.note-row': { zh: '# 填报说明', en: '# English' },
  'template.region-name': { zh: '地区名称', en: 'region name' },
  'template.year': { zh: '年份', en: 'year' },
  'template.this-year': { zh: '本年', en: 'this year' },
  'template.previous-year': { zh: '上年', en: 'previous year' },
  'template.in-no-profile': { zh: '（不在任何方案中）', en: '(in no profile)' },
  'template.explain-sheet': { zh: '指标说明', en: 'Indicators' },
  'template.head-id': { zh: '指标 id', en: 'indicator id' },
  'template.head-name': { zh: '指标名称', en: 'name' },
  'template.head-other-name': { zh: '英文名称', en: 'Chinese name' },
  'template.head-unit': { zh: '单位', en: 'unit' },
  'template.head-kind': { zh: '类型', en: 'kind' },
  'template.head-range': { zh: '取值范围', en: 'range' },
  'template.head-rules': { zh: '相关规则与阈值', en: 'rules and thresholds' },
  'template.head-source': { zh: '政策依据', en: 'policy basis' },
  'template.yes-no': { zh: '是 / 否', en: 'yes / no (是 / 否)' },
  'template.whole-number': { zh: '≥ 0 的整数', en: 'whole number ≥ 0' },
  'template.any-number': { zh: '任意数值', en: 'any number' },
} as const satisfies MessageArea;
