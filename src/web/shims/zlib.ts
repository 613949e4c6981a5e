import { Inflate } from 'pako';

/** `inflateRawSync` with Node's `maxOutputLength`: stops as soon as the output would pass it. */
export function inflateRawSync(data: Uint8Array, options: { maxOutputLength: number }): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const inflate = new Inflate({ raw: true, chunkSize: 64 * 1024 });
  inflate.onData = (chunk: Uint8Array) => {
    length += chunk.length;
    if (length > options.maxOutputLength) throw Object.assign(new Error('output too large'), { code: 'ERR_BUFFER_TOO_LARGE' });
    chunks.push(chunk);
  };
  inflate.push(data, true);
  if (inflate.err) throw new Error(inflate.msg || 'invalid deflate data');
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
