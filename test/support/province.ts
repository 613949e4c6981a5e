import type { IndicatorFile, IndicatorValue, RegionRef } from '../../src/input/model.js';

/** A small seeded PRNG (mulberry32): the same seed always yields the same province. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Level = 'city' | 'county';
/** How to draw one indicator: a compliant value, and a value that breaks its rule. */
interface Draw {
  good(rng: Random, level: Level): IndicatorValue;
  bad(rng: Random, level: Level): IndicatorValue;
}

const between = (rng: Random, lo: number, hi: number, digits = 2): number => Number((lo + (hi - lo) * rng()).toFixed(digits));
const int = (rng: Random, lo: number, hi: number): number => Math.floor(lo + (hi - lo + 1) * rng());
const range = (lo: number, hi: number, badLo: number, badHi: number, digits = 2): Draw => ({
  good: (rng) => between(rng, lo, hi, digits),
  bad: (rng) => between(rng, badLo, badHi, digits),
});
const full = (badLo: number, badHi: number): Draw => ({ good: () => 100, bad: (rng) => between(rng, badLo, badHi) });
const zero = (badLo: number, badHi: number): Draw => ({ good: () => 0, bad: (rng) => int(rng, badLo, badHi) });
const yes: Draw = { good: () => true, bad: () => false };
const no: Draw = { good: () => false, bad: () => true };
/** Year over year: a previous value, then a change in percent of it (good) or a fall (bad). */
const yoy = (prev: (rng: Random, level: Level) => number, up: [number, number], down: [number, number], digits = 2, additive = false): Draw => {
  const make = (rng: Random, level: Level, [lo, hi]: [number, number]) => {
    const previous = Number(prev(rng, level).toFixed(digits));
    const delta = between(rng, lo, hi, 4);
    const current = Number((additive ? previous + delta : previous * (1 + delta / 100)).toFixed(digits));
    return { current, previous };
  };
  return { good: (rng, level) => make(rng, level, up), bad: (rng, level) => make(rng, level, down) };
};

