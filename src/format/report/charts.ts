import type * as echarts from 'echarts';
import { modules } from '../../modules.js';
import { plainText } from '../escape.js';
import type { Report } from '../../report/model.js';
import { CATEGORIES } from '../../rules/model.js';
import { CATEGORY_LABELS } from './words.js';

/** ColorBrewer YlOrRd: ordered light to dark, readable in greyscale and by colour-blind readers. */
const SEQUENTIAL = ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];
const BAR = '#2c5d8f';
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function renderSvg(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = modules.echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    // labels are region names: no mark may reorder what the chart shows
    return plainText(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Failures per city and category, numbers printed in the cells so colour is never the only cue. */
export function failureHeatmap(report: Report): string {
  const lang = report.lang;
  const cities = [...report.cities].sort((a, b) => (a.code < b.code ? 1 : -1));
  const values = cities.flatMap((city, y) => CATEGORIES.map((category, x) => [x, y, city.fails[category]] as const));
  const max = Math.max(1, ...values.map((d) => d[2]));
  // dark cells get white numbers so the count stays readable at contrast ≥ 4.5:1
  const data = values.map(([x, y, v]) => ({ value: [x, y, v], label: { color: v >= max * 0.6 ? '#fff' : '#111' } }));
  const height = 90 + cities.length * 28;
  return renderSvg(760, height, {
    grid: { left: 110, right: 90, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: CATEGORIES.map((c) => CATEGORY_LABELS[c][lang]), position: 'top', splitArea: { show: true }, axisLabel: { color: '#222' } },
    yAxis: { type: 'category', data: cities.map((c) => c.name), splitArea: { show: true }, axisLabel: { color: '#222' } },
    visualMap: { min: 0, max, calculable: false, orient: 'vertical', right: 10, top: 'middle', text: [String(max), '0'], inRange: { color: SEQUENTIAL }, textStyle: { color: '#222' } },
    series: [{ type: 'heatmap', data, label: { show: true }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  });
}

/** Pass rate of every rule with failures, lowest first. */
export function passRateBars(report: Report): string {
  const rules = report.rules.filter((r) => r.failing > 0 && r.passRate !== null).sort((a, b) => b.passRate! - a.passRate! || (a.rule < b.rule ? 1 : -1));
  if (rules.length === 0) return '';
  const height = 60 + rules.length * 20;
  const min = Math.max(0, Math.floor(Math.min(...rules.map((r) => r.passRate!)) / 10) * 10 - 10);
  return renderSvg(760, height, {
    grid: { left: 300, right: 60, top: 20, bottom: 30 },
    xAxis: { type: 'value', min, max: 100, axisLabel: { formatter: '{value}%', color: '#222' } },
    yAxis: { type: 'category', data: rules.map((r) => r.rule), axisLabel: { color: '#222', fontSize: 11 } },
    series: [{ type: 'bar', data: rules.map((r) => Number(r.passRate!.toFixed(1))), itemStyle: { color: BAR }, label: { show: true, position: 'right', formatter: '{c}%', color: '#222', fontSize: 11 }, barWidth: 12 }],
  });
}
