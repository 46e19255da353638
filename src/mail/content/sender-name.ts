/**
 * Display names that speak for an institution ("SwiftParcel Delivery", "Webmail Support", "고객센터") while the
 * address belongs to a domain that carries none of the name's distinctive words. Companies send from their own
 * domains (or name the sending service with "via"); phishing borrows a name and sends from wherever it can.
 */
const INSTITUTIONAL = [
  'support', 'service', 'services', 'team', 'security', 'billing', 'account', 'accounts', 'notification', 'notifications',
  'customer', 'helpdesk', 'department', 'bank', 'banking', 'delivery', 'parcel', 'shipping', 'tracking', 'official',
  'verification', 'alert', 'alerts', 'webmail', 'mailbox', 'administrator', 'admin', 'payroll', 'finance', 'invoice',
  'wallet', 'exchange', 'rewards', 'express', 'logistics', 'courier', 'postal', 'refund', 'compliance', 'helpline',
  // Portuguese, Spanish, German, French, Italian: the same institutions in the languages of the lures we see
  'banco', 'atendimento', 'suporte', 'soporte', 'cliente', 'clientes', 'seguran', 'kundenservice', 'kundendienst',
  'sicherheit', 'banque', 'servizio', 'assistenza', 'pagamento', 'pagos', 'entrega', 'encomenda', 'aviso',
];
// teams, centres and public bodies: "…대응팀", "금융감독원", "금융위원회", "경찰청", "KB국민은행 기업뱅킹"
const KO_INSTITUTIONAL = /(?:고객센터|보안팀|관리자|운영팀|고객지원|보안센터|인증센터|인사팀|재무팀|총무팀|경영지원|회계팀|법무팀|감사팀|대표이사|비서실|[가-힣]{2,}(?:대응팀|지원팀|관리팀|담당팀)|위원회|감독원|진흥원|분석원|경찰청|검찰청|국세청|관세청|수사대|수사국|은행|뱅킹)/u;
const STOP = new Set(['the', 'and', 'from', 'your', 'with', 'for', 'via', 'dept', 'online', 'mail', 'email', 'info', 'noreply', 'reply', 'center', 'centre', 'desk', 'office', 'group', 'global', 'international', 'inc', 'ltd', 'llc', 'corp', 'company']);

export function institutionalName(name: string): { distinctive: string[] } | null {
  const lower = name.toLowerCase().normalize('NFKC');
  if (/\bvia\b/.test(lower)) return null;
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const hit = KO_INSTITUTIONAL.test(lower) || words.some((w) => INSTITUTIONAL.some((i) => (i.length >= 5 ? w.includes(i) : w === i)));
  if (!hit) return null;
  const distinctive: string[] = [];
  for (const w of words) {
    let rest = w;
    for (const i of INSTITUTIONAL) if (i.length >= 5) rest = rest.replace(i, '');
    if (rest.length >= 4 && !STOP.has(rest) && !/^\d+$/.test(rest) && /^[a-z0-9]+$/.test(rest)) distinctive.push(rest);
  }
  return { distinctive };
}

/**
 * True when the display name is institutional and none of its distinctive words appears in the sender's host.
 * With `anyInstitutional` (free-mail senders) an institutional name alone is enough.
 */
export function nameDomainMismatch(name: string | null, domain: string | null, anyInstitutional = false): { words: string[] } | null {
  if (name === null || domain === null) return null;
  const inst = institutionalName(name);
  if (inst === null) return null;
  if (inst.distinctive.length === 0) return anyInstitutional ? { words: [] } : null;
  const d = domain.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (inst.distinctive.some((w) => d.includes(w) || (w.length >= 6 && d.includes(w.slice(0, 5))))) return null;
  return { words: inst.distinctive };
}
