import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadShandongRegions } from '../../src/catalogue/regions.js';
import { packageHome } from '../../src/home.js';
import type { IndicatorFile, IndicatorValue } from '../../src/input/model.js';
import { ADDENDUM_DRAWS, DRAWS, generateProvince, seededRandom, type CityOutline } from './province.js';

/**
 * Writes samples/2023: Shandong's 16 cities with their real counties. Values are synthetic except the
 * figures the 2023 report's annex and city press releases publish, which are set and cited under `sources`.
 * Run with `npm run samples` after changing the generator.
 */
const YEAR = 2023;
const regions = loadShandongRegions();
const cities: CityOutline[] = regions.regions
  .filter((r) => r.level === 'city')
  .map((city) => ({
    region: { code: city.code, name: city.name },
    counties: regions.regions.filter((r) => r.level === 'county' && r.city === city.code).map((r) => ({ code: r.code, name: r.name })),
  }));

const files = generateProvince(cities, { seed: 2023, year: YEAR, failRate: 0.025, missingRate: 0.004 });
const byCode = new Map(files.map((f) => [f.region.code, f]));

const ANNEX = '2023年各市政府履行教育职责典型经验做法（鲁政教督委〔2024〕1号附件）';
const LIAOCHENG = '聊城市政府新闻发布会，2024-02-27';

type Values = Record<string, IndicatorValue>;
function setCity(code: string, values: Values, source: string): void {
  const file = byCode.get(code)!;
  Object.assign(file.indicators as Values, values);
  file.sources = { ...file.sources };
  for (const id of Object.keys(values)) file.sources[id] = source;
}
function setCounties(cityCode: string, names: readonly string[] | 'all', values: (county: string) => Values): void {
  const file = byCode.get(cityCode)!;
  for (const county of file.counties ?? []) {
    if (names === 'all' || names.includes(county.region.name)) Object.assign(county.indicators as Values, values(county.region.name));
  }
}
const good = (ids: readonly string[], seed: number): Values => {
  const rng = seededRandom(seed);
  return Object.fromEntries(ids.map((id) => [id, (DRAWS[id] ?? ADDENDUM_DRAWS[id])!.good(rng, 'county')]));
};

// Dongying: "公办幼儿园在园幼儿占比、普惠性幼儿园覆盖率分别达到78.6%、95.67%"; subject bases in the city and every county
setCity('370500', { public_kindergarten_enrolment_share: 78.6, inclusive_kindergarten_coverage: 95.67, senior_high_subject_base: true }, ANNEX);
setCounties('370500', 'all', () => ({ senior_high_subject_base: true }));
// Qingdao: per-student public funding 1300 / 1700 yuan, "居全省第一位"; quality kindergartens 73.42%
setCity('370200', { public_funding_per_student_primary: 1300, public_funding_per_student_junior: 1700 }, ANNEX);
(byCode.get('370200')!.indicators as Values).quality_kindergarten_share = { current: 73.42, previous: 70.15 };
byCode.get('370200')!.sources!.quality_kindergarten_share = `${ANNEX}（current；previous is synthetic）`;
// Liaocheng: vocational conditions 85.72% (fails the 100% standard), after-school services 100%,
// quality kindergartens 33.66%, "较上一年度提高了20.23个百分点" → 13.43% in 2022
setCity('371500', { vocational_conditions_compliance_rate: 85.72, after_school_service_coverage: 100, quality_kindergarten_share: { current: 33.66, previous: 13.43 } }, LIAOCHENG);
// 2022 education share of spending, published in the 2023 annex: the previous-year value of a 2023 file
for (const [code, share] of [['370800', 24.92], ['370900', 22.74], ['371300', 24.54]] as const) {
  const file = byCode.get(code)!;
  (file.indicators as Values).edu_share_of_gpb_expenditure = { current: Number((share + 0.41).toFixed(2)), previous: share };
  file.sources = { ...file.sources, edu_share_of_gpb_expenditure: `${ANNEX}（previous = 2022；current is synthetic）` };
}
// Weihai: physical fitness excellent rate "连续2年上升"; Yantai: up, and myopia down
setCity('371000', { physical_fitness_excellent_rate: { current: 58.4, previous: 56.1 }, off_campus_training_violations_open: 0 }, `${ANNEX}（direction published; values synthetic）`);
setCity('370600', { physical_fitness_excellent_rate: { current: 55.2, previous: 53.9 }, myopia_rate: { current: 52.3, previous: 53.8 } }, `${ANNEX}（direction published; values synthetic）`);
// Heze: "1万余名教师参与分级竞聘"
setCity('371700', { tiered_post_competition: true }, ANNEX);
// Weihai: "全部完成非学科类校外培训机构重新审核登记工作，居全省第一"; Jining: 2022 weak-link projects "开工率、竣工率均居全省第一"
setCity('371000', { nonsubject_training_reregistration_rate: 100 }, ANNEX);
setCity('370800', { weak_link_project_start_rate: 100, weak_link_project_completion_rate: 100 }, `${ANNEX}（ranked first; 100 is read from it）`);

