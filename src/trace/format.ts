import { TRACE_LIMITS } from './limits.js';
import type { FiatValue, TraceResult } from './types.js';
import { satsToBtc } from './watches.js';

/** Human and Graphviz renderings of a trace result (the JSON result is the contract; these are views of it). */

function fiatText(f: FiatValue): string {
  const parts: string[] = [];
  parts.push(f.usd === null ? 'USD ?' : `USD ${f.usd.toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
  parts.push(f.krw === null ? 'KRW ?' : `KRW ${f.krw.toLocaleString('en-US')}`);
  return parts.join(', ');
}

function short(s: string, n = 16): string {
  return s.length <= n ? s : `${s.slice(0, n - 4)}…${s.slice(-3)}`;
}

export function formatTraceText(r: TraceResult): string {
  const out: string[] = [];
  const a = r.accounting;
  out.push(`${r.direction} trace, ${r.model} model, up to ${r.hops} hops, from ${r.sources.join(', ')}`);
  out.push(`traced ${satsToBtc(r.totalValue)} BTC through ${r.stats.transactions} transactions (deepest hop ${r.stats.maxHop})`);
  out.push('');
  if (r.exchanges.length === 0) out.push('No tainted value reached a tagged exchange.');
  else {
    out.push('Reached exchanges (freeze candidates):');
    for (const x of r.exchanges) {
      out.push(`  ${x.name}: ${satsToBtc(x.taintedValue)} BTC tainted (${fiatText(x.fiat)}) in ${x.deposits.length} deposit${x.deposits.length === 1 ? '' : 's'}`);
      for (const d of x.deposits.slice(0, 20)) {
        out.push(`    ${d.time ?? '?'}  ${d.address}  ${satsToBtc(d.taintedValue)} of ${satsToBtc(d.value)} BTC  tx ${d.txid}`);
      }
      if (x.deposits.length > 20) out.push(`    … ${x.deposits.length - 20} more deposits`);
    }
  }
  out.push('');
  out.push('Where the value ended:');
  const rows: [string, number][] = [
    ['exchanges', a.exchanges], ['other stop categories', a.stopped], ['unspent', a.unspent], ['beyond the hop limit', a.beyondHops],
    ['dust (below --min-value)', a.dust], ['work limit', a.workLimit], ['mined (coinbase)', a.coinbase], ['unresolved inputs', a.unresolved],
    ['outside --until', a.until], ['miner fees', a.fees],
  ];
  for (const [k, v] of rows) if (v !== 0) out.push(`  ${k.padEnd(24)} ${satsToBtc(v).padStart(20)} BTC`);
  out.push(`  ${'total'.padEnd(24)} ${satsToBtc(a.total).padStart(20)} BTC${a.conserved ? ' (conserved to the satoshi)' : ''}`);
  if (r.patterns.length > 0) {
    out.push('');
    out.push('Patterns:');
    for (const p of r.patterns.slice(0, 15)) {
      const what = p.kind === 'peel-chain' ? `peel chain of ${p.length} transactions peeling ${satsToBtc(p.peeledValue ?? 0)} BTC, ${short(p.txid)} → ${short(p.lastTxid ?? '')}`
        : p.kind === 'split' ? `split into ${p.outputs} tainted outputs at ${short(p.txid)}`
          : p.kind === 'merge' ? `merged with ${satsToBtc(p.cleanValue ?? 0)} BTC of clean coins at ${short(p.txid)}`
            : `CoinJoin-like transaction ${short(p.txid)} (tainted value spread by the model)`;
      out.push(`  hop ${String(p.hop).padStart(3)}  ${what}`);
    }
    if (r.patterns.length > 15) out.push(`  … ${r.patterns.length - 15} more`);
  }
  const ends = r.endpoints.filter((e) => !e.reasons.includes('exchange')).slice(0, 10);
  if (ends.length > 0) {
    out.push('');
    out.push('Largest other endpoints:');
    for (const e of ends) {
      const tags = e.tags.map((t) => `${t.category}:${t.label}`).join(' ');
      out.push(`  ${(e.address ?? '(unresolved)').padEnd(44)} ${satsToBtc(e.taintedValue).padStart(18)} BTC  hop ${e.hop}  ${e.reasons.join(',')}${tags === '' ? '' : `  ${tags}`}`);
    }
  }
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

function dotId(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

/** A Graphviz digraph: addresses (ellipses; exchanges filled) and transactions (boxes), edges with tainted BTC. */
export function formatTraceDot(r: TraceResult): string {
  const lines = ['digraph trace {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  const nodes = new Set<string>();
  let omitted = 0;
  const exchangeAddrs = new Map<string, string>();
  for (const x of r.exchanges) for (const d of x.deposits) exchangeAddrs.set(d.address, x.name);
  const sources = new Set(r.sources);
  const node = (id: string, attrs: string): boolean => {
    if (nodes.has(id)) return true;
    if (nodes.size >= TRACE_LIMITS.maxDotNodes) {
      omitted++;
      return false;
    }
    nodes.add(id);
    lines.push(`  ${dotId(id)} [${attrs}];`);
    return true;
  };
  const addrNode = (a: string): boolean => {
    const ex = exchangeAddrs.get(a);
    if (ex !== undefined) return node(`a:${a}`, `label=${dotId(`${ex}\n${short(a, 20)}`)}, style=filled, fillcolor="#f6c56f"`);
    return node(`a:${a}`, `label=${dotId(short(a, 20))}${sources.has(a) ? ', style=filled, fillcolor="#f28b82"' : ''}`);
  };
  for (const f of r.flows) {
    const tx = `t:${f.txid}`;
    if (!node(tx, `shape=box, label=${dotId(`${short(f.txid, 12)}\nhop ${f.hop}`)}`)) continue;
    if (r.direction === 'forward') {
      for (const a of f.from) if (addrNode(a)) lines.push(`  ${dotId(`a:${a}`)} -> ${dotId(tx)};`);
      if (addrNode(f.to)) lines.push(`  ${dotId(tx)} -> ${dotId(`a:${f.to}`)} [label=${dotId(`${satsToBtc(f.taintedValue)} BTC`)}];`);
    } else {
      for (const a of f.from) if (addrNode(a)) lines.push(`  ${dotId(`a:${a}`)} -> ${dotId(tx)} [label=${dotId(`${satsToBtc(f.taintedValue)} BTC`)}];`);
      if (addrNode(f.to)) lines.push(`  ${dotId(tx)} -> ${dotId(`a:${f.to}`)};`);
    }
  }
  if (omitted > 0 || r.flowsOmitted > 0) lines.push(`  omitted [shape=note, label=${dotId(`${omitted} nodes and ${r.flowsOmitted} flows not drawn`)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
