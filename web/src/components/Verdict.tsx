import type { ReactNode } from 'react';
import type { Verdict } from '../api';

export function VerdictBadge({ verdict, score }: { verdict: Verdict; score?: number }): ReactNode {
  return (
    <span className={`badge verdict-${verdict}`} title={score === undefined ? verdict : `${verdict}, score ${score}/100`}>
      {verdict}{score === undefined ? '' : ` ${score}`}
    </span>
  );
}

export function Severity({ level }: { level: string }): ReactNode {
  return <span className={`badge sev-${level}`}>{level}</span>;
}

export function when(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, ' UTC');
}
