import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/engine/model.js';
import { buildScoreResult } from '../../src/engine/score.js';
import { formatJson, type JsonOptions } from '../../src/format/json.js';
import { formatNdjson } from '../../src/format/ndjson.js';
import { jsonWriter, ndjsonWriter, type StreamWriter, type TextSink } from '../../src/format/stream.js';
import { newest, scorerFor } from '../support/context.js';

async function stream(make: (sink: TextSink, options: JsonOptions) => StreamWriter, result: ScoreResult, options: JsonOptions = {}): Promise<string> {
  let text = '';
  const writer = make({ write: async (t) => void (text += t), close: async () => undefined }, options);
  await writer.begin({ tool: result.tool, profile: result.profile, rules: result.rules });
  for (const file of result.files) await writer.file(file);
  await writer.end({ summary: result.summary, waivers: result.waivers, baseline: result.baseline });
  return text;
}

describe('streamed JSON', () => {
  it('writes exactly the bytes of the whole-document formats, for no, one and several files', async () => {
    const scorer = scorerFor();
    const files = [await scorer.scoreSource({ name: 'test/fixtures/cli/370100-small.json' }), await scorer.scoreSource({ name: 'test/fixtures/cli/broken.json' })];
    for (const subset of [[], files.slice(0, 1), files]) {
      const result: ScoreResult = { ...buildScoreResult('0.1.0', newest, subset, scorer.rules) };
      const extended: ScoreResult = { ...result, waivers: [{ rule: 'r.x', regions: '*', reason: 'r', owner: 'o', expires: '2030-01-01', used: 0, expired: false }], baseline: { file: 'b.json', new: 1, existing: 2 } };
      for (const options of [{}, { indent: true }, { detail: 'full' }, { detail: 'full', indent: true }] as JsonOptions[]) {
        expect(await stream(jsonWriter, result, options)).toBe(formatJson(result, options));
        expect(await stream(ndjsonWriter, result, options)).toBe(formatNdjson(result, options));
        expect(await stream(jsonWriter, extended, options)).toBe(formatJson(extended, options));
      }
      // the compact document is the indented one without the whitespace
      expect(await stream(jsonWriter, extended)).toBe(JSON.stringify(JSON.parse(formatJson(extended, { indent: true }))) + '\n');
    }
  });
});
