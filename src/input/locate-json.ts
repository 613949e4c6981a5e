import { pointerOf } from './model.js';

/** Where a value starts and, for an object member, where its key starts (-1 for array items and the root). */
export interface Spot {
  value: number;
  key: number;
}

/** Strings and structural characters: a native global search that skips numbers, literals and whitespace. */
const TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\],:]/g;

interface Container {
  pointer: string;
  array: boolean;
  index: number;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/**
 * The offset of every value of a JSON text that JSON.parse has accepted, by JSON pointer: one native-regex pass
 * over strings and punctuation, no tree. It is built only when something asks for a position (a failure that an
 * output prints, an invalid value), once per file.
 */
export function indexJson(text: string): Map<string, Spot> {
  const spots = new Map<string, Spot>();
  const stack: Container[] = [];
  let last = '';
  spots.set(last, { value: skipSpace(text, 0), key: -1 });
  let key: string | undefined;
  let keyAt = -1;
  const item = (parent: Container, after: number) => {
    const at = skipSpace(text, after);
    if (text.charCodeAt(at) === 0x5d) return; // an empty array
    last = `${parent.pointer}/${parent.index}`;
    spots.set(last, { value: at, key: -1 });
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const token = match[0];
    const parent = stack[stack.length - 1];
    switch (token) {
      case '{':
      case '[': {
        const container = { pointer: last, array: token === '[', index: 0 };
        stack.push(container);
        if (container.array) item(container, match.index + 1);
        key = undefined;
        break;
      }
      case '}':
      case ']':
        stack.pop();
        break;
      case ',':
        if (parent?.array) {
          parent.index++;
          item(parent, match.index + 1);
        } else key = undefined;
        break;
      case ':':
        if (parent && key !== undefined) {
          last = parent.pointer + pointerOf([key]);
          spots.set(last, { value: skipSpace(text, match.index + 1), key: keyAt });
        }
        break;
      default:
        // a string: an object's key when no key is pending, else a value
        if (parent && !parent.array && key === undefined) {
          key = token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
          keyAt = match.index;
        }
    }
  }
  return spots;
}
