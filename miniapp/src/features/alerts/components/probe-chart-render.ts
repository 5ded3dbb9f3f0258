import type { ProbeResult } from '@dingops/shared/probes';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what this chart draws (UI.md §4): the full package would add ~190 kB gzipped.
use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** DingTalk tokens (UI.md §1): brand blue line, green/orange/red marks for up/slow/down. */
const colors = { line: '#005FFF', up: '#00BB55', slow: '#FD9100', down: '#F2510C', threshold: 'rgba(24,28,31,.4)' } as const;

export interface ProbeChartInput {
  items: readonly ProbeResult[];
  slowMs: number | null;
  /** The window shown, so 24 h looks like 24 h even with few checks. */
  from: string;
  to: string;
  locale: 'zh-CN' | 'en';
  names: { response: string; down: string; slowLine: string; outcome: Record<ProbeResult['outcome'], string> };
}

type Point = { value: [string, number | null]; result: ProbeResult; itemStyle: { color: string } };

function tooltipOf(point: Point, input: ProbeChartInput): string {
  const { result } = point;
  const time = new Date(result.at).toLocaleString(input.locale, { hour12: false });
  const detail = [result.responseMs === null ? null : `${result.responseMs} ms`, result.statusCode === null ? null : `HTTP ${result.statusCode}`, result.error].filter(Boolean).join(' · ');
  const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `${escape(time)}<br/>${escape(input.names.outcome[result.outcome])}${detail ? `：${escape(detail)}` : ''}`;
}

/** Draws the response-time line with up/slow/down marks into `element`; returns the clean-up. */
export function renderProbeChart(element: HTMLElement, input: ProbeChartInput): () => void {
  const chart = init(element, undefined, { renderer: 'canvas', locale: input.locale === 'en' ? 'EN' : 'ZH' });
  const points: Point[] = input.items.map((result) => ({ value: [result.at, result.responseMs], result, itemStyle: { color: colors[result.outcome] } }));
  // Down checks often have no response time: mark them on the axis so outages show.
  const downMarks: Point[] = input.items.filter((result) => result.outcome === 'down').map((result) => ({ value: [result.at, 0], result, itemStyle: { color: colors.down } }));
  chart.setOption({
    animation: false,
    grid: { left: 48, right: 12, top: 16, bottom: 28 },
    tooltip: { trigger: 'item', confine: true, formatter: (params: { data: Point }) => tooltipOf(params.data, input) },
    xAxis: { type: 'time', min: input.from, max: input.to },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value} ms' } },
    series: [
      { name: input.names.response, type: 'line', data: points, showSymbol: true, symbolSize: 5, connectNulls: false, lineStyle: { color: colors.line, width: 1.5 }, itemStyle: { color: colors.line } },
      { name: input.names.down, type: 'line', data: downMarks, symbol: 'triangle', symbolSize: 9, lineStyle: { opacity: 0 }, z: 3 },
      ...(input.slowMs !== null
        ? [{ name: input.names.slowLine, type: 'line', data: [[input.from, input.slowMs], [input.to, input.slowMs]], symbol: 'none', silent: true, tooltip: { show: false }, lineStyle: { color: colors.threshold, type: 'dashed', width: 1 } }]
        : []),
    ],
  });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(element);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
