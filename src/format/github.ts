import { msg } from '../text/messages.js';
import { workflowData as escapeData, workflowProperty as escapeProperty } from './escape.js';
import { placeText } from './location.js';
import type { FormatOptions } from './registry.js';
import { formatWhole, type FormatStream } from './stream.js';

function command(kind: 'error' | 'warning', props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind} ${list}::${escapeData(message)}`;
}

/**
 * GitHub Actions workflow commands: an annotation per failure and per invalid input, on its file and line.
 * The CLI also appends the Markdown summary to $GITHUB_STEP_SUMMARY when that is set.
 */
export function githubStream(options: FormatOptions): FormatStream {
  const { lang } = options;
  return {
    begin: () => '',
    file(file) {
      let lines = '';
      for (const problem of file.errors) {
        const where = problem.cell ? placeText(problem) : problem.path;
        lines += command('error', { file: file.file, line: problem.line, col: problem.column, title: 'eduduty: invalid input' }, where ? `${where}: ${problem.message}` : problem.message) + '\n';
      }
      for (const finding of file.findings) {
        if (finding.status !== 'fail' && finding.status !== 'invalid') continue;
        const at = finding.location;
        // an annotation has no place for a cell: a workbook's is named in the text
        const cell = at?.cell ? `${placeText(at)}: ` : '';
        lines += command(finding.status === 'invalid' ? 'error' : finding.severity, { file: file.file, line: at?.line, col: at?.column, title: `${finding.rule} (${finding.region.name} ${finding.region.code})` }, `${cell}${finding.message} [${finding.source}]`) + '\n';
      }
      return lines;
    },
    end({ summary: s }) {
      const counts = { fail: s.fail, errors: s.errors, warnings: s.warnings, pass: s.pass, missing: s.missing, missingErrors: s.missingErrors ?? 0, invalidFindings: s.invalidFindings ?? 0, invalid: s.invalid };
      return `eduduty${msg(lang, 'config.colon')}${msg(lang, 'score.github-summary', counts)}\n`;
    },
  };
}

export const formatGithub = formatWhole(githubStream);
