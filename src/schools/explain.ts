import type { Lang } from '../catalogue/catalogue.js';
import { formatNumber } from '../text/values.js';
import { RESOURCE_INDICATORS, STAGES, type CountyBalance, type Exclusion, type SchoolPart } from './compute.js';

const WORDS = {
  zh: {
    title: (b: CountyBalance) => `优质均衡（学校花名册）：${b.schools} 所学校纳入评价，${b.meeting} 所各学段均达到至少 6 项标准（${formatNumber(b.meetingRate)}%）`,
    stage: { primary: '小学', junior: '初中' },
    cv: (stage: string, max: string) => `${stage}校际差异系数（最大 ${max}）`,
    missing: '未达标学校（按差距从大到小）',
    none: '所有纳入评价的学校均达到至少 6 项标准',
    excluded: '不纳入评价',
    reasons: { special: '特殊教育学校', vocational: '职业学校', 'small-teaching-point': '不足 50 人的教学点', 'no-pupils': '无义务教育学生' } as Record<Exclusion, string>,
    met: (n: number) => `${n}/7 项达标`,
  },
  en: {
    title: (b: CountyBalance) => `Quality balance (school roster): ${b.schools} schools assessed, ${b.meeting} meet at least 6 standards in every stage (${formatNumber(b.meetingRate)}%)`,
    stage: { primary: 'primary', junior: 'junior' },
    cv: (stage: string, max: string) => `${stage} inter-school CV (largest ${max})`,
    missing: 'Schools below the standards (furthest first)',
    none: 'Every assessed school meets at least 6 standards',
    excluded: 'Not assessed',
    reasons: { special: 'special-education school', vocational: 'vocational school', 'small-teaching-point': 'teaching point under 50 pupils', 'no-pupils': 'no compulsory-education pupils' } as Record<Exclusion, string>,
    met: (n: number) => `${n}/7 met`,
  },
} as const;

/** How far a part falls short: fewer standards met first, then the larger total shortfall. */
export function byShortfall(a: SchoolPart, b: SchoolPart): number {
  const gap = (p: SchoolPart) => p.ratios.reduce((sum, r) => sum + Math.max(0, 1 - r), 0);
  return a.met - b.met || gap(b) - gap(a) || (a.school.code < b.school.code ? -1 : 1);
}

/** The lines `explain` adds for the quality-balance rules of a county with a roster. */
export function balanceLines(balance: CountyBalance, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines = ['', w.title(balance)];
  for (const stage of STAGES) {
    const s = balance.stages[stage];
    if (!s) continue;
    lines.push(`  ${w.cv(w.stage[stage], formatNumber(s.maxCv, 3))}`);
    RESOURCE_INDICATORS.forEach((indicator, i) => lines.push(`    ${indicator.name[lang]}: ${formatNumber(s.cv[i]!, 3)}`));
  }
  const short = balance.parts.filter((p) => p.met < 7).sort(byShortfall);
  lines.push(`  ${short.length > 0 ? w.missing : w.none}`);
  for (const part of short) {
    const misses = RESOURCE_INDICATORS.flatMap((indicator, i) =>
      part.ratios[i]! < 1 ? [`${indicator.name[lang]} ${formatNumber(part.values[i]!)} < ${formatNumber(indicator.standard[part.stage])}`] : [],
    );
    const mark = part.met >= 6 ? '·' : '✖';
    lines.push(`    ${mark} ${part.school.code} ${part.school.name} (${w.stage[part.stage]}, ${w.met(part.met)}): ${misses.join(lang === 'zh' ? '；' : '; ')}`);
  }
  if (balance.excluded.length > 0) {
    lines.push(`  ${w.excluded}: ${balance.excluded.map((e) => `${e.school.code} ${e.school.name} (${w.reasons[e.reason]})`).join(lang === 'zh' ? '、' : ', ')}`);
  }
  return lines;
}
