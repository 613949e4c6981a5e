/**
 * The quality-balance computation of 教督〔2017〕6号 over a county's schools: seven resource indicators per
 * school and stage, which of them meet the stage's standard, and each indicator's pupil-weighted coefficient of
 * variation between schools (the formula of 教督〔2012〕3号's note on 差异系数).
 */

export const STAGES = ['primary', 'junior'] as const;
export type Stage = (typeof STAGES)[number];

export const SCHOOL_TYPES = ['primary', 'junior', 'nine_year', 'complete_secondary', 'twelve_year', 'special', 'vocational'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const RESOURCES = ['qualifiedTeachers', 'backboneTeachers', 'peArtsTeachers', 'teachingArea', 'sportsArea', 'equipmentValue', 'multimediaClassrooms'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface School {
  code: string;
  name: string;
  county: string;
  type: SchoolType;
  /** A teaching point (教学点); under 50 pupils it is left out of the assessment. */
  teachingPoint?: boolean;
  pupils: { primary?: number; junior?: number; senior?: number };
  resources: Record<Resource, number>;
}

export interface ResourceIndicator {
  id: string;
  resource: Resource;
  /** Per 100 pupils (teachers, classrooms) or per pupil (areas, equipment). */
  per: 100 | 1;
  name: { zh: string; en: string };
  unit: string;
  standard: Record<Stage, number>;
}

/** The seven indicators and their standards (BACKGROUND-catalogue.md rows 26–32). */
export const RESOURCE_INDICATORS: readonly ResourceIndicator[] = [
  { id: 'qualified_teachers_per_100', resource: 'qualifiedTeachers', per: 100, name: { zh: '每百名学生拥有高于规定学历教师数', en: 'Teachers above the required qualification per 100 pupils' }, unit: '人', standard: { primary: 4.2, junior: 5.3 } },
  { id: 'backbone_teachers_per_100', resource: 'backboneTeachers', per: 100, name: { zh: '每百名学生拥有县级以上骨干教师数', en: 'County-level-or-above backbone teachers per 100 pupils' }, unit: '人', standard: { primary: 1, junior: 1 } },
  { id: 'pe_arts_teachers_per_100', resource: 'peArtsTeachers', per: 100, name: { zh: '每百名学生拥有体育、艺术专任教师数', en: 'PE and arts teachers per 100 pupils' }, unit: '人', standard: { primary: 0.9, junior: 0.9 } },
  { id: 'teaching_area_per_student', resource: 'teachingArea', per: 1, name: { zh: '生均教学及辅助用房面积', en: 'Teaching and auxiliary floor area per pupil' }, unit: 'm²', standard: { primary: 4.5, junior: 5.8 } },
  { id: 'sports_area_per_student', resource: 'sportsArea', per: 1, name: { zh: '生均体育运动场馆面积', en: 'Sports ground and hall area per pupil' }, unit: 'm²', standard: { primary: 7.5, junior: 10.2 } },
  { id: 'equipment_value_per_student', resource: 'equipmentValue', per: 1, name: { zh: '生均教学仪器设备值', en: 'Teaching equipment value per pupil' }, unit: '元', standard: { primary: 2000, junior: 2500 } },
  { id: 'multimedia_classrooms_per_100', resource: 'multimediaClassrooms', per: 100, name: { zh: '每百名学生拥有网络多媒体教室数', en: 'Networked multimedia classrooms per 100 pupils' }, unit: '间', standard: { primary: 2.3, junior: 2.4 } },
];

/** How a mixed school's resources are shared between its stages: pupils weighted 1 : 1.1 (: 1.32), 1 : 1.2. */
const STAGE_WEIGHTS: Record<string, Partial<Record<'primary' | 'junior' | 'senior', number>>> = {
  primary: { primary: 1 },
  junior: { junior: 1 },
  nine_year: { primary: 1, junior: 1.1 },
  complete_secondary: { junior: 1, senior: 1.2 },
  twelve_year: { primary: 1, junior: 1.1, senior: 1.32 },
};

/** One stage of one school, with its share of the school's resources. */
export interface SchoolPart {
  school: School;
  stage: Stage;
  pupils: number;
  /** Each indicator's value for this part, in the order of RESOURCE_INDICATORS. */
  values: number[];
  /** How many of the seven indicators meet the stage's standard. */
  met: number;
  /** For each indicator, value ÷ standard (1 and above meets it). */
  ratios: number[];
}

export type Exclusion = 'special' | 'vocational' | 'small-teaching-point' | 'no-pupils';

export function exclusionOf(school: School): Exclusion | undefined {
  if (school.type === 'special') return 'special';
  if (school.type === 'vocational') return 'vocational';
  const pupils = (school.pupils.primary ?? 0) + (school.pupils.junior ?? 0) + (school.pupils.senior ?? 0);
  if (school.teachingPoint && pupils < 50) return 'small-teaching-point';
  if ((school.pupils.primary ?? 0) + (school.pupils.junior ?? 0) === 0) return 'no-pupils';
  return undefined;
}

/** The school's compulsory-education parts (a senior section takes its share of resources but is not assessed). */
export function partsOf(school: School): SchoolPart[] {
  const weights = STAGE_WEIGHTS[school.type] ?? {};
  const weighted = (['primary', 'junior', 'senior'] as const).map((stage) => (school.pupils[stage] ?? 0) * (weights[stage] ?? 0));
  const total = weighted.reduce((a, b) => a + b, 0);
  const parts: SchoolPart[] = [];
  STAGES.forEach((stage, s) => {
    const pupils = school.pupils[stage] ?? 0;
    if (pupils <= 0 || total <= 0) return;
    const share = weighted[s]! / total;
    const values = RESOURCE_INDICATORS.map((indicator) => (school.resources[indicator.resource] * share * indicator.per) / pupils);
    const ratios = RESOURCE_INDICATORS.map((indicator, i) => values[i]! / indicator.standard[stage]);
    parts.push({ school, stage, pupils, values, ratios, met: ratios.filter((r) => r >= 1 - 1e-12).length });
  });
  return parts;
}

/**
 * Pupil-weighted coefficient of variation: the weighted standard deviation over the weighted mean,
 * CV = sqrt(Σ pᵢ(xᵢ − x̄)² / Σ pᵢ) / x̄ with x̄ = Σ pᵢxᵢ / Σ pᵢ. 0 with fewer than two schools or a zero mean.
 */
export function weightedCv(values: readonly number[], weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (values.length < 2 || total <= 0) return 0;
  const mean = values.reduce((sum, x, i) => sum + x * weights[i]!, 0) / total;
  if (mean === 0) return 0;
  const variance = values.reduce((sum, x, i) => sum + weights[i]! * (x - mean) ** 2, 0) / total;
  return Math.sqrt(variance) / mean;
}

export interface StageBalance {
  stage: Stage;
  schools: number;
  /** Each indicator's CV, in the order of RESOURCE_INDICATORS. */
  cv: number[];
  maxCv: number;
}

export interface CountyBalance {
  county: string;
  /** Schools assessed (in scope) and those meeting at least six standards in every stage they teach. */
  schools: number;
  meeting: number;
  /** 100 × meeting ÷ schools. */
  meetingRate: number;
  stages: Partial<Record<Stage, StageBalance>>;
  parts: SchoolPart[];
  excluded: { school: School; reason: Exclusion }[];
}

/** The quality-balance results of one county's schools. */
export function countyBalance(county: string, schools: readonly School[]): CountyBalance {
  const excluded: CountyBalance['excluded'] = [];
  const assessed: School[] = [];
  for (const school of schools) {
    const reason = exclusionOf(school);
    if (reason) excluded.push({ school, reason });
    else assessed.push(school);
  }
  const parts = assessed.flatMap(partsOf);
  const meeting = assessed.filter((school) => parts.filter((p) => p.school === school).every((p) => p.met >= 6)).length;
  const stages: CountyBalance['stages'] = {};
  for (const stage of STAGES) {
    const inStage = parts.filter((p) => p.stage === stage);
    if (inStage.length === 0) continue;
    const cv = RESOURCE_INDICATORS.map((_, i) => weightedCv(inStage.map((p) => p.values[i]!), inStage.map((p) => p.pupils)));
    stages[stage] = { stage, schools: inStage.length, cv, maxCv: Math.max(...cv) };
  }
  return { county, schools: assessed.length, meeting, meetingRate: assessed.length ? (meeting * 100) / assessed.length : 0, stages, parts, excluded };
}

/** The county indicators the rules read, at full precision (rounding could flip a verdict at the line). */
export function countyIndicators(balance: CountyBalance): Record<string, number> {
  const indicators: Record<string, number> = {};
  if (balance.schools > 0) indicators.schools_meeting_resource_standards_rate = balance.meetingRate;
  if (balance.stages.primary) indicators.resource_cv_primary_max = balance.stages.primary.maxCv;
  if (balance.stages.junior) indicators.resource_cv_junior_max = balance.stages.junior.maxCv;
  return indicators;
}
