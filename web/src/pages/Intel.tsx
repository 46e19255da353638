import { useState, type FormEvent, type ReactNode } from 'react';
import { api, query, type Actor, type LookupResult, type Me } from '../api';
import { defang } from '../components/defang';
import { Empty, Failure, Loading, Show, useAsync } from '../components/State';

type Lookup = { state: 'idle' } | { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; items: LookupResult[] };

export function Intel({ me }: { me: Me }): ReactNode {
  const [text, setText] = useState('');
  const [res, setRes] = useState<Lookup>({ state: 'idle' });
  const search = (e: FormEvent): void => {
    e.preventDefault();
    const values = text.split(/[\s,]+/).filter((v) => v !== '').slice(0, 100);
    if (values.length === 0) return;
    setRes({ state: 'loading' });
    api.get<{ items: LookupResult[] }>(`/api/v1/intel/lookup${query({ value: values })}`).then(
      (r) => setRes({ state: 'ready', items: r.items }),
      (err: unknown) => setRes({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  };
  const [tlp, setTlp] = useState('clear');
  return (
    <section aria-labelledby="intel-h">
      <h1 id="intel-h">Threat intel</h1>
      <form className="filters" onSubmit={search} aria-label="Look up values">
        <input type="search" className="wide" placeholder="IP, domain, URL, e-mail, hash or bitcoin address (several: separate with spaces)" aria-label="Values to look up" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Look up</button>
      </form>
      {res.state === 'loading' && <Loading what="matches" />}
      {res.state === 'error' && <Failure message={res.message} />}
      {res.state === 'ready' && (
        <table className="list" aria-label="Lookup results">
          <thead><tr><th>Value</th><th>Type</th><th>Matches</th></tr></thead>
          <tbody>{res.items.map((r) => (
            <tr key={r.value}>
              <td><code>{defang(r.value)}</code></td><td>{r.type}</td>
              <td>{r.matches.length === 0 ? <span className="muted">no match</span> : r.matches.map((m, i) => (
                <div key={i}><code>{defang(m.indicator)}</code> — {m.actors.map((a) => a.name).join(', ') || 'no actor'} · {m.source} · TLP:{m.tlp.toUpperCase()} · {m.status}</div>
              ))}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <div className="two-col">
        {me.role !== 'viewer' && <Import />}
        <section aria-labelledby="exp-h">
          <h2 id="exp-h">Export STIX 2.1</h2>
          <p>Indicators, actors, relationships and your organisation’s sightings, up to a TLP.</p>
          <label className="inline">Most restricted TLP <select value={tlp} onChange={(e) => setTlp(e.target.value)} aria-label="Most restricted TLP">
            {['clear', 'green', 'amber', 'amber+strict', 'red'].map((t) => <option key={t} value={t}>{t.toUpperCase()}</option>)}
          </select></label>{' '}
          <a className="button" href={`/api/v1/intel/export${query({ tlpMax: tlp })}`} download="spearwatch-stix.json">Download bundle</a>
        </section>
      </div>
      <Actors />
    </section>
  );
}

function Import(): ReactNode {
  const [st, setSt] = useState<{ state: 'idle' | 'busy' } | { state: 'done'; lines: string[] } | { state: 'error'; message: string }>({ state: 'idle' });
  const send = (files: FileList | null): void => {
    if (files === null || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append('file', f, f.name);
    setSt({ state: 'busy' });
    api.postForm<{ items: Record<string, unknown>[] }>('/api/v1/intel/import', form).then(
      (r) => setSt({ state: 'done', lines: r.items.map((i) => {
        const err = i.error as { message?: string } | undefined;
        return err !== undefined ? `${String(i.file)}: not imported — ${err.message ?? ''}` : `${String(i.file)}: ${String(i.format)}, ${String(i.read)} read, ${String(i.created)} created, ${String(i.updated)} updated, ${String(i.skipped)} skipped`;
      }) }),
      (e: unknown) => setSt({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <section aria-labelledby="imp-h">
      <h2 id="imp-h">Import a file</h2>
      <p>STIX 2.x bundle, MISP galaxy, GraphSense TagPack, OFAC list or CSV (<code>type,value,actor,confidence,tlp,valid_until</code>).</p>
      <input type="file" multiple aria-label="Intel files to import" onChange={(e) => send(e.target.files)} />
      {st.state === 'busy' && <p role="status">Importing…</p>}
      {st.state === 'error' && <p className="state error" role="alert">Import failed: {st.message}</p>}
      {st.state === 'done' && <ul>{st.lines.map((l) => <li key={l}>{l}</li>)}</ul>}
    </section>
  );
}

function Actors(): ReactNode {
  const [value, reload] = useAsync(() => api.getAll<Actor>('/api/v1/intel/actors?limit=1000'), []);
  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">Actors</h2>
      <Show value={value} what="actors" retry={reload} ready={(p) => p.items.length === 0 ? <Empty>No actors yet: import MITRE ATT&amp;CK, MISP galaxies or a STIX bundle.</Empty> : (
        <table className="list">
          <thead><tr><th>Actor</th><th>Aliases</th><th>Sources</th><th>Indicators</th></tr></thead>
          <tbody>{p.items.map((a) => (
            <tr key={a.id}><td>{a.name}</td><td>{a.aliases.join(', ') || '—'}</td><td>{[...new Set(a.sources.map((s) => s.source))].join(', ')}</td><td>{a.indicators}</td></tr>
          ))}</tbody>
        </table>
      )} />
    </section>
  );
}
