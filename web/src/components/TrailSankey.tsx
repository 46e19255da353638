import { SankeyChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';
import type { TraceResult } from '../api';
import { btc } from './money';

echarts.use([SankeyChart, TooltipComponent, CanvasRenderer]);

/** Where the traced value ended, as a Sankey: the sources on the left, each exchange and every other end on the right. */
export function TrailSankey({ result }: { result: TraceResult }): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return;
    const a = result.accounting;
    const src = result.direction === 'forward' ? 'Traced funds' : 'Traced outputs';
    const ends: [string, number][] = [
      ...result.exchanges.map((x) => [`${x.name} (exchange)`, x.taintedValue] as [string, number]),
      ['Other stop categories', Number(a.stopped ?? 0)], ['Unspent', Number(a.unspent ?? 0)], ['Beyond the hop limit', Number(a.beyondHops ?? 0)],
      ['Dust (not followed)', Number(a.dust ?? 0)], ['Work limit', Number(a.workLimit ?? 0)], ['Mined (coinbase)', Number(a.coinbase ?? 0)],
      ['Unresolved inputs', Number(a.unresolved ?? 0)], ['Outside --until', Number(a.until ?? 0)], ['Miner fees', Number(a.fees ?? 0)],
    ];
    const shown = ends.filter(([, v]) => v > 0);
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: (p: { name?: string; value?: number; data?: { source?: string; target?: string } }) => `${p.data?.target ?? p.name ?? ''}: ${btc((p.value ?? 0) * 1e8)} BTC` },
      series: [{
        type: 'sankey', left: 8, right: 160, top: 8, bottom: 8, nodeGap: 10, emphasis: { focus: 'adjacency' },
        data: [{ name: src }, ...shown.map(([n]) => ({ name: n }))],
        links: shown.map(([n, v]) => ({ source: src, target: n, value: v / 1e8 })),
        lineStyle: { color: 'gradient', curveness: 0.5 }, label: { fontSize: 11 },
      }],
    });
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [result]);
  return <div ref={el} className="chart sankey" role="img" aria-label="Where the traced value ended: exchanges, unspent, fees" data-testid="trail-sankey" />;
}
