import type { ReactNode } from 'react';
import { api, type Hop, type MessageDetail, type MessageReport, type ViewerBody } from '../api';
import { defang, defangText } from '../components/defang';
import { Empty, Show, useAsync } from '../components/State';
import { Severity, VerdictBadge, when } from '../components/Verdict';
import { href } from '../router';

const SEV_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

export function MessagePage({ id }: { id: string }): ReactNode {
  const [value, reload] = useAsync(() => api.get<MessageDetail>(`/api/v1/messages/${encodeURIComponent(id)}`), [id]);
  return <Show value={value} what="the message" retry={reload} ready={(m) => <Detail m={m} />} />;
}

function Detail({ m }: { m: MessageDetail }): ReactNode {
  const r = m.report;
  const signals = [...r.signals].sort((a, b) => SEV_ORDER.indexOf(a.severity) - SEV_ORDER.indexOf(b.severity));
  return (
    <article className="message" aria-labelledby="msg-h">
      <p><a href={href('inbox')}>← Inbox</a></p>
      <h1 id="msg-h"><VerdictBadge verdict={r.verdict} score={r.score} /> {r.subject ?? '(no subject)'}</h1>
      <dl className="facts">
        <dt>From</dt><dd>{r.from.name !== null && <>{r.from.name} </>}<code>{r.from.address ?? '(none)'}</code></dd>
        {r.replyTo.length > 0 && <><dt>Reply-To</dt><dd><code>{r.replyTo.join(', ')}</code></dd></>}
        <dt>To</dt><dd><code>{r.to.join(', ') || '(none)'}</code></dd>
        <dt>Date</dt><dd>{when(r.date)}</dd>
        <dt>Organisation</dt><dd>{m.org ?? '—'}</dd>
        <dt>SHA-256</dt><dd><code className="hash">{r.sha256}</code></dd>
        <dt>Campaign</dt><dd>{m.campaigns.length === 0 ? 'not part of a campaign' : m.campaigns.map((c) => <a key={c.id} href={href('campaigns', c.id)} className="campaign-link">{c.name}</a>)}</dd>
        <dt>Raw source</dt><dd><a href={`/api/v1/messages/${encodeURIComponent(m.id)}/raw`} download>Download .eml</a> (saved as a file, never opened here)</dd>
      </dl>

      <section aria-labelledby="sig-h">
        <h2 id="sig-h">Why: {signals.length} signal{signals.length === 1 ? '' : 's'}</h2>
        {signals.length === 0 ? <Empty>No signal fired: nothing in this message looks like an attack.</Empty> : (
          <table className="list">
            <thead><tr><th>Severity</th><th>Signal</th><th>Detail</th><th>Evidence</th></tr></thead>
            <tbody>{signals.map((s, i) => <tr key={`${s.id}-${i}`}><td><Severity level={s.severity} /></td><td><code>{s.id}</code></td><td>{defangText(s.detail)}</td><td><code className="evidence">{defangText(s.evidence.slice(0, 400))}</code></td></tr>)}</tbody>
          </table>
        )}
      </section>

      <div className="two-col">
        <section aria-labelledby="rcv-h">
          <h2 id="rcv-h">Delivery path</h2>
          <ReceivedTimeline hops={r.receivedChain} originatingIp={r.originatingIp} clientIp={r.clientIp} />
        </section>
        <section aria-labelledby="auth-h">
          <h2 id="auth-h">Authentication</h2>
          <ul className="auth">
            {(['spf', 'dkim', 'dmarc', 'arc'] as const).map((k) => <li key={k}><span className="auth-k">{k.toUpperCase()}</span> <span className={`badge auth-${r.auth[k]}`}>{r.auth[k]}</span></li>)}
          </ul>
          <p className="muted">From the organisation’s own Authentication-Results; headers stamped by anyone else are ignored.</p>
        </section>
      </div>

      <Links r={r} />
      <Attachments r={r} />
      <Intel r={r} />
      <Body id={m.id} />
    </article>
  );
}

/** Hops from the sender (bottom header) to the mailbox (top header), the originating hop marked. */
function ReceivedTimeline({ hops, originatingIp, clientIp }: { hops: Hop[]; originatingIp: string | null; clientIp: string | null }): ReactNode {
  if (hops.length === 0) return <Empty>No Received headers.</Empty>;
  const ordered = [...hops].reverse();
  return (
    <ol className="timeline" aria-label="Received chain, first hop first">
      {ordered.map((h, i) => {
        const origin = h.ip !== null && h.ip === originatingIp;
        const client = h.ip !== null && h.ip === clientIp;
        return (
          <li key={i} className={origin ? 'origin' : client ? 'client' : ''}>
            <div className="hop-time">{when(h.time)}</div>
            <div><code>{h.from ?? '?'}</code> → <code>{h.by ?? '?'}</code></div>
            <div>IP <code className="ip">{h.ip ?? 'none recorded'}</code>{origin && <strong className="tag"> originating IP</strong>}{client && <strong className="tag"> client IP</strong>}</div>
          </li>
        );
      })}
      {originatingIp !== null && !hops.some((h) => h.ip === originatingIp) && <li className="origin">Originating IP <code className="ip">{originatingIp}</code></li>}
    </ol>
  );
}

