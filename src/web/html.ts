import { htmlText as escapeHtml } from '../format/escape.js';
import { msg, type MessageId } from '../text/messages.js';

/**
 * Nothing but the page's own files may run or be fetched, and nothing may be sent anywhere: no connection,
 * no form target, no frame but the report preview (srcdoc). Styles may be inline for that preview.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** A text of the catalogue, marked so the page can redraw it in the other language. */
const t = (id: MessageId, tag = 'span', attributes = '') => `<${tag} data-msg="${id}"${attributes}>${escapeHtml(msg('zh', id as never))}</${tag}>`;

/** The page's skeleton, in Chinese until its script runs; the script fills in every result. */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(msg('zh', 'web.title'))}</title>
<link rel="stylesheet" href="eduduty.css">
<script src="eduduty.js" defer></script>
</head>
<body>
<a class="skip" href="#findings">${escapeHtml(msg('zh', 'web.findings'))}</a>
<header>
${t('web.title', 'h1')}
${t('web.privacy', 'p', ' class="privacy" id="privacy"')}
<noscript><p>${escapeHtml(msg('zh', 'web.noscript'))}</p></noscript>
</header>
<main>
<section aria-labelledby="settings-title" class="panel">
${t('web.settings', 'h2', ' id="settings-title"')}
<div class="row">
<label>${t('web.lang')} <select id="lang"><option value="zh">中文</option><option value="en">English</option></select></label>
<label>${t('web.profile')} <select id="profile"></select></label>
</div>
<div id="drop" class="drop">
<input type="file" id="files" class="visually-hidden" multiple accept=".xlsx,.csv,.json,.yaml,.yml">
<label for="files" class="button">${t('web.files')}</label>
${t('web.drop', 'p', ' class="hint"')}
<p id="loaded" class="hint"></p>
<button type="button" id="clear">${t('web.clear')}</button>
</div>
<p id="status" role="status" aria-live="polite"></p>
<details id="thresholds"><summary>${t('web.thresholds')}</summary>${t('web.thresholds-note', 'p', ' class="hint"')}<button type="button" id="thresholds-reset">${t('web.thresholds-reset')}</button><div id="threshold-list"></div></details>
<details id="template"><summary>${t('web.template')}</summary>
<div class="row">
<label>${t('web.template-city')} <select id="template-city"></select></label>
<label>${t('web.template-year')} <input id="template-year" type="number" min="2000" max="2100" value="2023"></label>
<label>${t('web.template-format')} <select id="template-format"><option>xlsx</option><option>csv</option><option>json</option><option>yaml</option></select></label>
<button type="button" id="template-download">${t('web.template-download')}</button>
</div></details>
${t('web.does-not', 'p', ' class="hint"')}
</section>
<section id="summary" aria-labelledby="summary-title" hidden>${t('web.summary', 'h2', ' id="summary-title"')}<div id="summary-cards" class="cards"></div></section>
<section id="downloads" aria-labelledby="downloads-title" class="no-print" hidden>${t('web.downloads', 'h2', ' id="downloads-title"')}
<div class="row">
<button type="button" id="download-json">${t('web.download-json')}</button>
<button type="button" id="download-csv">${t('web.download-csv')}</button>
<button type="button" id="download-report">${t('web.download-report')}</button>
<button type="button" id="download-annotated">${t('web.download-annotated')}</button>
</div></section>
<section id="invalid" aria-labelledby="invalid-title" hidden>${t('web.invalid', 'h2', ' id="invalid-title"')}<div id="invalid-list"></div></section>
<section id="findings" aria-labelledby="findings-title" tabindex="-1" hidden>${t('web.findings', 'h2', ' id="findings-title"')}
<fieldset class="row no-print"><legend>${t('web.filters')}</legend>
<label>${t('web.filter-category')} <select id="filter-category"></select></label>
<label>${t('web.filter-severity')} <select id="filter-severity"></select></label>
<label>${t('web.filter-status')} <select id="filter-status"></select></label>
<label>${t('web.filter-region')} <select id="filter-region"></select></label>
</fieldset>
<p id="findings-count"></p>
<div id="findings-list"></div>
<button type="button" id="findings-more" class="no-print" hidden></button>
</section>
<section id="report" aria-labelledby="report-title" hidden>${t('web.report', 'h2', ' id="report-title"')}<p id="report-note"></p><div id="report-body"></div></section>
</main>
</body>
</html>
`;
}
