import { stripVTControlCharacters } from 'node:util';

/**
 * One escaping function per target a user's text can be written into. A region name, an indicator key, a
 * file name, a rule text from a --rules folder or a roster field reaches the output only through the
 * function of the format it is written into, at the point where the format emits it.
 */

const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** C0 and C1 controls and DEL, line breaks excepted (they are folded to spaces first). */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
/** Marks that reorder what a terminal or a page displays (the "Trojan Source" class). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A character that terminal text removes or folds: controls (every escape sequence starts with one), breaks, marks. */
const TERMINAL_WORK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Text on one line, without control characters or bidirectional marks: what every line-oriented target starts from. */
function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/**
 * Terminal output: no escape sequence (colours, cursor moves, window titles, hyperlinks), no control
 * character and no line break from the data, with or without colour.
 */
export function terminalText(text: string): string {
  // most text has nothing to remove: every escape sequence starts with a control, every break is listed here
  if (!TERMINAL_WORK.test(text)) return text;
  return oneLine(stripVTControlCharacters(text));
}

/** A message of the tool's own on stderr, which may span lines but carries no control character. */
export function terminalMessage(text: string): string {
  return stripVTControlCharacters(text).replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '').replace(BIDI, '');
}

/**
 * A spreadsheet cell (CSV, XLSX): a text a spreadsheet would run as a formula is made inert by a leading
 * apostrophe, as OWASP advises for = + - @ tab and carriage return, their full-width forms, and after
 * leading blanks.
 */
export function spreadsheetCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[\t\r\n]|^[\s\u0000-\u001F]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV cell: inert like any spreadsheet cell, and without control characters (an escape sequence would act
 * on a terminal that shows the file) or bidirectional marks; tabs and line breaks stay, quoted by the writer.
 */
export function csvCell<T>(value: T): T | string {
  return spreadsheetCell(typeof value === 'string' ? value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').replace(BIDI, '') : value);
}

/** An XLSX cell: inert like a CSV cell, and without a character the workbook's XML cannot hold. */
export function workbookCell<T>(value: T): T | string {
  return spreadsheetCell(typeof value === 'string' ? xmlCharacters(value).replace(BIDI, '') : value);
}

/**
 * Characters XML 1.0 cannot carry even escaped (most controls, U+FFFE, U+FFFF, unpaired surrogates), and
 * the C1 controls it discourages: removed.
 */
export function xmlCharacters(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or an attribute value in XML (JUnit). */
export function xmlText(text: string): string {
  return xmlCharacters(text).replace(BIDI, '').replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]!);
}

const HTML_ENTITIES: Record<string, string> = { ...XML_ENTITIES, "'": '&#39;' };

/** Text or an attribute value in HTML. */
export function htmlText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').replace(BIDI, '').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
}

/**
 * Inline Markdown text, safe in a table cell: one line, and nothing Markdown (or GitHub's extensions)
 * would read as markup — emphasis, code, links and images, HTML, tables, strikethrough, maths, bare links,
 * or a block (heading, quote, list) at the start of a line.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|#~$&@]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^ {4,}/, ' ')
    .replace(/^(\s*)([+\-=>])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * Inline Markdown code (a file name, a JSON path): a fence longer than any run of backticks inside it, so
 * the text cannot close the span. In a table cell a pipe must still be escaped: GitHub splits cells first.
 */
export function markdownCode(text: string, where: 'inline' | 'table' = 'inline'): string {
  const line = oneLine(text);
  if (line === '') return '';
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const padded = /^[` ]|[` ]$/.test(line) ? ` ${line} ` : line;
  return `${fence}${where === 'table' ? padded.replace(/\|/g, '\\|') : padded}${fence}`;
}

/** The message of a GitHub workflow command (`::error …::message`): it may not end the line. */
export function workflowData(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
    .replace(BIDI, '')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/** A property of a workflow command (`file=…,title=…`): it may not end the list either. */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A SARIF plain-text message, where `[text](target)` is an embedded link (SARIF 2.1.0 §3.11.6). */
export function sarifText(text: string): string {
  return plainText(text).replace(/[\\[\]]/g, '\\$&');
}

/**
 * A value people read in a structured output (SARIF properties, a workbook cell, a chart label): no control
 * character (tabs and line breaks stay) and no mark that reorders what is displayed (the "Trojan Source" class).
 */
export function plainText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').replace(BIDI, '');
}

/**
 * A read-only view of a record in which every string, whatever its field and however deep, comes out
 * through `escape`: for a format that writes whole records into one context (the terminal), so a field
 * added to the model later is escaped without anyone remembering to. Lazy, so text the format never
 * prints (a passing finding's message) is never computed.
 */
export function escapedView<T>(value: T, escape: (text: string) => string): T {
  const views = new WeakMap<object, object>();
  const view = (item: unknown): unknown => {
    if (typeof item === 'string') return escape(item);
    if (item === null || typeof item !== 'object') return item;
    let proxy = views.get(item);
    if (!proxy) {
      // the target as receiver: getters of classes with private fields run on the real object
      proxy = new Proxy(item, { get: (target, key) => view(Reflect.get(target, key, target)) });
      views.set(item, proxy);
    }
    return proxy;
  };
  return view(value) as T;
}