export const DRAWS: Record<string, Draw> = {
  gpb_edu_expenditure: yoy((rng, level) => (level === 'city' ? between(rng, 500_000, 2_200_000, 0) : between(rng, 20_000, 250_000, 0)), [9.5, 14], [-5, -0.5], 0),
  gpb_edu_expenditure_per_student: yoy((rng) => between(rng, 12_000, 25_000, 0), [1, 8], [-4, -0.5], 0),
  edu_share_of_gpb_expenditure: yoy((rng) => between(rng, 17, 25), [0, 1.2], [-1, -0.1], 2, true),
  edu_appropriation_growth_gap: range(0.3, 4, -2, 0),
  public_funding_per_student_primary: range(760, 1300, 600, 705, 0),
  public_funding_per_student_junior: range(960, 1700, 800, 905, 0),
  public_funding_per_student_senior_high: range(950, 1600, 800, 895, 0),
  special_ed_public_funding_per_student: range(8000, 12000, 6000, 7900, 0),
  public_funding_disbursed_on_time: yes,
  schools_misusing_public_funding: zero(1, 3),
  earmarked_funds_on_time_rate: full(85, 99),
  edu_surcharge_misused: { good: () => 0, bad: (rng) => between(rng, 50, 3000, 0) },
  land_transfer_edu_share: range(10, 12, 6, 9.5),
  school_fee_income_pooled: no,
  kindergarten_funding_standards_set: yes,
  preschool_gross_enrolment_rate: range(91, 106, 84, 89.9, 1),
  inclusive_kindergarten_coverage: range(86, 97, 74, 84.5),
  public_kindergarten_enrolment_share: range(52, 80, 40, 49.5),
  kindergarten_class_size_compliance_rate: range(88, 100, 75, 84.5, 1),
  schools_meeting_resource_standards_rate: full(85, 98),
  resource_cv_primary_max: range(0.25, 0.48, 0.51, 0.62, 3),
  resource_cv_junior_max: range(0.2, 0.43, 0.46, 0.58, 3),
  super_large_classes: zero(1, 12),
  large_class_share: range(0, 4.5, 5.5, 12),
  oversized_schools: zero(1, 4),
  migrant_children_public_school_share: range(88, 98, 75, 84),
  junior_secondary_retention_rate: range(96, 99.8, 92, 94.9),
  disabled_children_enrolment_rate: range(96, 99.5, 90, 94.9),
  private_school_annual_inspection: yes,
  senior_high_subject_base: yes,
  vocational_conditions_compliance_rate: full(70, 95),
  vocational_autonomy_powers: { good: () => 5, bad: (rng) => int(rng, 2, 4) },
  shared_training_base_completion: full(60, 95),
  compulsory_teacher_pay_ratio: range(1, 1.12, 0.9, 0.99),
  kindergarten_teacher_certification_rate: full(92, 99),
  compulsory_teacher_certification_rate: full(97, 99.8),
  public_kindergarten_staffed_teacher_share: yoy((rng) => between(rng, 35, 60), [0, 3], [-3, -0.5], 2, true),
  kindergarten_children_per_teacher: range(10, 14.8, 15.5, 19, 1),
  kindergarten_teacher_contract_insurance_rate: full(85, 98),
  teacher_training_360h_completion: full(90, 99),
  teacher_rotation_rate: range(10.5, 18, 6, 9.5, 1),
  backbone_share_of_rotated_teachers: range(21, 35, 12, 19, 1),
  county_managed_school_hired: yes,
  tiered_post_competition: yes,
  self_hired_substitute_teachers: zero(2, 40),
  dual_qualified_teacher_share: range(55, 72, 40, 50, 1),
  vocational_part_time_quota_policy: yes,
  vocational_service_income_policy: yes,
  student_mental_health_centre: yes,
  schools_with_psych_teacher_share: range(95.5, 100, 80, 94, 1),
  security_guard_compliance_rate: full(95, 99.5),
  closed_campus_management_rate: full(95, 99.5),
  one_click_alarm_rate: full(95, 99.5),
  video_surveillance_rate: full(95, 99.5),
  unappraised_old_buildings: zero(1, 6),
  food_safety_incidents: zero(1, 1),
  exam_security_incidents: zero(1, 1),
  bullying_prevention_system: yes,
  drowning_prevention_system: yes,
  physical_fitness_pass_rate: yoy((rng) => between(rng, 92, 96), [0, 1.5], [-1.5, -0.3], 2, true),
  physical_fitness_excellent_rate: yoy((rng) => between(rng, 45, 60), [0, 3], [-2, -0.5], 2, true),
  myopia_rate: yoy((rng) => between(rng, 50, 60), [-2, 0], [0.3, 2], 2, true),
  daily_pe_one_hour_rate: full(90, 99),
  after_school_service_coverage: full(95, 99),
  curriculum_fully_offered_rate: full(92, 99),
  kindergartens_primary_schoolisation: zero(1, 5),
  quality_kindergarten_share: yoy((rng) => between(rng, 20, 60), [1, 8], [-3, -0.5], 2, true),
  leaders_school_contact_system: yes,
  evaluation_reform_violations: zero(1, 2),
  off_campus_training_violations_open: zero(1, 8),
  private_compulsory_enrolment_share: range(1, 4.8, 5.5, 12),
  responsible_inspector_coverage: full(92, 99),
};

/**
 * The addendum's indicators (indicators-2.csv). No source document publishes them per region, so every value is
 * synthetic; they are drawn from a stream of their own, so the first indicators' values stay as they were. A
 * `fail` share mirrors the report's quantifier where it gives one (普遍, 部分, 个别).
 */
