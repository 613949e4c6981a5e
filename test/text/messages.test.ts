import { describe, expect, it } from 'vitest';
import { MESSAGE_AREAS, MESSAGES, msg } from '../../src/text/messages.js';
import { didYouMean } from '../../src/text/suggest.js';

const placeholders = (template: string) => [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('keeps every area to its own id prefix, so no area overrides another', () => {
    const seen = new Set<string>();
    for (const area of MESSAGE_AREAS) {
      const ids = Object.keys(area);
      const prefixes = new Set(ids.map((id) => id.split('.')[0]));
      expect(prefixes.size).toBe(1);
      for (const id of ids) {
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(Object.keys(MESSAGES).length);
  });

  it('has every message in both languages with the same placeholders, English without Chinese', () => {
    for (const [id, entry] of Object.entries(MESSAGES)) {
      expect(entry.zh.trim(), id).not.toBe('');
      expect(entry.en.trim(), id).not.toBe('');
      expect(placeholders(entry.zh), id).toEqual(placeholders(entry.en));
      // the words a clerk writes in a cell or a header (是, 否, 上年) are quoted as written
      expect(/[\u4e00-\u9fff]/.test(entry.en.replace(/是|否|（上年）/g, '')), `${id} en has Chinese`).toBe(false);
    }
  });

  it('fills named placeholders and leaves other braces as text', () => {
    expect(msg('en', 'input.expect-yoy', { unit: '%' })).toBe('an object { "current": n, "previous": n } (year-over-year, %)');
    expect(msg('zh', 'cli.unknown-profile', { profile: 'x', hint: '', names: 'a、b' })).toBe('未知方案“x”；可用方案：a、b');
  });

  it('suggests in the language asked', () => {
    expect(didYouMean('profle', ['profile', 'rules'], 'en')).toBe(' (did you mean "profile"?)');
    expect(didYouMean('profle', ['profile', 'rules'], 'zh')).toBe('（是否想写“profile”？）');
    expect(didYouMean('zzzzzz', ['profile'], 'zh')).toBe('');
  });
});
