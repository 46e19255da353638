import { useEffect, useRef, type ReactNode } from 'react';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Campaign } from '../api';

echarts.use([ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** One dot per attempt on a time axis; the attempt's own recipients (when visible) set its size. */
export function AttemptTimeline({ attempts }: { attempts: Campaign['attemptList'] }): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 20, top: 20, bottom: 40 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'recipients', minInterval: 1, min: 0 },
      tooltip: { trigger: 'item', formatter: (p: { data: [string, number, string] }) => `${p.data[2]}<br/>${p.data[0].slice(0, 16).replace('T', ' ')}` },
      series: [{
        type: 'scatter',
        symbolSize: 14,
        itemStyle: { color: '#c0392b' },
        data: attempts.map((a) => [a.firstSeen, Math.max(1, a.recipients.length), (a.subject ?? 'attempt at another organisation').replace(/[<>&]/g, '')]),
      }],
    });
    const resize = (): void => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [attempts]);
  return <div ref={el} className="chart" role="img" aria-label={`Timeline of ${attempts.length} attempts`} />;
}
