import type { ScoreResult } from '../engine/model.js';
import { workflowData as escapeData, workflowProperty as escapeProperty } from './escape.js';
import type { FormatOptions } from './registry.js';

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
export function formatGithub(result: ScoreResult, _options: FormatOptions): string {
  const lines: string[] = [];
  for (const file of result.files) {
    for (const problem of file.errors) {
      lines.push(command('error', { file: file.file, line: problem.line, col: problem.column, title: 'eduduty: invalid input' }, problem.path ? `${problem.path}: ${problem.message}` : problem.message));
    }
    for (const finding of file.findings) {
      if (finding.status !== 'fail') continue;
      lines.push(
        command(
          finding.severity,
          { file: file.file, line: finding.location?.line, col: finding.location?.column, title: `${finding.rule} (${finding.region.name} ${finding.region.code})` },
          `${finding.message} [${finding.source}]`,
        ),
      );
    }
  }
  const s = result.summary;
  lines.push(`eduduty: ${s.fail} failed (${s.errors} errors, ${s.warnings} warnings), ${s.pass} passed, ${s.missing} missing, ${s.invalid} invalid files`);
  return lines.join('\n') + '\n';
}
