import type { Lang } from '../catalogue/catalogue.js';
import { msg } from './messages.js';

const PLACE = /^\[(\d{4}) (annex )?([^\]]*)\]\s*/;
const CHINESE = /[\u4e00-\u9fff]/;

/** "[2023 annex 济宁市1] …" → "2023年附件 济宁市1：…" / "2023 annex 济宁市1: …". */
function quoteText(quote: string, lang: Lang): string {
  const place = PLACE.exec(quote);
  if (!place) return quote;
  const [whole, year, annex, where] = place;
  const part = `${msg(lang, annex ? 'rules.annex' : 'rules.report')} ${where}`;
  return `${msg(lang, 'rules.quote-place', { year: year!, part })}${lang === 'zh' ? '：' : ': '}${quote.slice(whole.length)}`;
}

/**
 * A rule's quotes as the language shows them. The Chinese of the 2023 report's problems section is not public,
 * so its quotes are an English machine translation: in Chinese output they are counted, not printed.
 */
export function quotesFor(quotes: readonly string[], lang: Lang): { shown: string[]; translated: number } {
  const body = (quote: string) => quote.replace(PLACE, '');
  const shown = quotes.filter((q) => lang === 'en' || CHINESE.test(body(q))).map((q) => quoteText(q, lang));
  return { shown, translated: quotes.length - shown.length };
}
