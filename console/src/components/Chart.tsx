/** A small ECharts canvas (bar or line), imported per component so the bundle carries only what it draws. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function Chart({ kind, labels, values, height = 220, testId, format }: {
  kind: 'bar' | 'line';
  labels: string[];
  values: number[];
  height?: number;
  testId?: string;
  format?: (value: number) => string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>();
  useEffect(() => {
    if (!el.current) return undefined;
    chart.current = echarts.init(el.current);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({
      grid: { left: 64, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: format ? (v: unknown) => format(Number(v)) : undefined },
      xAxis: { type: 'category', data: labels },
      // An axisLabel of undefined would hide the default labels: set it only with a format.
      yAxis: { type: 'value', ...(format ? { axisLabel: { formatter: (v: number) => format(v) } } : {}) },
      series: [{ type: kind, data: values, itemStyle: { color: '#1d5fbf' }, smooth: kind === 'line' }],
    });
  }, [kind, labels, values, format]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
