import type { Report } from '../../report/model.js';

/** The aggregate model itself, for other tools: categories → problems → quantifiers, regions, counts. */
export function formatReportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
