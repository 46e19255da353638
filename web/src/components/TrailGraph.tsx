import cytoscape from 'cytoscape';
import { useEffect, useRef, type ReactNode } from 'react';
import type { TraceResult } from '../api';
import { btc, shortHash } from './money';

const MAX_FLOWS = 400;

/** The trail as a graph: addresses (circles; sources red, exchange deposits amber) and transactions (squares). */
export function TrailGraph({ result }: { result: TraceResult }): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return;
    const deposits = new Map<string, string>();
    for (const x of result.exchanges) for (const d of x.deposits) deposits.set(d.address, x.name);
    const nodes = new Map<string, cytoscape.ElementDefinition>();
    const edges: cytoscape.ElementDefinition[] = [];
    const addr = (a: string): string => {
      const id = `a:${a}`;
      if (!nodes.has(id)) nodes.set(id, { data: { id, label: deposits.has(a) ? `${deposits.get(a) ?? ''}\n${shortHash(a)}` : shortHash(a), kind: deposits.has(a) ? 'exchange' : result.sources.includes(a) ? 'source' : 'address' } });
      return id;
    };
    for (const f of result.flows.slice(0, MAX_FLOWS)) {
      const tx = `t:${f.txid}`;
      if (!nodes.has(tx)) nodes.set(tx, { data: { id: tx, label: `hop ${f.hop}`, kind: 'tx' } });
      if (result.direction === 'forward') {
        for (const a of f.from) edges.push({ data: { id: `${a}>${tx}`, source: addr(a), target: tx } });
        edges.push({ data: { id: `${tx}>${f.to}:${f.n}`, source: tx, target: addr(f.to), label: btc(f.taintedValue) } });
      } else {
        for (const a of f.from) edges.push({ data: { id: `${a}>${tx}:${f.n}`, source: addr(a), target: tx, label: btc(f.taintedValue) } });
        edges.push({ data: { id: `${tx}>${f.to}`, source: tx, target: addr(f.to) } });
      }
    }
    const seen = new Set<string>();
    const uniq = edges.filter((e) => (seen.has(String(e.data.id)) ? false : (seen.add(String(e.data.id)), true)));
    const cy = cytoscape({
      container: el.current,
      elements: [...nodes.values(), ...uniq],
      layout: { name: 'breadthfirst', directed: true, spacingFactor: 0.9, animate: false } as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 7, 'text-wrap': 'wrap', 'text-valign': 'bottom', color: '#334', width: 14, height: 14, 'background-color': '#7f8c9a' } },
        { selector: 'node[kind = "tx"]', style: { shape: 'round-rectangle', 'background-color': '#2c6fbb', width: 10, height: 10 } },
        { selector: 'node[kind = "source"]', style: { 'background-color': '#c0392b', width: 20, height: 20 } },
        { selector: 'node[kind = "exchange"]', style: { 'background-color': '#e6a23c', width: 20, height: 20 } },
        { selector: 'edge', style: { width: 1, 'line-color': '#9aa5b1', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa5b1', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 6 } },
      ],
    });
    return () => cy.destroy();
  }, [result]);
  const more = result.flows.length > MAX_FLOWS ? result.flows.length - MAX_FLOWS + result.flowsOmitted : result.flowsOmitted;
  return (
    <>
      <div ref={el} className="graph trail" role="img" aria-label="The trail: addresses and transactions from the sources to the exchanges" data-testid="trail-graph" />
      {more > 0 && <p className="muted">{more} more flows are in the JSON result and not drawn.</p>}
    </>
  );
}
