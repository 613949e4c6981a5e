import type { Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import type { InputProblem } from './model.js';

/**
 * What JSON.parse accepts silently but a data file must not contain: the same key twice in one object (the
 * last value wins unseen) and numbers with more significant digits than a double keeps (they are rounded).
 * Both are cheap to rule out (a count of key ends against the parsed keys, a search for a 16-digit run); only
 * a text that may hold one is scanned, with a native regex and an explicit stack for nesting.
 */

/** Far beyond any indicator file; deeper nesting is refused before anything recurses over it. */
const MAX_NESTING = 256;

/** Digits a double holds exactly for any value: 15 (17 needed to round-trip, 15 to be sure of each). */
const DIGITS = 15;

function digitsOf(number: string): string {
  return number.replace(/^[-+]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
}

function significantDigits(number: string): number {
  return digitsOf(number).length;
}

/**
 * Whether reading the number loses digits: up to 15 significant digits never do; beyond that, only when the
 * written digits are not the shortest form of the double they become (0.6666666666666666 is exact JavaScript
 * output; 12345678901234567890 is rounded).
 */
export function losesPrecision(number: string): boolean {
  if (significantDigits(number) <= DIGITS) return false;
  const value = Number(number);
  return !Number.isFinite(value) || digitsOf(String(value).replace(/e.*$/, '')) !== digitsOf(number);
}

interface Container {
  /** Keys seen so far (objects), or null (arrays). */
  keys: Set<string> | null;
  /** The element index, for arrays. */
  index: number;
  /** This container's own segment in the JSON pointer. */
  segment: string;
}

export function auditJson(text: string, value: unknown, position: (offset: number) => { line: number; column: number }, lang: Lang, limit = 20): InputProblem[] {
  const keys = mayHaveDuplicates(text, value);
  // numbers are scanned only when the text holds a run of 16 digits at all: almost never
  const numbers = LONG_NUMBER.test(text);
  return keys || numbers ? scanJson(text, { keys, numbers }, position, limit, lang) : [];
}

const KEY_END = /"\s*:/g;

/** The parsed value's keys; -1 when it nests deeper than any file may (so the recursion stays shallow). */
function countKeys(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return 0;
  if (depth >= MAX_NESTING) return -1;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = countKeys(item, depth + 1);
      if (inner < 0) return -1;
      count += inner;
    }
    return count;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = countKeys((value as Record<string, unknown>)[key], depth + 1);
    if (inner < 0) return -1;
    count += inner + 1;
  }
  return count;
}

/**
 * Without an escaped quote in the text, no string holds a `"`, so each `"` followed by `:` closes a key: if
 * there are as many as the parsed value has keys, no key was repeated. Only otherwise is the text scanned.
 */
function mayHaveDuplicates(text: string, value: unknown): boolean {
  if (text.includes('\\"')) return true;
  let tokens = 0;
  KEY_END.lastIndex = 0;
  while (KEY_END.exec(text)) tokens++;
  return tokens !== countKeys(value);
}

const LONG_NUMBER = /\d(?:\.?\d){15}/;
/** Strings and structural characters only: a global search skips numbers and whitespace natively. */
const STRUCTURE = /"(?:[^"\\]|\\.)*"|[{}[\],:]/g;
/** Every token, numbers included, for the rare text that may hold a number too long for a double. */
const EVERY_TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\],:]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * One pass over text JSON.parse has accepted, tracking where each token sits (JSON pointer, position):
 * repeated keys in one object, numbers that lose digits, and nesting deeper than any file may have.
 */
function scanJson(text: string, check: { keys: boolean; numbers: boolean }, position: (offset: number) => { line: number; column: number }, limit: number, lang: Lang): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: Container[] = [];
  let lastKey = '';
  let expectKey = false;
  const pointer = (last: string) =>
    '/' + [...stack.slice(1).map((c) => c.segment), last].map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
  const pattern = check.numbers ? EVERY_TOKEN : STRUCTURE;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && problems.length < limit; match = pattern.exec(text)) {
    const token = match[0];
    const parent = stack.at(-1);
    switch (token) {
      case '{':
      case '[':
        if (stack.length >= MAX_NESTING) {
          problems.push({ path: '', code: 'too-deep', message: msg(lang, 'input.nested-too-deep', { levels: MAX_NESTING }), ...position(match.index) });
          return problems;
        }
        stack.push({ keys: token === '{' ? new Set() : null, index: 0, segment: !parent ? '' : parent.keys ? lastKey : String(parent.index) });
        expectKey = token === '{';
        break;
      case '}':
      case ']':
        stack.pop();
        expectKey = false;
        break;
      case ',':
        if (parent && !parent.keys) parent.index++;
        expectKey = parent?.keys != null;
        break;
      case ':':
        expectKey = false;
        break;
      default:
        if (token.startsWith('"')) {
          if (!expectKey || !parent?.keys) break;
          // most keys have no escapes: the raw text between the quotes is the key
          const name = token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
          if (check.keys && parent.keys.has(name)) {
            problems.push({ path: pointer(name), code: 'duplicate-key', message: msg(lang, 'input.duplicate-key', { key: name.length > 60 ? name.slice(0, 60) + '…' : name }), ...position(match.index) });
          }
          parent.keys.add(name);
          lastKey = name;
          expectKey = false;
        } else if (losesPrecision(token)) {
          const at = parent ? pointer(parent.keys ? lastKey : String(parent.index)) : '';
          problems.push({ path: at, code: 'precision', message: msg(lang, 'input.precision', { number: token.length > 40 ? token.slice(0, 40) + '…' : token, digits: DIGITS }), ...position(match.index) });
        }
    }
  }
  return problems;
}
