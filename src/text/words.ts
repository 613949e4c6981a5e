import type { Lang } from '../catalogue/catalogue.js';
import type { Category } from '../rules/model.js';

/** The six problem categories of the 2023 report, in its order, as the report words them. */
export const CATEGORY_TITLES: Record<Category, Record<Lang, string>> = {
  reform: { zh: '教育综合改革需进一步推进', en: 'Comprehensive education reform' },
  funding: { zh: '教育经费保障政策落实不到位', en: 'Education funding guarantee' },
  development: { zh: '各类教育发展水平需进一步提升', en: 'Development of every type of education' },
  teachers: { zh: '教师队伍建设改革需持续用力', en: 'Teacher workforce' },
  safety: { zh: '安全管理需进一步加强', en: 'Safety management' },
  quality: { zh: '学校教育质量需进一步提升', en: 'Quality of school education' },
};

export const WORDS = {
  zh: {
    yes: '是',
    no: '否',
    previousYear: '上年',
    change: '较上年变化',
    changePct: '较上年增幅',
    previous: '（上年）',
    missingData: '缺少数据',
    listSeparator: '；',
    nameSeparator: '、',
    colon: '：',
  },
  en: {
    yes: 'yes',
    no: 'no',
    previousYear: 'previous year',
    change: ' change',
    changePct: ' growth',
    previous: ' (previous year)',
    missingData: 'missing data',
    listSeparator: '; ',
    nameSeparator: ', ',
    colon: ': ',
  },
} as const satisfies Record<Lang, Record<string, string>>;
