import { Buffer } from 'buffer';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Node's `buffer.isUtf8`, by a decoder that refuses malformed input. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export { Buffer };
