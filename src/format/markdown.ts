import type { Finding, ScoreResult } from '../engine/model.js';
import { formatNumber } from '../text/values.js';
import { CATEGORIES } from '../rules/model.js';
import { markdownCode, markdownText as escapeMarkdown } from './escape.js';
import { CATEGORY_LABELS } from './report/words.js';
import type { FormatOptions } from './registry.js';
import { formatWhole, type FormatStream } from './stream.js';

/** A PR comment stays readable: at most this many failures are listed. */
const LISTED = 30;

const n = (value: number) => formatNumber(value);

const WORDS = {
  zh: {
    title: 'eduduty 评价结果',
    ok: '✅ 未发现未通过项',
    undecided: '⚠️ 缺少数据，不能判定为通过',
    bad: (s: ScoreResult['summary']) => `❌ ${n(s.fail)} 项未通过（${n(s.errors)} 个错误，${n(s.warnings)} 个警告）`,
    counts: (s: ScoreResult['summary']) => `${n(s.files)} 个文件 · ${n(s.regions)} 个地区 · ${n(s.pass)} 项通过 · ${n(s.missing)} 项缺少数据${s.missingErrors ? `（${n(s.missingErrors)} 项为错误级规则，不能判定为通过）` : ''}${s.invalidFindings ? ` · ${n(s.invalidFindings)} 项数据无效未评价` : ''}${s.waived ? ` · ${n(s.waived)} 项已豁免` : ''}`,
    invalid: '无效文件',
    failures: '未通过项',
    region: '地区',
    rule: '规则',
    problem: '问题',
    more: (n: number) => `…另有 ${n} 项，见完整结果。`,
    category: '类别',
    count: '未通过',
  },
  en: {
    title: 'eduduty results',
    ok: '✅ Nothing failed',
    undecided: '⚠️ Missing data: cannot be judged as passing',
    bad: (s: ScoreResult['summary']) => `❌ ${n(s.fail)} failed (${n(s.errors)} errors, ${n(s.warnings)} warnings)`,
    counts: (s: ScoreResult['summary']) => `${n(s.files)} ${s.files === 1 ? 'file' : 'files'} · ${n(s.regions)} ${s.regions === 1 ? 'region' : 'regions'} · ${n(s.pass)} passed · ${n(s.missing)} missing${s.missingErrors ? ` (${n(s.missingErrors)} of error rules, not a pass)` : ''}${s.invalidFindings ? ` · ${n(s.invalidFindings)} not scored for invalid data` : ''}${s.waived ? ` · ${n(s.waived)} waived` : ''}`,
    invalid: 'Invalid files',
    failures: 'Failures',
    region: 'Region',
    rule: 'Rule',
    problem: 'Problem',
    more: (n: number) => `…and ${n} more; see the full results.`,
    category: 'Category',
    count: 'Failed',
  },
} as const;

/** What the summary lists of a failure: kept instead of the finding, so a file's findings can go. */
interface Listed {
  severity: Finding['severity'];
  line: string;
}

/**
 * A summary sized for a pull-request comment or a CI job summary. Streamed, it keeps only what it prints: the
 * counts per category, the invalid files and the first failures of each severity.
 */
export function markdownStream(options: FormatOptions): FormatStream {
  const w = WORDS[options.lang];
  const invalid: string[] = [];
  const perCategory = new Map<string, number>();
  const listed: Record<Finding['severity'], Listed[]> = { error: [], warning: [] };
  let failures = 0;
  let profile = '';
  return {
    begin(head) {
      profile = head.profile;
      return '';
    },
    file(file) {
      if (!file.valid) {
        const e = file.errors[0];
        invalid.push(`- ${markdownCode(file.file)}${e?.line !== undefined ? `:${e.line}:${e.column}` : ''} ${e?.path ? `${markdownCode(e.path)} ` : ''}${escapeMarkdown(e?.message ?? '')}`);
      }
      for (const finding of file.findings) {
        if (finding.status !== 'fail') continue;
        failures++;
        perCategory.set(finding.category, (perCategory.get(finding.category) ?? 0) + 1);
        const list = listed[finding.severity];
        if (list.length < LISTED) {
          list.push({ severity: finding.severity, line: `| ${finding.severity === 'error' ? '❌' : '⚠️'} | ${escapeMarkdown(`${finding.region.name} ${finding.region.code}`)} | ${markdownCode(finding.rule, 'table')} | ${escapeMarkdown(finding.message)} |` });
        }
      }
      return '';
    },
    end({ summary: s }) {
      const out = [`## ${w.title} — ${markdownCode(profile)}`, '', `**${s.fail > 0 || s.invalid > 0 ? w.bad(s) : s.missingErrors || s.invalidFindings ? w.undecided : w.ok}** · ${w.counts(s)}`, ''];
      if (invalid.length > 0) out.push(`### ${w.invalid}`, '', ...invalid, '');
      if (failures > 0) {
        const byCategory = CATEGORIES.map((c) => [c, perCategory.get(c) ?? 0] as const).filter(([, n]) => n > 0);
        out.push(`| ${w.category} | ${w.count} |`, '| --- | ---: |', ...byCategory.map(([c, n]) => `| ${CATEGORY_LABELS[c][options.lang]} | ${n} |`), '');
        out.push(`### ${w.failures}`, '', `| | ${w.region} | ${w.rule} | ${w.problem} |`, '| --- | --- | --- | --- |');
        // errors before warnings, each in the order they came
        for (const { line } of [...listed.error, ...listed.warning].slice(0, LISTED)) out.push(line);
        if (failures > LISTED) out.push('', w.more(failures - LISTED));
        out.push('');
      }
      return out.join('\n');
    },
  };
}

export const formatMarkdown = formatWhole(markdownStream);
