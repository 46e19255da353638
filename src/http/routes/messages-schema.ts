import { Type, type TString } from '@sinclair/typebox';
import { MessageId } from './messages-query.js';

/**
 * `nullable` and `enum` rather than anyOf unions: the response serialiser picks an anyOf branch by validating
 * every value, which made a 50-message page cost milliseconds; these say the same in OpenAPI 3.0.
 */
const Nullable = (t: TString) => Type.Unsafe<string | null>({ ...t, nullable: true });
const Auth = Type.String({ description: 'pass|fail|softfail|neutral|none|temperror|permerror' });
export const VerdictSchema = Type.Unsafe<'malicious' | 'suspicious' | 'clean'>({ type: 'string', enum: ['malicious', 'suspicious', 'clean'] });

/** The analysis of one message: the `spearwatch scan --json` contract of the mail issue. */
export const MessageReportSchema = Type.Object({
  file: Type.String(),
  index: Type.Integer(),
  sha256: Type.String(),
  messageId: Nullable(Type.String()),
  date: Nullable(Type.String()),
  from: Type.Object({ address: Nullable(Type.String()), name: Nullable(Type.String()) }),
  replyTo: Type.Array(Type.String()),
  to: Type.Array(Type.String()),
  subject: Nullable(Type.String()),
  org: Nullable(Type.String()),
  originatingIp: Nullable(Type.String()),
  clientIp: Nullable(Type.String()),
  receivedChain: Type.Array(Type.Object({ from: Nullable(Type.String()), by: Nullable(Type.String()), ip: Nullable(Type.String()), time: Nullable(Type.String()) })),
  auth: Type.Object({ spf: Auth, dkim: Auth, dmarc: Auth, arc: Auth }),
  verdict: VerdictSchema,
  score: Type.Number(),
  signals: Type.Array(Type.Object({ id: Type.String(), severity: Type.String(), detail: Type.String(), evidence: Type.String() })),
  urls: Type.Array(Type.Object({ url: Type.String(), host: Type.String(), displayText: Nullable(Type.String()), flags: Type.Array(Type.String()) })),
  attachments: Type.Array(Type.Object({
    filename: Nullable(Type.String()), declaredType: Type.String(), detectedType: Type.String(), size: Type.Number(), sha256: Type.String(), flags: Type.Array(Type.String()),
  })),
  btcAddresses: Type.Array(Type.String()),
  indicators: Type.Array(Type.Object({ type: Type.String(), value: Type.String() })),
  intelMatches: Type.Array(Type.Unknown()),
});

export const MessageSummarySchema = Type.Object({
  id: MessageId,
  sha256: Type.String(),
  org: Nullable(Type.String()),
  date: Nullable(Type.String()),
  storedAt: Type.String(),
  from: Type.Object({ address: Nullable(Type.String()), name: Nullable(Type.String()) }),
  subject: Nullable(Type.String()),
  verdict: VerdictSchema,
  score: Type.Number(),
  signals: Type.Array(Type.String(), { description: 'ids of the signals that fired' }),
});

export const CampaignRef = Type.Object({ id: Type.String(), name: Type.String() });

export const MessageDetailSchema = Type.Object({
  id: MessageId,
  org: Nullable(Type.String()),
  storedAt: Type.String(),
  report: MessageReportSchema,
  campaigns: Type.Array(CampaignRef, { description: 'campaigns this message takes part in' }),
});

export const ViewerBodySchema = Type.Object({
  kind: Type.Union([Type.Literal('html'), Type.Literal('text'), Type.Literal('none')]),
  note: Nullable(Type.String()),
  html: Type.String({ description: 'a complete, sanitised HTML document for <iframe sandbox="" srcdoc>' }),
  remoteImages: Type.Integer(),
  links: Type.Integer(),
  forms: Type.Integer(),
  removedElements: Type.Integer(),
  truncated: Type.Boolean(),
});

export const UploadResultSchema = Type.Object({
  items: Type.Array(Type.Object({ id: MessageId, file: Type.String(), report: MessageReportSchema })),
});