export const ADDENDUM_DRAWS: Record<string, Draw & { fail?: number }> = {
  nonsubject_training_reregistration_rate: { ...full(80, 98), fail: 0.15 },
  earmarked_funds_spent_on_time_rate: { ...full(80, 98), fail: 0.15 },
  compulsory_place_shortfall_rate: { good: () => 0, bad: (rng) => between(rng, 0.5, 6), fail: 0.2 },
  urban_place_shortfall_rate: { good: () => 0, bad: (rng) => between(rng, 0.5, 8), fail: 0.15 },
  boarding_school_facilities_compliance_rate: { ...full(70, 95), fail: 0.15 },
  weak_link_project_start_rate: full(85, 98),
  weak_link_project_completion_rate: { ...full(70, 95), fail: 0.1 },
  senior_high_conditions_compliance_rate: full(80, 95),
  special_school_conditions_compliance_rate: full(50, 90),
  kindergarten_premises_compliance_rate: { ...full(80, 98), fail: 0.1 },
  township_public_central_kindergarten: yes,
  kindergartens_with_oversized_classes: { ...zero(1, 15), fail: 0.2 },
  classes_above_standard_size: { ...zero(1, 80), fail: 0.2 },
  schools_meeting_teaching_area_standard_rate: { ...full(80, 98), fail: 0.1 },
  schools_meeting_sports_area_standard_rate: { ...full(75, 97), fail: 0.1 },
  schools_meeting_subject_room_standard_rate: { ...full(70, 95), fail: 0.25 },
  rural_schools_meeting_equipment_standard_rate: { ...full(70, 95), fail: 0.15 },
  schools_with_noncompliant_sports_surfaces: zero(1, 3),
  kindergarten_teacher_associate_degree_rate: yoy((rng) => between(rng, 85, 95), [0, 3], [-2, -0.3], 2, true),
  kg_controlled_total_teacher_pay_ratio: { ...range(1, 1.05, 0.7, 0.95), fail: 0.1 },
  private_kg_teacher_pay_ratio: yoy((rng) => between(rng, 0.55, 0.8), [0, 0.05], [-0.05, -0.01], 2, true),
  teacher_establishment_reviewed: yes,
  teacher_vacancies_unfilled: { ...zero(5, 120), fail: 0.1 },
  schools_with_subject_teacher_shortage: { ...zero(1, 20), fail: 0.15 },
  urban_teacher_shortfall: { ...zero(10, 300), fail: 0.1 },
  urban_rural_bachelor_teacher_ratio: yoy((rng) => between(rng, 1.05, 1.3), [-0.05, 0], [0.01, 0.06], 2, true),
  special_school_teacher_staffing_rate: full(80, 98),
  schools_with_fulltime_psych_teacher_share: { ...full(40, 95), fail: 0.2 },
  mental_health_screening_rate: { ...full(70, 98), fail: 0.1 },
  fire_safety_compliance_rate: full(92, 99.5),
  security_guard_certified_trained_rate: { ...full(85, 99), fail: 0.1 },
  school_building_safety_monitoring: yes,
  private_teacher_collective_petitions: zero(1, 2),
  physical_fitness_average_score: yoy((rng) => between(rng, 75, 82), [0, 1.5], [-1.5, -0.2], 2, true),
  students_meeting_sleep_norm_rate: { ...range(52, 75, 30, 48), fail: 0.1 },
  students_meeting_daily_exercise_rate: { ...range(52, 80, 30, 48), fail: 0.1 },
  private_school_admission_violations: zero(1, 3),
};

export interface CityOutline {
  region: RegionRef;
  counties: RegionRef[];
}

export interface ProvinceOptions {
  seed: number;
  year: number;
  /** Share of indicator values drawn to break their rule (0.1 = 10%). */
  failRate: number;
  /** Share of county indicator values left out. */
  missingRate: number;
}

export function generateIndicators(rng: Random, level: Level, options: Pick<ProvinceOptions, 'failRate' | 'missingRate'>): Record<string, IndicatorValue> {
  const indicators: Record<string, IndicatorValue> = {};
  for (const [id, draw] of Object.entries(DRAWS)) {
    const failing = rng() < options.failRate;
    const value = failing ? draw.bad(rng, level) : draw.good(rng, level);
    if (level === 'county' && rng() < options.missingRate) continue;
    indicators[id] = value;
  }
  return indicators;
}

function addendumIndicators(rng: Random, level: Level, options: Pick<ProvinceOptions, 'failRate' | 'missingRate'>): Record<string, IndicatorValue> {
  const indicators: Record<string, IndicatorValue> = {};
  for (const [id, draw] of Object.entries(ADDENDUM_DRAWS)) {
    const failing = rng() < Math.max(options.failRate, options.failRate > 0 ? (draw.fail ?? 0) : 0);
    const value = failing ? draw.bad(rng, level) : draw.good(rng, level);
    if (level === 'county' && rng() < options.missingRate) continue;
    indicators[id] = value;
  }
  return indicators;
}

/** One indicator file per city, values for every indicator, a controlled share failing or missing. */
export function generateProvince(cities: readonly CityOutline[], options: ProvinceOptions): IndicatorFile[] {
  const rng = seededRandom(options.seed);
  const addendum = seededRandom(options.seed + 0x2d2);
  const indicatorsOf = (level: Level) => ({ ...generateIndicators(rng, level, options), ...addendumIndicators(addendum, level, options) });
  return cities.map((city) => ({
    schemaVersion: 1,
    year: options.year,
    region: city.region,
    indicators: indicatorsOf('city'),
    counties: city.counties.map((county) => ({ region: county, indicators: indicatorsOf('county') })),
  }));
}
