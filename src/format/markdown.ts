import type { Finding, ScoreResult } from '../engine/model.js';
import { CATEGORIES } from '../rules/model.js';
import { markdownCode, markdownText as escapeMarkdown } from './escape.js';
import { CATEGORY_LABELS } from './report/words.js';
import type { FormatOptions } from './registry.js';

/** A PR comment stays readable: at most this many failures are listed. */
const LISTED = 30;

const WORDS = {
  zh: {
    title: 'eduduty 评价结果',
    ok: '✅ 未发现未通过项',
    bad: (n: number) => `❌ ${n} 项未通过`,
    counts: (s: ScoreResult['summary']) => `${s.files} 个文件 · ${s.regions} 个地区 · ${s.pass} 项通过 · ${s.fail} 项未通过（${s.errors} 个错误，${s.warnings} 个警告） · ${s.missing} 项缺少数据${s.waived ? ` · ${s.waived} 项已豁免` : ''}`,
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
    bad: (n: number) => `❌ ${n} failed`,
    counts: (s: ScoreResult['summary']) => `${s.files} files · ${s.regions} regions · ${s.pass} passed · ${s.fail} failed (${s.errors} errors, ${s.warnings} warnings) · ${s.missing} missing${s.waived ? ` · ${s.waived} waived` : ''}`,
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

/** A summary sized for a pull-request comment or a CI job summary. */
export function formatMarkdown(result: ScoreResult, options: FormatOptions): string {
  const w = WORDS[options.lang];
  const s = result.summary;
  const out = [`## ${w.title} — ${markdownCode(result.profile)}`, '', `**${s.fail > 0 || s.invalid > 0 ? w.bad(s.fail) : w.ok}** · ${w.counts(s)}`, ''];
  const invalid = result.files.filter((f) => !f.valid);
  if (invalid.length > 0) {
    out.push(`### ${w.invalid}`, '');
    for (const file of invalid) {
      const e = file.errors[0];
      out.push(`- ${markdownCode(file.file)}${e?.line !== undefined ? `:${e.line}:${e.column}` : ''} ${e?.path ? `${markdownCode(e.path)} ` : ''}${escapeMarkdown(e?.message ?? '')}`);
    }
    out.push('');
  }
  const failures: { file: string; finding: Finding }[] = result.files.flatMap((f) => f.findings.filter((x) => x.status === 'fail').map((finding) => ({ file: f.file, finding })));
  if (failures.length > 0) {
    const byCategory = CATEGORIES.map((c) => [c, failures.filter((f) => f.finding.category === c).length] as const).filter(([, n]) => n > 0);
    out.push(`| ${w.category} | ${w.count} |`, '| --- | ---: |', ...byCategory.map(([c, n]) => `| ${CATEGORY_LABELS[c][options.lang]} | ${n} |`), '');
    out.push(`### ${w.failures}`, '', `| | ${w.region} | ${w.rule} | ${w.problem} |`, '| --- | --- | --- | --- |');
    const sorted = [...failures].sort((a, b) => (a.finding.severity === b.finding.severity ? 0 : a.finding.severity === 'error' ? -1 : 1));
    for (const { finding } of sorted.slice(0, LISTED)) {
      out.push(`| ${finding.severity === 'error' ? '❌' : '⚠️'} | ${escapeMarkdown(`${finding.region.name} ${finding.region.code}`)} | ${markdownCode(finding.rule, 'table')} | ${escapeMarkdown(finding.message)} |`);
    }
    if (failures.length > LISTED) out.push('', w.more(failures.length - LISTED));
    out.push('');
  }
  return out.join('\n');
}
