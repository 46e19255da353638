import { useEffect, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { api, query, type Me, type MessageSummary, type Verdict } from '../api';
import { Empty, Show, useAsync } from '../components/State';
import { VerdictBadge, when } from '../components/Verdict';
import { go, href } from '../router';

interface Filters { verdict: string; org: string; sender: string; q: string; signal: string; since: string; until: string }
const NONE: Filters = { verdict: '', org: '', sender: '', q: '', signal: '', since: '', until: '' };
type Page = { items: MessageSummary[]; nextCursor: string | null };

/** The API's `until` is exclusive; the date picker's "to" day is meant inclusively. */
function dayAfter(day: string): string {
  if (day === '') return '';
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
}

function url(f: Filters, cursor?: string): string {
  return `/api/v1/messages${query({ verdict: f.verdict === 'flagged' ? ['malicious', 'suspicious'] : f.verdict, org: f.org, sender: f.sender, q: f.q, signal: f.signal, since: f.since, until: dayAfter(f.until), cursor, limit: '50' })}`;
}

export function Inbox({ me }: { me: Me }): ReactNode {
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  const [value, reload] = useAsync(() => api.get<Page>(url(filters)), [filters]);
  const [more, setMore] = useState<MessageSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setCursor(value.state === 'ready' ? value.data.nextCursor : null);
  }, [value]);
  const loadMore = (): void => {
    if (cursor === null) return;
    void api.get<Page>(url(filters, cursor)).then((p) => {
      setMore((m) => [...m, ...p.items]);
      setCursor(p.nextCursor);
    });
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setFilters(draft);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }): void => setDraft({ ...draft, [k]: e.target.value });
  return (
    <section aria-labelledby="inbox-h">
      <h1 id="inbox-h">Inbox</h1>
      {me.role !== 'viewer' && <Upload onDone={reload} />}
      <form className="filters" onSubmit={submit} aria-label="Filter messages">
        <input type="search" placeholder="Search subject or sender" aria-label="Search subject or sender" value={draft.q} onChange={set('q')} />
        <select aria-label="Verdict" value={draft.verdict} onChange={set('verdict')}>
          <option value="">Any verdict</option>
          <option value="flagged">Malicious or suspicious</option>
          <option value="malicious">Malicious</option>
          <option value="suspicious">Suspicious</option>
          <option value="clean">Clean</option>
        </select>
        <input placeholder="Sender address or domain" aria-label="Sender" value={draft.sender} onChange={set('sender')} />
        <input placeholder="Signal id, e.g. lookalike.org" aria-label="Signal" value={draft.signal} onChange={set('signal')} />
        {me.role === 'admin' && <input placeholder="Organisation id" aria-label="Organisation" value={draft.org} onChange={set('org')} />}
        <label className="inline">From <input type="date" aria-label="From date" value={draft.since} onChange={set('since')} /></label>
        <label className="inline">to <input type="date" aria-label="To date" value={draft.until} onChange={set('until')} /></label>
        <button type="submit">Apply</button>
        <button type="button" className="secondary" onClick={() => { setDraft(NONE); setFilters(NONE); }}>Clear</button>
      </form>
      <Show value={value} what="messages" retry={reload} ready={(p) => {
        const rows = [...p.items, ...more];
        if (rows.length === 0) return <Empty>{filters === NONE ? 'No messages yet. Drop .eml or mbox files above to analyse them.' : 'No message matches these filters.'}</Empty>;
        return (
          <>
            <table className="list messages">
              <thead><tr><th>Verdict</th><th>Date</th><th>Sender</th><th>Subject</th><th>Org</th><th>Signals</th></tr></thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id} onClick={() => go('messages', m.id)} className="clickable">
                    <td><VerdictBadge verdict={m.verdict} score={m.score} /></td>
                    <td className="nowrap">{when(m.date ?? m.storedAt)}</td>
                    <td className="sender"><span className="name">{m.from.name ?? ''}</span> <span className="addr">{m.from.address ?? '(no sender)'}</span></td>
                    <td><a href={href('messages', m.id)}>{m.subject ?? '(no subject)'}</a></td>
                    <td>{m.org ?? '—'}</td>
                    <td className="signals">{m.signals.slice(0, 4).map((s) => <span key={s} className="chip">{s}</span>)}{m.signals.length > 4 && <span className="chip">+{m.signals.length - 4}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {cursor !== null && <button type="button" className="secondary" onClick={loadMore}>Load more</button>}
          </>
        );
      }} />
    </section>
  );
}

type UploadState = { state: 'idle' } | { state: 'busy'; files: number } | { state: 'done'; results: { id: string; file: string; verdict: Verdict; subject: string | null }[] } | { state: 'error'; message: string };

function Upload({ onDone }: { onDone: () => void }): ReactNode {
  const [over, setOver] = useState(false);
  const [st, setSt] = useState<UploadState>({ state: 'idle' });
  const send = (files: FileList | null): void => {
    if (files === null || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append('file', f, f.name);
    setSt({ state: 'busy', files: files.length });
    api.postForm<{ items: { id: string; file: string; report: { verdict: Verdict; subject: string | null } }[] }>('/api/v1/messages', form).then(
      (r) => {
        setSt({ state: 'done', results: r.items.map((i) => ({ id: i.id, file: i.file, verdict: i.report.verdict, subject: i.report.subject })) });
        onDone();
      },
      (e: unknown) => setSt({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  const drop = (e: DragEvent): void => {
    e.preventDefault();
    setOver(false);
    send(e.dataTransfer.files);
  };
  return (
    <div className={`dropzone${over ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop} data-testid="dropzone">
      <p>Drop messages here (.eml, raw RFC 822) to analyse them, or <label className="file-label">choose files<input type="file" multiple accept=".eml,message/rfc822,.txt,.msg" onChange={(e) => send(e.target.files)} aria-label="Choose message files" /></label>.</p>
      {st.state === 'busy' && <p role="status">Analysing {st.files} file(s)…</p>}
      {st.state === 'error' && <p className="state error" role="alert">Upload failed: {st.message}</p>}
      {st.state === 'done' && (
        <ul className="upload-results" aria-label="Uploaded">
          {st.results.map((r) => <li key={r.id}><VerdictBadge verdict={r.verdict} /> <a href={href('messages', r.id)}>{r.subject ?? r.file}</a> <span className="muted">{r.file}</span></li>)}
        </ul>
      )}
    </div>
  );
}