function Links({ r }: { r: MessageReport }): ReactNode {
  return (
    <section aria-labelledby="links-h">
      <h2 id="links-h">Links ({r.urls.length})</h2>
      {r.urls.length === 0 ? <Empty>No links.</Empty> : (
        <table className="list">
          <thead><tr><th>Link (defanged, not clickable)</th><th>Shown as</th><th>Flags</th></tr></thead>
          <tbody>{r.urls.map((u, i) => (
            <tr key={i}>
              <td><code className="url">{defang(u.url).slice(0, 300)}</code></td>
              <td>{u.displayText === null ? '—' : defang(u.displayText).slice(0, 120)}</td>
              <td>{u.flags.map((f) => <span key={f} className="chip warn">{f}</span>)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

function Attachments({ r }: { r: MessageReport }): ReactNode {
  return (
    <section aria-labelledby="att-h">
      <h2 id="att-h">Attachments ({r.attachments.length})</h2>
      {r.attachments.length === 0 ? <Empty>No attachments.</Empty> : (
        <table className="list">
          <thead><tr><th>Name</th><th>Declared</th><th>Detected</th><th>Size</th><th>SHA-256</th><th>Flags</th></tr></thead>
          <tbody>{r.attachments.map((a, i) => (
            <tr key={i}>
              <td>{a.filename ?? '(unnamed)'}</td><td>{a.declaredType}</td><td>{a.detectedType}</td><td className="nowrap">{a.size.toLocaleString()} B</td>
              <td><code className="hash">{a.sha256}</code></td><td>{a.flags.map((f) => <span key={f} className="chip warn">{f}</span>)}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

interface Match { indicator?: string; type?: string; source?: string; status?: string; confidence?: number | null; actors?: { name: string }[]; observable?: { type: string; value: string } }

function Intel({ r }: { r: MessageReport }): ReactNode {
  const matches = r.intelMatches as Match[];
  return (
    <section aria-labelledby="intel-h">
      <h2 id="intel-h">Intel matches ({matches.length})</h2>
      {matches.length === 0 ? <Empty>None of this message’s {r.indicators.length} observables is known to threat intel.</Empty> : (
        <table className="list">
          <thead><tr><th>Observable</th><th>Indicator</th><th>Actors</th><th>Source</th><th>Status</th></tr></thead>
          <tbody>{matches.map((x, i) => (
            <tr key={i}>
              <td><code>{x.observable === undefined ? '—' : `${x.observable.type} ${defang(x.observable.value)}`}</code></td>
              <td><code>{defang(String(x.indicator ?? ''))}</code></td>
              <td>{(x.actors ?? []).map((a) => a.name).join(', ') || 'unattributed'}</td>
              <td>{x.source ?? '—'}{x.confidence != null ? ` (${x.confidence})` : ''}</td>
              <td>{x.status ?? '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {r.btcAddresses.length > 0 && <p>Bitcoin addresses in the text: {r.btcAddresses.map((a) => <code key={a}>{a} </code>)}</p>}
    </section>
  );
}

function Body({ id }: { id: string }): ReactNode {
  const [value, reload] = useAsync(() => api.get<ViewerBody>(`/api/v1/messages/${encodeURIComponent(id)}/body`), [id]);
  return (
    <section aria-labelledby="body-h">
      <h2 id="body-h">Body</h2>
      <Show value={value} what="the body" retry={reload} ready={(b) => (
        <>
          <p className="muted">
            Shown without scripts, styles or remote content{b.remoteImages > 0 ? `; ${b.remoteImages} remote image(s) replaced by placeholders` : ''}
            {b.links > 0 ? `; ${b.links} link(s) defanged` : ''}{b.forms > 0 ? `; ${b.forms} form(s) disabled` : ''}.
            {b.note !== null && <> {b.note}</>}
          </p>
          {b.kind !== 'none' && <iframe className="body-frame" title="Message body (sandboxed)" sandbox="" referrerPolicy="no-referrer" srcDoc={b.html} />}
        </>
      )} />
    </section>
  );
}
