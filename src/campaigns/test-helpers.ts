import type { MessageFacts } from './types.js';
import { simhash, bodyTokens } from './simhash.js';
import { subjectKey } from './facts.js';

let counter = 0;

/** A hand-made message's facts for unit tests: defaults are an unremarkable malicious message. */
export function fact(p: Partial<MessageFacts> & { body?: string } = {}): MessageFacts {
  counter++;
  const { body, ...rest } = p;
  const subject = p.subject ?? 'Verify your account';
  const sha256 = p.sha256 ?? `${String(counter).padStart(8, '0')}${'0'.repeat(56)}`;
  return {
    id: p.id ?? sha256,
    sha256,
    org: 'org-a',
    date: '2026-07-01T09:00:00.000Z',
    verdict: 'malicious',
    sender: 'alerts@evil.example',
    fromAddress: p.sender ?? 'alerts@evil.example',
    subject,
    recipients: ['kim@exchange-a.example'],
    originatingIp: null,
    clientIp: null,
    senderDomain: null,
    senderLookalike: false,
    viaService: false,
    replyTo: [],
    linkHosts: [],
    attachments: [],
    fileHashes: [],
    lookalikeTargets: [],
    btcAddresses: [],
    xMailer: null,
    simhash: simhash(bodyTokens(body ?? `${LOREM[counter % LOREM.length]!} ${LOREM[(counter * 7 + 3) % LOREM.length]!} ${LOREM[(counter * 13 + 5) % LOREM.length]!}`, (p.recipients ?? ['kim@exchange-a.example']).map((r) => r.split('@')[0] ?? ''), 20000)),
    subjectKey: subjectKey(subject),
    ...rest,
  };
}

/** Unrelated sentences so default bodies are not near duplicates of each other. */
const LOREM = [
  'the quarterly report shows steady growth in custody volumes across all regions',
  'please confirm the meeting room booking for the compliance workshop next tuesday',
  'our cold wallet rotation procedure was updated after the last internal audit',
  'the new office coffee machine arrives on monday with a short training session',
  'recruiting opened two positions for backend engineers in the payments team',
  'the listing committee postponed its review of the three pending token applications',
  'network maintenance will interrupt the staging cluster on saturday night',
  'travel expenses must be filed within thirty days with receipts attached',
  'security awareness training is mandatory for every employee this quarter',
  'the marketing calendar for the autumn campaign needs approval from legal',
  'customer support backlog dropped after the chatbot answered common questions',
];
