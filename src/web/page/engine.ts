import { loadCatalogue, type Catalogue, type Lang } from '../../catalogue/catalogue.js';
import { loadShandongRegions } from '../../catalogue/regions.js';
import { scoreInputs, type InMemoryInput } from '../../engine/inputs.js';
import type { ScoreResult } from '../../engine/model.js';
import type { Scorer } from '../../engine/score.js';
import { FORMATTERS, type FormatOptions } from '../../format/registry.js';
import { REPORT_FORMATTERS } from '../../format/report/registry.js';
import { packageVersion } from '../../home.js';
import { provinceReport } from '../../report/province.js';
import { loadRuleSet } from '../../rules/load.js';
import { defaultProfile, withThresholds, type Profile, type RuleSet, type ThresholdOverrides } from '../../rules/model.js';
import { templateRegions } from '../../template/template.js';
import { csvTemplate, jsonTemplate, xlsxTemplate, yamlTemplate, type TemplateFormat } from '../../template/write.js';
import { loadCharts, loadExcel } from './lazy.js';

/** What the reader chose in the page: the command line's --lang, --profile and a config's thresholds. */
export interface Choices {
  lang: Lang;
  /** A profile's name; absent: each file by the profile of its year. */
  profile?: string;
  thresholds: ThresholdOverrides;
}

export interface Scored {
  result: ScoreResult;
  scorer: Scorer;
  ruleSet: RuleSet;
  profile: Profile;
  choices: Choices;
  /** How long scoring took in the page, in milliseconds. */
  ms: number;
}

/** The library as the page uses it: the bundled catalogue and rules, loaded once. */
export class PageEngine {
  readonly catalogue: Catalogue = loadCatalogue();
  readonly ruleSet: RuleSet = loadRuleSet(this.catalogue);
  readonly version = packageVersion();

  /** The rule set and profile of the choices, as `prepareRun` builds them from flags and a config. */
  setup(choices: Choices): { ruleSet: RuleSet; profile: Profile } {
    const profile = (choices.profile && this.ruleSet.profiles.find((p) => p.name === choices.profile)) || defaultProfile(this.ruleSet);
    return withThresholds(this.ruleSet, profile, choices.thresholds);
  }

  async score(inputs: readonly InMemoryInput[], choices: Choices): Promise<Scored> {
    if (inputs.some((input) => /\.xlsx$/i.test(input.name))) await loadExcel();
    const { ruleSet, profile } = this.setup(choices);
    const started = performance.now();
    const { result, scorer } = await scoreInputs(inputs, { catalogue: this.catalogue, ruleSet, profile, byYear: !choices.profile, lang: choices.lang, version: this.version });
    return { result, scorer, ruleSet, profile, choices, ms: performance.now() - started };
  }

  formatOptions(scored: Scored): FormatOptions {
    return { lang: scored.choices.lang, color: false, verbose: false, catalogue: this.catalogue, rules: scored.scorer.rules, detail: 'thin', indent: false };
  }

  async resultText(scored: Scored, format: 'json' | 'csv'): Promise<string> {
    return (await FORMATTERS[format](scored.result, this.formatOptions(scored))) as string;
  }

  /** `report -f html` of the valid files: the same report, its charts drawn by the charts script. */
  async reportHtml(scored: Scored): Promise<string> {
    await loadCharts();
    const report = provinceReport(scored.result.files, {
      version: this.version,
      ruleSet: scored.ruleSet,
      profile: scored.profile,
      scorer: scored.scorer,
      catalogue: this.catalogue,
      lang: scored.choices.lang,
      names: false,
    });
    return REPORT_FORMATTERS.html(report, { feedback: true });
  }

  cities(): { code: string; name: string }[] {
    return loadShandongRegions().regions.filter((r) => r.level === 'city');
  }

  /** `template --region CODE --year YEAR --format FORMAT`; without a city, every city of the province. */
  async template(city: string | undefined, year: number, format: TemplateFormat, lang: Lang): Promise<string | Uint8Array> {
    const regions = templateRegions(loadShandongRegions(), city) ?? [];
    const options = { catalogue: this.catalogue, rules: this.ruleSet.rules, profiles: this.ruleSet.profiles, regions, year, lang };
    if (format === 'xlsx') {
      await loadExcel();
      return xlsxTemplate(options);
    }
    return format === 'csv' ? csvTemplate(options) : format === 'json' ? jsonTemplate(options) : yamlTemplate(options);
  }
}