// Counties that passed the first national assessments (annex): their preschool or quality-balance
// indicators are kept compliant so the sample agrees with the report.
const PRESCHOOL = ['preschool_gross_enrolment_rate', 'inclusive_kindergarten_coverage', 'public_kindergarten_enrolment_share', 'kindergarten_class_size_compliance_rate', 'kindergarten_teacher_certification_rate', 'kindergarten_children_per_teacher', 'kindergartens_with_oversized_classes'];
const BALANCE = ['schools_meeting_resource_standards_rate', 'resource_cv_primary_max', 'resource_cv_junior_max', 'super_large_classes', 'large_class_share', 'compulsory_teacher_certification_rate', 'classes_above_standard_size'];
const preschoolPasses: Record<string, string[]> = {
  '370100': ['历下区'], '370200': ['市南区', '市北区', '崂山区', '李沧区', '城阳区', '胶州市'], '370300': ['周村区', '高青县'],
  '370500': ['广饶县', '利津县'], '370600': ['蓬莱区', '烟台高新技术产业开发区'], '370700': ['潍坊滨海经济技术开发区'], '370900': ['岱岳区'],
  '371000': ['环翠区', '荣成市', '乳山市'], '371600': ['邹平市'],
};
const balancePasses: Record<string, string[]> = {
  '370100': ['平阴县'], '370200': ['李沧区'], '370700': ['寒亭区', '昌邑市', '潍坊滨海经济技术开发区'], '371000': ['环翠区', '文登区', '荣成市', '乳山市'],
};
let seed = 1;
for (const [city, names] of Object.entries(preschoolPasses)) setCounties(city, names, () => good(PRESCHOOL, seed++));
for (const [city, names] of Object.entries(balancePasses)) setCounties(city, names, () => good(BALANCE, seed++));

const NOTES =
  'Sample data for trying eduduty. Counties and codes are real (GB/T 2260). Indicator values are synthetic, ' +
  'drawn by a seeded generator with a small share of failing and missing values, except the figures cited under ' +
  '"sources", which the 2023 evaluation annex or city press releases publish. The indicators added for the reports\' ' +
  'other problem statements (place shortfalls, class sizes, teacher establishment, boarding, sleep…) are synthetic ' +
  'throughout, with failing shares that follow the reports\' quantifiers. Counties that passed the first national ' +
  'preschool or quality-balance assessments are kept compliant on those indicators.';

const dir = join(packageHome(), 'samples', String(YEAR));
mkdirSync(dir, { recursive: true });
for (const file of files) {
  const ordered: IndicatorFile & { $schema: string } = {
    $schema: '../../indicators/indicator-file.schema.json',
    schemaVersion: 1,
    year: file.year,
    region: file.region,
    indicators: file.indicators,
    counties: file.counties,
    ...(file.sources ? { sources: file.sources } : {}),
    notes: NOTES,
  };
  writeFileSync(join(dir, `${file.region.code}.json`), JSON.stringify(ordered, null, 2) + '\n');
}
process.stdout.write(`wrote ${files.length} files to ${dir}\n`);
