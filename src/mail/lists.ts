/** Free-mail providers (registrable domains): anyone can get an address there in a minute. */
export const FREEMAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.kr', 'yahoo.co.jp', 'yahoo.co.uk', 'ymail.com', 'hotmail.com',
  'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.net',
  'gmx.de', 'web.de', 'yandex.com', 'yandex.ru', 'mail.ru', 'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com',
  'tuta.io', 'zoho.com', 'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'nate.com', 'qq.com', '163.com',
  '126.com', 'sina.com', 'rambler.ru', 'inbox.ru', 'bk.ru', 'list.ru', 'hushmail.com', 'fastmail.com',
  'mailfence.com', 'rediffmail.com', 'libero.it', 'orange.fr', 'laposte.net', 't-online.de', 'seznam.cz',
  // the other large national webmail services (Europe, Latin America, the former Soviet states)
  'inbox.eu', 'inbox.lv', 'mail.ee', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'op.pl', 'freenet.de', 'posteo.de',
  'mailbox.org', 'virgilio.it', 'alice.it', 'tiscali.it', 'free.fr', 'sfr.fr', 'sapo.pt', 'abv.bg', 'ukr.net', 'i.ua',
  'ya.ru', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'email.com', 'usa.com', 'post.com', 'consultant.com',
  'myself.com', 'engineer.com', 'cock.li', 'tutamail.com', 'tuta.com', 'zohomail.com', 'freemail.hu', 'citromail.hu',
]);

/** Providers whose every national domain is free-mail too (hotmail.fr, yahoo.com.br, gmx.at, outlook.de…). */
const FREEMAIL_LABELS = new Set(['gmail', 'googlemail', 'yahoo', 'ymail', 'rocketmail', 'hotmail', 'outlook', 'live', 'aol', 'gmx', 'yandex', 'protonmail']);

/** Is this registrable domain a free-mail provider's? */
export function isFreemail(registrableDomain: string): boolean {
  if (FREEMAIL.has(registrableDomain)) return true;
  const dot = registrableDomain.indexOf('.');
  return dot > 0 && FREEMAIL_LABELS.has(registrableDomain.slice(0, dot));
}

/**
 * Platform hosts anyone can send "from" (app-hosting subdomains): a sender on one of them is an individual's
 * project, never an institution. Firebase Auth mails from <project>.firebaseapp.com, so this only adds weight.
 */
export const FREE_HOSTING_SENDER = [
  'firebaseapp.com', 'web.app', 'appspot.com', 'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev',
  'glitch.me', 'github.io', 'onrender.com', 'azurewebsites.net', 'blogspot.com', 'wixsite.com', 'weebly.com', 'repl.co',
];

/** Dynamic-DNS names: they point at a home or rented machine. Hobbyists run mail servers there; institutions never do. */
export const DYNAMIC_DNS = [
  'ddns.net', 'sytes.net', 'servegame.org', 'hopto.org', 'zapto.org', 'no-ip.org', 'no-ip.biz', 'duckdns.org', 'dynu.net',
  'serveftp.com', 'myftp.biz', 'myftp.org', 'freeddns.org', 'redirectme.net', 'servehttp.com', 'dyndns.org', 'dynalias.com',
];
