import { useState, type FormEvent, type ReactNode } from 'react';
import { api, type ChainStatus, type Me, type TraceAlert, type TraceResult, type TraceWatch } from '../api';
import { btc, fiat, shortHash } from '../components/money';
import { Empty, Failure, Show, useAsync } from '../components/State';
import { TrailGraph } from '../components/TrailGraph';
import { TrailSankey } from '../components/TrailSankey';
import { when } from '../components/Verdict';

/**
 * The money trail: trace from an address, txid or txid:vout to the exchanges (Sankey of where the value ended,
 * the trail as a graph, the deposits to freeze with BTC, USD and KRW), and the organisation's watches and alerts.
 */
export function Money({ me, source }: { me: Me; source: string | null }): ReactNode {
  const [status] = useAsync(() => api.get<ChainStatus>('/api/v1/chain/status'), []);
  return (
    <section aria-labelledby="money-h">
      <h1 id="money-h">Money trail</h1>
      <Show value={status} what="the chain index" ready={(s) => (s.network === null
        ? <Empty>The chain index is empty. Import blocks with <code>spearwatch chain import</code> (Bitcoin Core block files, a node or Esplora) to trace funds.</Empty>
        : <p className="muted">Chain index: {s.network}, height {s.height}, {s.transactions.toLocaleString('en-US')} transactions, {s.clusters.toLocaleString('en-US')} clusters.</p>)} />
      <TraceForm initial={source} />
      <Alerts />
      <Watches me={me} />
    </section>
  );
}

function TraceForm({ initial }: { initial: string | null }): ReactNode {
  const [sources, setSources] = useState(initial ?? '');
  const [direction, setDirection] = useState('forward');
  const [model, setModel] = useState('haircut');
  const [hops, setHops] = useState('20');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'running' } | { kind: 'error'; message: string } | { kind: 'done'; result: TraceResult }>({ kind: 'idle' });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const list = sources.split(/[\s,]+/).map((x) => x.trim()).filter((x) => x !== '');
    if (list.length === 0) {
      setState({ kind: 'error', message: 'Enter at least one address, txid or txid:vout.' });
      return;
    }
    const n = Number(hops);
    if (!Number.isInteger(n) || n < 1) {
      setState({ kind: 'error', message: 'Hops must be a whole number of at least 1.' });
      return;
    }
    setState({ kind: 'running' });
    api.postJson<TraceResult>('/api/v1/trace', { sources: list, direction, model, hops: n }).then(
      (result) => setState({ kind: 'done', result }),
      (err: unknown) => setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  };
  return (
    <section aria-labelledby="trace-h">
      <h2 id="trace-h">Trace</h2>
      <form className="trace-form" onSubmit={submit} aria-label="Trace funds">
        <label>Sources (addresses, txids or txid:vout, one per line)
          <textarea name="sources" rows={3} value={sources} onChange={(e) => setSources(e.target.value)} spellCheck={false} />
        </label>
        <label>Direction
          <select name="direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
            <option value="forward">forward: where did it go</option>
            <option value="backward">backward: where did it come from</option>
          </select>
        </label>
        <label>Model
          <select name="model" value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="haircut">haircut (value-proportional)</option>
            <option value="fifo">FIFO (first in, first out)</option>
            <option value="poison">poison (any taint taints all)</option>
          </select>
        </label>
        <label>Hops
          <input name="hops" type="number" min={1} max={10000} value={hops} onChange={(e) => setHops(e.target.value)} />
        </label>
        <button type="submit" disabled={state.kind === 'running'}>{state.kind === 'running' ? 'Tracing…' : 'Trace'}</button>
      </form>
      {state.kind === 'running' && <p className="state loading" role="status">Tracing through the chain index…</p>}
      {state.kind === 'error' && <Failure message={state.message} />}
      {state.kind === 'done' && <TraceView r={state.result} />}
    </section>
  );
}

