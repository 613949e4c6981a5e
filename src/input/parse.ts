import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Document, LineCounter } from 'yaml';
import { modules } from '../modules.js';
import { BUDGETS, budgetProblem } from './budget.js';
import { auditJson, losesPrecision } from './audit.js';
import { indexJson, spotAt, type Spot } from './locate-json.js';
import type { Lang } from '../catalogue/catalogue.js';
import { MESSAGES, msg, type MessageId } from '../text/messages.js';
import type { InputProblem, SourcePosition } from './model.js';

export type Syntax = 'json' | 'yaml';

/** Finds where a JSON pointer's value (or, with `key`, its property name) sits in the source text. */
export interface Locator {
  locate(segments: readonly string[], key?: boolean): SourcePosition | undefined;
}

export type Parsed = { ok: true; value: unknown; locator: Locator } | { ok: false; problems: InputProblem[] };

export function syntaxFor(name: string, text: string): Syntax {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

export function parseText(text: string, syntax: Syntax, lang: Lang): Parsed {
  if (text.trim() === '') {
    return { ok: false, problems: [{ path: '', code: 'empty', message: msg(lang, 'input.empty-file') }] };
  }
  return syntax === 'json' ? parseJson(text, lang) : parseYaml(text, lang);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function parseJson(text: string, lang: Lang): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: jsonSyntaxProblems(text, lang) };
  }
  let starts: number[] | undefined;
  const problems = auditJson(text, value, (offset) => positionAt((starts ??= lineStarts(text)), offset), lang);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value, locator: jsonLocator(text) };
}

function jsonSyntaxProblems(text: string, lang: Lang): InputProblem[] {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // the locating parser recurses: a pathologically nested file is refused without a position
    return [{ path: '', code: 'too-deep', message: msg(lang, 'input.json-too-deep') }];
  }
  const starts = lineStarts(text);
  // later errors mostly echo the first one, as with any parser's recovery
  const problems = errors.slice(0, 1).map((error): InputProblem => ({
    path: '',
    code: 'syntax',
    message: msg(lang, 'input.json-syntax', { detail: describeJsonError(printParseErrorCode(error.error), lang) }),
    ...positionAt(starts, error.offset),
  }));
  if (problems.length > 0) return problems;
  return [{ path: '', code: 'syntax', message: msg(lang, 'input.json-syntax-bare') }];
}

function describeJsonError(code: string, lang: Lang): string {
  const id = `input.json-${code}`;
  return Object.hasOwn(JSON_ERRORS, id) ? msg(lang, id as MessageId & `input.json-${JsonErrorCode}`) : code;
}

const JSON_ERRORS = Object.fromEntries(
  ['InvalidSymbol', 'InvalidNumberFormat', 'PropertyNameExpected', 'ValueExpected', 'ColonExpected', 'CommaExpected', 'CloseBraceExpected', 'CloseBracketExpected', 'EndOfFileExpected', 'InvalidCommentToken', 'UnexpectedEndOfComment', 'UnexpectedEndOfString', 'UnexpectedEndOfNumber', 'InvalidUnicode', 'InvalidEscapeCharacter', 'InvalidCharacter'].map((c) => [`input.json-${c}`, true]),
);
type JsonErrorCode = 'InvalidSymbol' | 'InvalidNumberFormat' | 'PropertyNameExpected' | 'ValueExpected' | 'ColonExpected' | 'CommaExpected' | 'CloseBraceExpected' | 'CloseBracketExpected' | 'EndOfFileExpected' | 'InvalidCommentToken' | 'UnexpectedEndOfComment' | 'UnexpectedEndOfString' | 'UnexpectedEndOfNumber' | 'InvalidUnicode' | 'InvalidEscapeCharacter' | 'InvalidCharacter';

function jsonLocator(text: string): Locator {
  let root: Spot | undefined;
  let starts: number[] | undefined;
  return {
    locate(segments, key = false) {
      root ??= indexJson(text);
      const spot = spotAt(root, segments);
      if (!spot) return undefined;
      starts ??= lineStarts(text);
      return positionAt(starts, key && spot.key >= 0 ? spot.key : spot.value);
    },
  };
}

// keys are checked for uniqueness here, in linear time: the library's own check compares each key with every earlier one
const YAML_OPTIONS = { uniqueKeys: false, strict: true, prettyErrors: false, maxAliasCount: 100 } as const;

