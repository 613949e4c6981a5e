import { z } from 'zod';
import type { Lang } from '../catalogue/catalogue.js';

/** The report's words for how many regions share a finding, strongest first. */
export const QUANTIFIERS = ['all', 'widespread', 'vast-majority', 'majority', 'some', 'few'] as const;
export type Quantifier = (typeof QUANTIFIERS)[number];

export const QUANTIFIER_WORDS: Record<Quantifier, Record<Lang, string>> = {
  all: { zh: '各', en: 'all' },
  widespread: { zh: '普遍', en: 'nearly all' },
  'vast-majority': { zh: '大多数', en: 'the vast majority of' },
  majority: { zh: '多数', en: 'most' },
  some: { zh: '部分', en: 'some' },
  few: { zh: '个别', en: 'individual' },
};

/**
 * Count-to-word cut-offs (BACKGROUND-report-map.md §1.3; the reports define none). With 16 cities:
 * 1–2 个别, 3–8 部分, 9–10 多数, 11–15 大多数, 16 各. 普遍 is off unless given a share.
 */
export const QuantifierScale = z
  .object({
    /** Optional: says what the file is, so that a folder of data files can hold it. */
    kind: z.literal('quantifier-scale').optional(),
    /** k/n at or above this is 普遍; null turns the word off. */
    widespread: z.number().min(0).max(1).nullable().default(null),
    /** k/n at or above this is 大多数. */
    vastMajority: z.number().min(0).max(1).default(2 / 3),
    /** k/n above this is 多数. */
    majority: z.number().min(0).max(1).default(1 / 2),
    /** 个别 needs k at most this many… */
    fewCount: z.number().int().min(0).default(2),
    /** …and k/n at most this share. */
    fewShare: z.number().min(0).max(1).default(0.2),
  })
  .strict();
export type QuantifierScale = z.infer<typeof QuantifierScale>;
export const DEFAULT_SCALE: QuantifierScale = QuantifierScale.parse({});

/** The word for k failing (or passing) regions out of n assessed; none when k is 0. */
export function chooseQuantifier(k: number, n: number, scale: QuantifierScale = DEFAULT_SCALE): Quantifier | undefined {
  if (k <= 0 || n <= 0) return undefined;
  if (k >= n) return 'all';
  const share = k / n;
  if (scale.widespread !== null && share >= scale.widespread) return 'widespread';
  if (share >= scale.vastMajority) return 'vast-majority';
  if (share > scale.majority) return 'majority';
  if (k <= scale.fewCount && share <= scale.fewShare) return 'few';
  return 'some';
}

/**
 * Praise speaks in two words only: 各 when every region passes, 多数 when more than half do
 * ("各市和多数县…实现“两个只增不减”", 2020 report §一(二)); below that nothing is praised.
 */
export function choosePraiseQuantifier(passing: number, n: number, scale: QuantifierScale = DEFAULT_SCALE): Quantifier | undefined {
  if (passing <= 0 || n <= 0) return undefined;
  if (passing >= n) return 'all';
  return passing / n > scale.majority ? 'majority' : undefined;
}
