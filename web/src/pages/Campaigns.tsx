import type { ReactNode } from 'react';
import { api, type Campaign } from '../api';
import { InfraGraph } from '../components/InfraGraph';
import { AttemptTimeline } from '../components/AttemptTimeline';
import { defangHost } from '../components/defang';
import { Empty, Show, useAsync } from '../components/State';
import { when } from '../components/Verdict';
import { href } from '../router';

export function Campaigns({ id }: { id: string | null }): ReactNode {
  return id === null ? <CampaignList /> : <CampaignDetail id={id} />;
}

function CampaignList(): ReactNode {
  const [value, reload] = useAsync(() => api.getAll<Campaign>('/api/v1/campaigns?limit=500'), []);
  return (
    <section aria-labelledby="camp-h">
      <h1 id="camp-h">Campaigns</h1>
      <Show value={value} what="campaigns" retry={reload} ready={(p) => p.items.length === 0
        ? <Empty>No campaign yet: campaigns appear once suspicious or malicious messages share attacker infrastructure.</Empty>
        : (
          <ul className="cards">
            {p.items.map((c) => (
              <li key={c.id} className="card">
                <h2><a href={href('campaigns', c.id)}>{c.name}</a></h2>
                <p>{c.summary}</p>
                <p className="muted">{c.attempts} attempts · {c.messages} messages · {c.recipientCount} recipients · {c.organizationCount} organisation(s) · {when(c.firstSeen)} – {when(c.lastSeen)}</p>
                {c.attribution.length > 0 && <p>Attributed to {c.attribution.map((a) => `${a.actor} (${a.confidence})`).join(', ')}</p>}
              </li>
            ))}
          </ul>
        )} />
    </section>
  );
}

function CampaignDetail({ id }: { id: string }): ReactNode {
  const [value, reload] = useAsync(() => api.get<Campaign>(`/api/v1/campaigns/${encodeURIComponent(id)}`), [id]);
  return <Show value={value} what="the campaign" retry={reload} ready={(c) => (
    <article aria-labelledby="c-h">
      <p><a href={href('campaigns')}>← Campaigns</a></p>
      <h1 id="c-h">{c.name}</h1>
      <p className="summary" data-testid="campaign-summary">{c.summary}</p>
      <dl className="facts">
        <dt>Attempts</dt><dd>{c.attempts}</dd>
        <dt>Messages</dt><dd>{c.messages}</dd>
        <dt>Recipients</dt><dd>{c.recipientCount}{c.recipients.length > 0 && <> — yours: {c.recipients.join(', ')}</>}</dd>
        <dt>Organisations</dt><dd>{c.organizationCount}{c.organizations.length > 0 && <> ({c.organizations.join(', ')})</>}</dd>
        <dt>Active</dt><dd>{when(c.firstSeen)} – {when(c.lastSeen)}</dd>
        <dt>Attribution</dt><dd>{c.attribution.length === 0 ? 'unattributed' : c.attribution.map((a) => `${a.actor} (confidence ${a.confidence})`).join('; ')}</dd>
      </dl>
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">Attempts over time</h2>
        <AttemptTimeline attempts={c.attemptList} />
      </section>
      <section aria-labelledby="g-h">
        <h2 id="g-h">Infrastructure</h2>
        <InfraGraph campaign={c} />
        <table className="list">
          <thead><tr><th>Type</th><th>Value</th><th>Attempts</th></tr></thead>
          <tbody>{c.infrastructure.map((i) => <tr key={`${i.type} ${i.value}`}><td>{i.type}</td><td><code>{defangHost(i.value)}</code></td><td>{i.attempts.length}</td></tr>)}</tbody>
        </table>
      </section>
      <section aria-labelledby="al-h">
        <h2 id="al-h">Attempts</h2>
        <table className="list">
          <thead><tr><th>First seen</th><th>Sender</th><th>Subject</th><th>Recipients</th></tr></thead>
          <tbody>{c.attemptList.map((a) => (
            <tr key={a.id}>
              <td className="nowrap">{when(a.firstSeen)}</td>
              <td>{a.sender ?? <span className="muted">another organisation’s</span>}</td>
              <td>{a.subject ?? <span className="muted">not shared</span>}</td>
              <td>{a.recipients.length > 0 ? a.recipients.join(', ') : <span className="muted">—</span>}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>
    </article>
  )} />;
}