function parseYaml(text: string, lang: Lang): Parsed {
  const { LineCounter, parseDocument, visit } = modules.yaml();
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter, keepSourceTokens: true });
  } catch (error) {
    return { ok: false, problems: [yamlThrown(error, lang)] };
  }
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.some((issue) => isStackOverflow(issue.message))) return { ok: false, problems: [budgetProblem('depth', lang)] };
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.slice(0, 5).map((issue): InputProblem => {
        const at = lineCounter.linePos(issue.pos[0]);
        const code = issue.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax';
        return { path: '', code, message: msg(lang, 'input.yaml-syntax', { detail: yamlIssue(issue.code, lang) }), line: at.line, column: at.col };
      }),
    };
  }
  const duplicates = yamlDuplicateKeys(doc, lineCounter, lang);
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  const over = yamlBudget(doc);
  if (over) return { ok: false, problems: [budgetProblem(over, lang)] };
  const precision: InputProblem[] = [];
  visit(doc, {
    Scalar(_, node) {
      const source = node.srcToken && 'source' in node.srcToken ? node.srcToken.source : undefined;
      if (typeof node.value === 'number' && source && /^[-+]?[\d._]+([eE][-+]?\d+)?$/.test(source) && losesPrecision(source.replace(/_/g, ''))) {
        const at = lineCounter.linePos(node.range?.[0] ?? 0);
        precision.push({ path: '', code: 'precision', message: msg(lang, 'input.precision', { number: source, digits: 15 }), line: at.line, column: at.col });
      }
    },
  });
  if (precision.length > 0) return { ok: false, problems: precision };
  try {
    const value = doc.toJS({ maxAliasCount: 100 });
    return { ok: true, value, locator: yamlLocator(doc, lineCounter) };
  } catch (error) {
    return { ok: false, problems: [yamlThrown(error, lang)] };
  }
}

// the library's composer and toJS recurse: a file nested thousands deep overflows the stack before any budget is counted
const isStackOverflow = (message: string) => /call stack/i.test(message);

/** The library's messages are English: each issue is told by its code, in the catalogue's words. */
function yamlIssue(code: string, lang: Lang): string {
  const id = `input.yaml-${code}`;
  return Object.hasOwn(MESSAGES, id) ? msg(lang, id as 'input.yaml-BAD_INDENT') : msg(lang, 'input.yaml-unknown', { code });
}

/** An error the library threw rather than listed: too deep, too many aliases, an alias without its anchor. */
function yamlThrown(error: unknown, lang: Lang): InputProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (isStackOverflow(message)) return budgetProblem('depth', lang);
  const code = /alias count/i.test(message) ? 'RESOURCE_EXHAUSTION' : /Unresolved alias/i.test(message) ? 'BAD_ALIAS' : (error as { code?: string }).code ?? 'IMPOSSIBLE';
  return { path: '', code: 'syntax', message: msg(lang, 'input.yaml-error', { detail: yamlIssue(code, lang) }) };
}

/** Keys repeated in one mapping (compared as the strings they become in JSON), the first five, with positions. */
function yamlDuplicateKeys(doc: Document, lineCounter: LineCounter, lang: Lang): InputProblem[] {
  const { isScalar, visit } = modules.yaml();
  const problems: InputProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const at = lineCounter.linePos(pair.key.range?.[0] ?? 0);
          const shown = key.length > 60 ? key.slice(0, 60) + '…' : key;
          problems.push({ path: '', code: 'duplicate-key', message: msg(lang, 'input.yaml-duplicate', { detail: shown }), line: at.line, column: at.col });
        }
        seen.add(key);
      }
      return problems.length >= 5 ? visit.BREAK : undefined;
    },
  });
  return problems;
}

/**
 * Keys and list items as the document would expand them, each alias as often as it is used, and nesting:
 * counted by walking the tree with aliases followed, stopping at the budget, so a small file whose anchors
 * expand to millions of values costs at most the budget's steps.
 */
export function yamlBudget(doc: Document): 'keys' | 'depth' | undefined {
  const { isAlias, isMap, isPair, isSeq } = modules.yaml();
  let count = 0;
  const pending: [unknown, number][] = [[doc.contents, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (isAlias(node)) {
      pending.push([node.resolve(doc), depth]);
    } else if (isMap(node) || isSeq(node)) {
      if (depth >= BUDGETS.depth) return 'depth';
      count += node.items.length;
      if (count > BUDGETS.keys) return 'keys';
      for (const item of node.items) {
        if (isPair(item)) pending.push([item.key, depth + 1], [item.value, depth + 1]);
        else pending.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

function yamlLocator(doc: Document, lineCounter: LineCounter): Locator {
  const { isMap, isScalar } = modules.yaml();
  return {
    locate(segments, key = false) {
      const path = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      let offset: number | undefined;
      if (key && path.length > 0) {
        const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path.at(-1)));
          if (pair && isScalar(pair.key)) offset = pair.key.range?.[0];
        }
      } else {
        const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
        offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      }
      if (offset === undefined) return undefined;
      const at = lineCounter.linePos(offset);
      return { line: at.line, column: at.col };
    },
  };
}
