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
} as const satisfies MessageArea;
