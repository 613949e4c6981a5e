import type { MessageArea } from './catalogue.js';

/** Messages of slips caught at one value (src/input/slips.ts) and of the annotated workbook (src/format/annotate.ts). */
export const SLIP_MESSAGES = {
  'slip.percent-previous': { zh: '本年值 {value} 不大于 1，而上年为 {previous}：可能是小数（0.95 表示 95%），可能应为 {likely}；现按原值评分', en: 'this year {value} is at most 1 while the previous year is {previous}: probably a fraction (0.95 for 95%), likely {likely}; scored as given' },
  'slip.percent-regions': { zh: '{value} 不大于 1，而本文件其他地区的中位数为 {median}：可能是小数（0.95 表示 95%），可能应为 {likely}；现按原值评分', en: '{value} is at most 1 while the other regions of the file have a median of {median}: probably a fraction (0.95 for 95%), likely {likely}; scored as given' },
  'slip.percent-threshold': { zh: '{value} 不大于 1，而评价标准为 {threshold}：可能是小数（0.95 表示 95%），可能应为 {likely}；现按原值评分', en: '{value} is at most 1 while the threshold is {threshold}: probably a fraction (0.95 for 95%), likely {likely}; scored as given' },
  'slip.unit-current': { zh: '本年值 {value} 与上年 {other} 相差约 {factor} 倍：可能是单位错误（元/万元/亿元或小数点），可能应为 {likely}；现按原值评分', en: 'this year {value} differs from the previous year {other} by about {factor} times: probably a unit slip (yuan, 10,000 yuan or 100 million yuan, or a decimal point), likely {likely}; scored as given' },
  'slip.unit-previous': { zh: '上年值 {value} 与本年 {other} 相差约 {factor} 倍：可能是单位错误（元/万元/亿元或小数点），可能应为 {likely}；现按原值评分', en: 'the previous year {value} differs from this year {other} by about {factor} times: probably a unit slip (yuan, 10,000 yuan or 100 million yuan, or a decimal point), likely {likely}; scored as given' },
  'slip.count': { zh: '数量 {value} 不是整数：可能应为 {likely}；现按原值评分', en: 'the count {value} is not a whole number: likely {likely}; scored as given' },
} as const satisfies MessageArea;