function TraceView({ r }: { r: TraceResult }): ReactNode {
  const a = r.accounting;
  return (
    <div className="trace-result" data-testid="trace-result">
      <p className="summary">
        {r.direction === 'forward' ? 'Followed' : 'Traced back'} {btc(r.totalValue)} BTC through {r.stats.transactions} transactions (deepest hop {r.stats.maxHop}) with the {r.model} model.{' '}
        {r.exchanges.length === 0 ? 'No tainted value reached a tagged exchange.' : `${r.exchanges.length} exchange${r.exchanges.length === 1 ? '' : 's'} received ${btc(Number(a.exchanges ?? 0))} BTC of it.`}
        {a.conserved === true && ' Every satoshi is accounted for.'}
      </p>
      <TrailSankey result={r} />
      {r.exchanges.length > 0 && (
        <section aria-labelledby="ex-h">
          <h3 id="ex-h">Exchanges: deposits to freeze</h3>
          {r.exchanges.map((x) => (
            <details key={x.name} className="exchange" open={r.exchanges.length <= 3}>
              <summary><strong>{x.name}</strong> — {btc(x.taintedValue)} BTC tainted ({fiat(x.fiat)}) in {x.deposits.length} deposit{x.deposits.length === 1 ? '' : 's'}</summary>
              <table className="list">
                <thead><tr><th>Time</th><th>Deposit address</th><th>Tainted BTC</th><th>Of</th><th>Fiat</th><th>Transaction</th></tr></thead>
                <tbody>
                  {x.deposits.map((d) => (
                    <tr key={`${d.txid}:${d.address}`}>
                      <td>{d.time === null ? '—' : when(d.time)}</td><td className="mono">{d.address}</td><td>{btc(d.taintedValue)}</td><td>{btc(d.value)}</td>
                      <td>{fiat(d.fiat)}</td><td className="mono" title={d.txid}>{shortHash(d.txid)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </section>
      )}
      {r.patterns.length > 0 && (
        <section aria-labelledby="pat-h">
          <h3 id="pat-h">Laundering patterns</h3>
          <ul>
            {r.patterns.slice(0, 20).map((p) => (
              <li key={`${p.kind}:${p.txid}`}>hop {p.hop}: {p.kind === 'peel-chain' ? `peel chain of ${p.length ?? 0} transactions peeling ${btc(p.peeledValue ?? 0)} BTC`
                : p.kind === 'split' ? `split into ${p.outputs ?? 0} tainted outputs`
                  : p.kind === 'merge' ? `merged with ${btc(p.cleanValue ?? 0)} BTC of clean coins`
                    : 'CoinJoin-like transaction (tainted value spread by the model)'} <span className="mono muted">{shortHash(p.txid)}</span></li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="g2-h">
        <h3 id="g2-h">The trail</h3>
        <TrailGraph result={r} />
      </section>
      <section aria-labelledby="end-h">
        <h3 id="end-h">Largest endpoints</h3>
        <table className="list">
          <thead><tr><th>Address</th><th>Tainted BTC</th><th>Why it stopped</th><th>Hop</th><th>Tags</th></tr></thead>
          <tbody>
            {r.endpoints.slice(0, 25).map((e) => (
              <tr key={e.address ?? 'unresolved'}>
                <td className="mono">{e.address ?? '(unresolved input)'}</td><td>{btc(e.taintedValue)}</td><td>{e.reasons.join(', ')}</td><td>{e.hop}</td>
                <td>{e.tags.map((t) => `${t.category}: ${t.label}${t.inferred === true ? ' (via cluster)' : ''}`).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {r.notes.length > 0 && <ul className="notes">{r.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
    </div>
  );
}

function Alerts(): ReactNode {
  const [value, reload] = useAsync(() => api.getAll<TraceAlert>('/api/v1/alerts?limit=500'), []);
  return (
    <section aria-labelledby="al-h">
      <h2 id="al-h">Alerts</h2>
      <Show value={value} what="alerts" retry={reload} ready={(p) => (p.items.length === 0
        ? <Empty>No alerts. Watch an address or a transaction below; alerts are raised after each chain import.</Empty>
        : (
          <table className="list" data-testid="alerts">
            <thead><tr><th>Time</th><th>Kind</th><th>Case</th><th>BTC</th><th>Fiat</th><th>Where</th><th>Transaction</th></tr></thead>
            <tbody>
              {[...p.items].reverse().map((a) => (
                <tr key={a.id} className={a.kind === 'funds-reached-exchange' ? 'alert-exchange' : ''}>
                  <td>{a.time === null ? '—' : when(a.time)}</td><td>{a.kind}</td><td>{a.case}</td><td>{a.btc}</td><td>{fiat({ usd: a.usd, krw: a.krw })}</td>
                  <td>{a.exchange !== null ? `${a.exchange}: ${a.address ?? ''}` : (a.address ?? '—')}</td><td className="mono" title={a.txid ?? ''}>{a.txid === null ? '—' : shortHash(a.txid)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))} />
    </section>
  );
}

function Watches({ me }: { me: Me }): ReactNode {
  const [value, reload] = useAsync(() => api.getAll<TraceWatch>('/api/v1/watches?limit=500'), []);
  const [target, setTarget] = useState('');
  const [caseName, setCaseName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (e: FormEvent): void => {
    e.preventDefault();
    setError(null);
    api.postJson<TraceWatch>('/api/v1/watches', { target: target.trim(), ...(caseName.trim() === '' ? {} : { case: caseName.trim() }) }).then(
      () => {
        setTarget('');
        setCaseName('');
        reload();
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  };
  return (
    <section aria-labelledby="w-h">
      <h2 id="w-h">Watches</h2>
      {me.role !== 'viewer' && (
        <form className="inline" onSubmit={add} aria-label="Add a watch">
          <input aria-label="Address, txid or txid:vout to watch" placeholder="address, txid or txid:vout" value={target} onChange={(e) => setTarget(e.target.value)} required />
          <input aria-label="Case" placeholder="case (optional)" value={caseName} onChange={(e) => setCaseName(e.target.value)} />
          <button type="submit">Watch</button>
        </form>
      )}
      {error !== null && <Failure message={error} />}
      <Show value={value} what="watches" retry={reload} ready={(p) => (p.items.length === 0
        ? <Empty>Nothing watched yet.</Empty>
        : (
          <table className="list">
            <thead><tr><th>Target</th><th>Case</th><th>Model</th><th>In the index</th><th>Still following</th><th>Alerts</th></tr></thead>
            <tbody>
              {p.items.map((w) => (
                <tr key={w.id}>
                  <td className="mono">{w.target}</td><td>{w.case}</td><td>{w.model}</td><td>{w.resolved ? 'yes' : 'not yet'}</td>
                  <td>{w.frontier.outputs} outputs, {btc(w.frontier.taintedValue)} BTC</td><td>{w.alerts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))} />
    </section>
  );
}
