import type { MessageArea } from './catalogue.js';

/** What the tool says about a rule's basis: its source documents, a provisional threshold, a profile chosen. */
export const RULES_MESSAGES = {
  'rules.provisional': {
    zh: '阈值暂定：该数值未见于评价报告等依据文件，尚待确认；省级可在配置文件中确认（confirm）或替换（thresholds）。',
    en: 'Provisional threshold: the number is in no source document checked so far; a province confirms it (confirm) or replaces it (thresholds) in its config.',
  },
  'rules.provisional-confirmed': { zh: '阈值已由配置文件 {file} 确认。', en: 'Threshold confirmed by the config {file}.' },
  'rules.provisional-replaced': { zh: '阈值已由配置文件 {file} 替换。', en: 'Threshold replaced by the config {file}.' },
  'rules.quotes': { zh: '原文', en: "the reports' words" },
  'rules.quotes-translated': {
    zh: '另有 {count} 条原文为英文机器翻译（2023年报告问题部分中文原文未公开），用 --lang en 查看。',
    en: '{count} of the quotes are English machine translations (the Chinese of the 2023 problems section is not public).',
  },
  'rules.quote-place': { zh: '{year}年{part}', en: '{year} {part}' },
  'rules.report': { zh: '报告', en: 'report' },
  'rules.annex': { zh: '附件', en: 'annex' },
  'rules.provisional-mark': { zh: '（暂定）', en: '(provisional)' },
  'rules.none-provisional': { zh: '没有暂定阈值的规则。', en: 'No rule has a provisional threshold.' },
  'rules.config-not-provisional': {
    zh: '{file}：confirm：规则“{rule}”的阈值不是暂定的，无需确认',
    en: '{file}: confirm: rule "{rule}" has no provisional threshold to confirm',
  },
  'rules.absorbed': { zh: '（同一问题，已计入 {rule}）', en: '(the same problem, counted under {rule})' },
  'rules.check-no-profile': { zh: '不在任何评价方案中（在评价方案或配置文件中给出其阈值后使用）', en: 'in no profile (give its thresholds in a profile or the config to use it)' },
  'rules.check-unused': {
    zh: '{rule} 读取阈值 {thresholds}，但没有评价方案给出（在 profiles/<方案名>.json 中添加）',
    en: '{rule} reads {thresholds} but no profile gives them (add them under profiles/<name>.json)',
  },
  'rules.check-not-in': { zh: '（不在 {profiles} 中）', en: '(not in {profiles})' },
  'rules.check-problems': { zh: '检查了 {count} 条规则，发现 {problems} 个问题', en: '{count} rules checked, {problems} problems' },
  'rules.check-clean': { zh: '检查了 {count} 条规则，没有问题', en: '{count} rules checked, no problems' },
  'rules.test-none-ran': { zh: '{rule}：没有示例运行（该规则是否在某个评价方案中？）', en: '{rule}: no example ran (is the rule in any profile?)' },
  'rules.test-ran': { zh: '（{examples}，{profiles}）', en: '({examples}, {profiles})' },
  'rules.examples': { zh: '{count} 个示例', en: '{count} examples' },
  'rules.example': { zh: '{count} 个示例', en: '{count} example' },
  'rules.profiles': { zh: '{count} 个评价方案', en: '{count} profiles' },
  'rules.profile': { zh: '{count} 个评价方案', en: '{count} profile' },
  'rules.test-wrong': { zh: '示例 {index} [{profile}]：应为 {expected}，实为 {actual}', en: 'example {index} [{profile}]: expected {expected}, got {actual}' },
  'rules.test-summary': { zh: '{passed} 条通过，{failed} 条未通过', en: '{passed} passed, {failed} failed' },
} as const satisfies MessageArea;
