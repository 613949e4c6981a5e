import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// the charts of the province report only, rendered to SVG strings as on the server
echarts.use([HeatmapChart, BarChart, GridComponent, VisualMapComponent, SVGRenderer]);
(globalThis as { echarts?: unknown }).echarts = echarts;
