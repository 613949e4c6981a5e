import type { Lang } from '../catalogue/catalogue.js';
import { msg } from '../text/messages.js';
import type { InputProblem } from './model.js';

export interface DecodedText {
  text: string;
  warnings: InputProblem[];
}

import { Buffer, isUtf8 } from 'node:buffer';

/**
 * Bytes to text. UTF-8 with or without a BOM is the format's encoding; files saved by Excel or Notepad on
 * Chinese Windows are often GBK/GB18030 or UTF-16, so those are decoded too, with a warning saying so.
 */
export function decodeText(bytes: Uint8Array, lang: Lang): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le', lang);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be', lang);
  if (isUtf8(bytes)) {
    // the native check and decoder: this runs on every file of a batch
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, warnings: [] };
  }
  {
    const text = new TextDecoder('gb18030').decode(bytes);
    return {
      text,
      warnings: [
        {
          path: '',
          code: 'encoding',
          message: msg(lang, 'input.not-utf8'),
        },
      ],
    };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', lang: Lang): DecodedText {
  return {
    text: new TextDecoder(encoding).decode(bytes),
    warnings: [{ path: '', code: 'encoding', message: msg(lang, 'input.utf16', { encoding: encoding.toUpperCase() }) }],
  };
}
