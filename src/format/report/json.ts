import type { Report } from '../../report/model.js';
import type { ReportFormatOptions } from './markdown.js';

/** The aggregate model itself, for other tools: sections → problems → quantifiers, nouns, regions, counts. */
export function formatReportJson(report: Report, options: ReportFormatOptions = {}): string {
  const { feedback, ...rest } = report;
  return JSON.stringify(options.feedback === false ? rest : { ...rest, feedback }, null, 2) + '\n';
}

/** 逐市反馈 alone: each city's failing regions with their findings. */
export function formatFeedbackJson(report: Report): string {
  return JSON.stringify({ tool: report.tool, profile: report.profile, years: report.years, feedback: report.feedback }, null, 2) + '\n';
}
