import type { Report } from '../../report/model.js';
import { formatFeedbackHtml, formatReportHtml } from './html.js';
import { formatFeedbackJson, formatReportJson } from './json.js';
import { formatFeedbackMarkdown, formatReportMarkdown, type ReportFormatOptions } from './markdown.js';

export type ReportFormatter = (report: Report, options?: ReportFormatOptions) => string;

export const REPORT_FORMATTERS = {
  markdown: formatReportMarkdown,
  html: formatReportHtml,
  json: formatReportJson,
} as const satisfies Record<string, ReportFormatter>;

export type ReportFormatName = keyof typeof REPORT_FORMATTERS;

/** 逐市反馈 on its own, in the report's format. */
export const FEEDBACK_FORMATTERS: Record<ReportFormatName, (report: Report) => string> = {
  markdown: formatFeedbackMarkdown,
  html: formatFeedbackHtml,
  json: formatFeedbackJson,
};
