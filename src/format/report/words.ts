import type { Lang } from '../../catalogue/catalogue.js';
import type { Category } from '../../rules/model.js';

/** Short column labels for the six categories. */
export const CATEGORY_LABELS: Record<Category, Record<Lang, string>> = {
  reform: { zh: '综合改革', en: 'Reform' },
  funding: { zh: '经费保障', en: 'Funding' },
  development: { zh: '发展水平', en: 'Development' },
  teachers: { zh: '教师队伍', en: 'Teachers' },
  safety: { zh: '安全管理', en: 'Safety' },
  quality: { zh: '教育质量', en: 'Quality' },
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseNumeral(n: number): string {
  return NUMERALS[n - 1] ?? String(n);
}

export const REPORT_WORDS = {
  zh: {
    title: (years: string) => `${years}年度市级人民政府履行教育职责评价报告`,
    subtitle: (profile: string, cities: number, counties: number, version: string) =>
      `依据各市报送数据自动生成 · 评价方案 ${profile} · ${cities} 个市、${counties} 个县（市、区） · eduduty ${version}`,
    achievements: '主要成效',
    problems: '存在的主要问题',
    rectification: '上年问题整改情况',
    coverage: '数据覆盖说明',
    cityTable: '附表1 各市未通过项目（含所辖县）及排名',
    ruleTable: '附表2 各项规则达标率',
    allPassed: (n: number, titles: string) => `此外，各市、县均达到以下 ${n} 项要求：${titles}。`,
    noProblems: '未发现问题。',
    basis: '依据',
    provisional: '阈值待确认',
    rectifiedSummary: (years: string, r: number, s: number, n: number) =>
      `对照${years}年度评价结果：已整改 ${r} 个地区次，仍未整改 ${s} 个地区次，新出现问题 ${n} 个地区次。`,
    rectified: '已整改',
    stillFailing: '仍未整改',
    newlyFailing: '新出现',
    unverified: '缺少数据无法确认',
    resolvedAll: '已全部整改',
    coverageIntro: '以下规则在部分地区缺少数据，未能评价；缺少数据不计为达标。',
    noCoverageGaps: '所有规则在所有地区均有数据。',
    noData: (n: number, titles: string) => `以下 ${n} 项规则在所有地区均无数据，未作评价：${titles}。`,
    invalidFiles: (n: number) => `另有 ${n} 个文件未通过校验，未纳入评价：`,
    rank: '排名',
    city: '市',
    errors: '错误',
    warnings: '警告',
    rule: '规则',
    requirement: '要求',
    passRate: '达标率',
    assessed: '评价地区',
    failing: '未通过',
    missingCities: '缺数据的市',
    missingCounties: '缺数据的县',
    none: '无',
    listSeparator: '；',
  },
  en: {
    title: (years: string) => `Evaluation of city governments' performance of their education duties, ${years}`,
    subtitle: (profile: string, cities: number, counties: number, version: string) =>
      `Generated from the cities' submitted data · profile ${profile} · ${cities} cities, ${counties} counties · eduduty ${version}`,
    achievements: 'Achievements',
    problems: 'Main problems',
    rectification: "Rectification of last year's problems",
    coverage: 'Data coverage',
    cityTable: 'Table 1. Failures per city (with its counties) and ranking',
    ruleTable: 'Table 2. Pass rate of each rule',
    allPassed: (n: number, titles: string) => `Every city and county meets these ${n} requirements: ${titles}.`,
    noProblems: 'No problems found.',
    basis: 'basis',
    provisional: 'provisional threshold',
    rectifiedSummary: (years: string, r: number, s: number, n: number) =>
      `Against ${years}: ${r} region-problems rectified, ${s} still failing, ${n} new.`,
    rectified: 'rectified',
    stillFailing: 'still failing',
    newlyFailing: 'new',
    unverified: 'no data to confirm',
    resolvedAll: 'fully rectified',
    coverageIntro: 'These rules could not be scored in some regions for lack of data; missing data never counts as passing.',
    noCoverageGaps: 'Every rule had data in every region.',
    noData: (n: number, titles: string) => `${n} rules had no data in any region and were not scored: ${titles}.`,
    invalidFiles: (n: number) => `${n} files failed validation and are not part of this report:`,
    rank: 'Rank',
    city: 'City',
    errors: 'Errors',
    warnings: 'Warnings',
    rule: 'Rule',
    requirement: 'Requirement',
    passRate: 'Pass rate',
    assessed: 'Assessed',
    failing: 'Failing',
    missingCities: 'Cities missing data',
    missingCounties: 'Counties missing data',
    none: 'none',
    listSeparator: '; ',
  },
} as const;
