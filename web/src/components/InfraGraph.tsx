import cytoscape from 'cytoscape';
import { useEffect, useRef, type ReactNode } from 'react';
import type { Campaign } from '../api';
import { defangHost } from './defang';

/** Attempts ↔ the infrastructure they share (IPs, domains, hashes…) ↔ the actors intel links it to. */
export function InfraGraph({ campaign }: { campaign: Campaign }): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return;
    const nodes: cytoscape.ElementDefinition[] = [];
    const edges: cytoscape.ElementDefinition[] = [];
    campaign.attemptList.forEach((a, i) => nodes.push({ data: { id: `a:${a.id}`, label: a.subject ?? `attempt ${i + 1}`, kind: 'attempt' } }));
    for (const inf of campaign.infrastructure) {
      const id = `i:${inf.type}:${inf.value}`;
      nodes.push({ data: { id, label: `${inf.type}\n${defangHost(inf.value).slice(0, 40)}`, kind: 'infra' } });
      for (const a of inf.attempts) edges.push({ data: { id: `${id}->${a}`, source: `a:${a}`, target: id } });
    }
    for (const at of campaign.attribution) {
      const id = `x:${at.actor}`;
      nodes.push({ data: { id, label: `${at.actor} (${at.confidence})`, kind: 'actor' } });
      for (const ev of at.evidence) {
        const target = `i:${String(ev.type)}:${String(ev.value)}`;
        if (nodes.some((n) => n.data.id === target)) edges.push({ data: { id: `${id}->${target}`, source: target, target: id } });
      }
    }
    const known = new Set(nodes.map((n) => n.data.id));
    const cy = cytoscape({
      container: el.current,
      elements: [...nodes, ...edges.filter((e) => known.has(String(e.data.source)) && known.has(String(e.data.target)))],
      layout: { name: 'cose', animate: false, padding: 24, nodeRepulsion: () => 120_000, idealEdgeLength: () => 70, nodeOverlap: 20 } as cytoscape.LayoutOptions,
      userZoomingEnabled: true,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 8, 'min-zoomed-font-size': 6, color: '#334', 'text-wrap': 'wrap', 'text-max-width': '120px', 'text-valign': 'bottom', width: 18, height: 18 } },
        { selector: 'node[kind = "attempt"]', style: { 'background-color': '#c0392b', shape: 'ellipse' } },
        { selector: 'node[kind = "infra"]', style: { 'background-color': '#2c6fbb', shape: 'round-rectangle' } },
        { selector: 'node[kind = "actor"]', style: { 'background-color': '#6c3483', shape: 'diamond', width: 26, height: 26 } },
        { selector: 'edge', style: { width: 1, 'line-color': '#9aa5b1' } },
      ],
    });
    return () => cy.destroy();
  }, [campaign]);
  return <div ref={el} className="graph" role="img" aria-label="Infrastructure graph: attempts, shared infrastructure and actors" data-testid="infra-graph" />;
}
