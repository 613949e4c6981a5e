import type { MessageArea } from './catalogue.js';

export const SUGGEST_MESSAGES = {
  'suggest.did-you-mean': { zh: '（是否想写{names}？）', en: ' (did you mean {names}?)' },
  'suggest.or': { zh: '或', en: ' or ' },
} as const satisfies MessageArea;
