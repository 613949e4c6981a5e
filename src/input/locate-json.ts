/** Where a value starts and, for an object member, where its key starts (-1 for array items and the root). */
export interface Spot {
  value: number;
  key: number;
  /** An object's members or an array's items. */
  children?: Map<string, Spot> | Spot[];
}

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  for (let at = text.indexOf('"', start + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let slashes = 0;
    while (text.charCodeAt(at - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return text.length - 1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/**
 * Where every value of a JSON text that JSON.parse has accepted starts, as a tree walked by JSON pointer
 * segments: one pass over the characters, a string skipped whole by indexOf (a backtracking pattern would
 * overflow the stack on a string of millions of characters). It is built only when something asks for a
 * position (a failure an output prints, an invalid value), once per file.
 */
export function indexJson(text: string): Spot {
  const root: Spot = { value: skipSpace(text, 0), key: -1 };
  const stack: Spot[] = [];
  let last = root;
  let key: string | undefined;
  let keyAt = -1;
  const item = (items: Spot[], after: number) => {
    const at = skipSpace(text, after);
    if (text.charCodeAt(at) === 0x5d) return; // an empty array
    last = { value: at, key: -1 };
    items.push(last);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // numbers, literals and whitespace carry no structure
    if (c !== 0x22 && c !== 0x7b && c !== 0x7d && c !== 0x5b && c !== 0x5d && c !== 0x2c && c !== 0x3a) continue;
    const parent = stack[stack.length - 1];
    switch (c) {
      case 0x7b: // {
        last.children = new Map();
        stack.push(last);
        key = undefined;
        break;
      case 0x5b: {
        // [
        const items: Spot[] = [];
        last.children = items;
        stack.push(last);
        item(items, i + 1);
        break;
      }
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: // ,
        if (Array.isArray(parent?.children)) item(parent.children, i + 1);
        else key = undefined;
        break;
      case 0x3a: // :
        if (parent?.children instanceof Map && key !== undefined) {
          last = { value: skipSpace(text, i + 1), key: keyAt };
          parent.children.set(key, last);
        }
        break;
      default: {
        // a string: an object's key when no key is pending, else a value
        const end = stringEnd(text, i);
        if (parent?.children instanceof Map && key === undefined) {
          const raw = text.slice(i, end + 1);
          key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          keyAt = i;
        }
        i = end;
      }
    }
  }
  return root;
}

/** The spot of a JSON pointer's segments, if the text has that value. */
export function spotAt(root: Spot, segments: readonly string[]): Spot | undefined {
  let spot: Spot | undefined = root;
  for (const segment of segments) {
    const children: Spot['children'] = spot?.children;
    spot = children instanceof Map ? children.get(segment) : children && /^(0|[1-9]\d*)$/.test(segment) ? children[Number(segment)] : undefined;
    if (!spot) return undefined;
  }
  return spot;
}
