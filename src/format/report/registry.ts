import type { Report } from '../../report/model.js';
import { formatReportHtml } from './html.js';
import { formatReportJson } from './json.js';
import { formatReportMarkdown } from './markdown.js';

export type ReportFormatter = (report: Report) => string;

export const REPORT_FORMATTERS = {
  markdown: formatReportMarkdown,
  html: formatReportHtml,
  json: formatReportJson,
} as const satisfies Record<string, ReportFormatter>;

export type ReportFormatName = keyof typeof REPORT_FORMATTERS;
