/** Free-mail providers (registrable domains): anyone can get an address there in a minute. */
export const FREEMAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.kr', 'yahoo.co.jp', 'yahoo.co.uk', 'ymail.com', 'hotmail.com',
  'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.net',
  'gmx.de', 'web.de', 'yandex.com', 'yandex.ru', 'mail.ru', 'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com',
  'tuta.io', 'zoho.com', 'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'nate.com', 'qq.com', '163.com',
  '126.com', 'sina.com', 'rambler.ru', 'inbox.ru', 'bk.ru', 'list.ru', 'hushmail.com', 'fastmail.com',
  'mailfence.com', 'rediffmail.com', 'libero.it', 'orange.fr', 'laposte.net', 't-online.de', 'seznam.cz',
]);

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
