/**
 * Commodity infrastructure: things anyone can use, which therefore say nothing about who used them. Such items
 * never link attempts by themselves (docs/campaigns.md). Extend per call (`extraCommodity`) or per installation
 * (`<home>/campaigns-commodity.json`). Domains are registrable domains or hosts; a host under a listed domain is
 * covered too.
 */

/** Free-mail providers: anyone gets an address there in a minute. */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.kr', 'yahoo.co.jp', 'yahoo.co.uk', 'ymail.com', 'hotmail.com',
  'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'mail.com', 'gmx.com', 'gmx.net',
  'gmx.de', 'web.de', 'yandex.com', 'yandex.ru', 'mail.ru', 'proton.me', 'protonmail.com', 'pm.me', 'tutanota.com',
  'tuta.io', 'zoho.com', 'naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'nate.com', 'qq.com', '163.com',
  '126.com', 'sina.com', 'rambler.ru', 'inbox.ru', 'bk.ru', 'list.ru', 'hushmail.com', 'fastmail.com',
  'mailfence.com', 'rediffmail.com', 'libero.it', 'orange.fr', 'laposte.net', 't-online.de', 'seznam.cz',
  'outlook.kr', 'hotmail.co.kr', 'cock.li', 'guerrillamail.com', 'mailinator.com', 'temp-mail.org',
];

/** URL shorteners: one service, millions of unrelated users. */
export const SHORTENER_DOMAINS: readonly string[] = [
  'bit.ly', 'bitly.com', 'tinyurl.com', 'is.gd', 'v.gd', 'cutt.ly', 't.co', 'goo.gl', 'ow.ly', 'buff.ly', 'rb.gy',
  'shorturl.at', 't.ly', 'rebrand.ly', 'bl.ink', 'lnkd.in', 's.id', 'tiny.cc', 'shorte.st', 'adf.ly', 'me2.kr',
  'han.gl', 'url.kr', 'naver.me', 'vo.la', 'qrco.de', 'forms.gle', '1drv.ms', 'aka.ms', 'trib.al', 'dlvr.it',
];

/** Public hosting, IPFS gateways, form and file-sharing services: the platform is shared, a tenant's host is not. */
export const PUBLIC_HOSTING_DOMAINS: readonly string[] = [
  'ipfs.io', 'dweb.link', 'cloudflare-ipfs.com', 'gateway.pinata.cloud', 'pages.dev', 'workers.dev', 'r2.dev',
  'web.app', 'firebaseapp.com', 'github.io', 'gitlab.io', 'netlify.app', 'vercel.app', 'herokuapp.com',
  'azurewebsites.net', 'windows.net', 'amazonaws.com', 'cloudfront.net', 'googleapis.com', 'appspot.com',
  'googleusercontent.com', 'sites.google.com', 'docs.google.com', 'drive.google.com', 'dropbox.com',
  'dropboxusercontent.com', 'sharepoint.com', 'onedrive.live.com', 'wetransfer.com', 'mediafire.com', 'weebly.com',
  'wixsite.com', 'square.site', 'glitch.me', 'repl.co', '000webhostapp.com', 'blogspot.com', 'wordpress.com',
  'notion.site', 'typeform.com', 'surveymonkey.com', 'jotform.com', 'formstack.com', 'onrender.com', 'fly.dev',
  'ngrok.io', 'ngrok-free.app', 'trycloudflare.com', 'duckdns.org', 'no-ip.com', 'ddns.net',
];

/** Big providers and page furniture: hosts that appear in everyone's mail (doctype, fonts, CDNs, social icons). */
export const BIG_PROVIDER_DOMAINS: readonly string[] = [
  'google.com', 'gstatic.com', 'microsoft.com', 'office.com', 'office365.com', 'apple.com', 'amazon.com',
  'linkedin.com', 'facebook.com', 'twitter.com', 'x.com', 'youtube.com', 'instagram.com', 'w3.org', 'schema.org',
  'akamaihd.net', 'akamaized.net', 'cloudflare.com', 'jsdelivr.net', 'unpkg.com', 'fastly.net', 'gravatar.com',
];

/**
 * Webmail, cloud and bulk-mail relay ranges (IPv4 CIDRs). A message relayed by these came through someone's
 * service; the service's address links every customer. Sources: the providers' published SPF ranges.
 */
export const COMMODITY_CIDRS: readonly string[] = [
  // Google (_spf.google.com)
  '209.85.128.0/17', '74.125.0.0/16', '64.233.160.0/19', '66.102.0.0/20', '66.249.80.0/20', '72.14.192.0/18',
  '108.177.8.0/21', '172.217.0.0/16', '173.194.0.0/16', '35.190.247.0/24',
  // Microsoft (spf.protection.outlook.com)
  '40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17',
  // Yahoo, Apple iCloud
  '98.136.0.0/14', '74.6.0.0/16', '17.0.0.0/8',
  // NAVER and Kakao/Daum webmail relays
  '125.209.192.0/18', '211.231.96.0/20',
  // Amazon SES, SendGrid, Mailchimp/Mandrill, Proton, Cloudflare
  '54.240.0.0/18', '23.249.208.0/20', '167.89.0.0/17', '149.72.0.0/16', '198.2.128.0/18', '205.201.128.0/20',
  '185.70.40.0/22', '104.16.0.0/13', '172.64.0.0/13',
];

/** Mailers so common that sharing one says nothing (matched case-insensitively at the start of X-Mailer). */
export const COMMON_MAILERS: readonly RegExp[] = [
  /^microsoft outlook \d/i, /^microsoft office outlook/i, /^apple mail/i, /^iphone mail/i, /^ipad mail/i,
  /^mozilla thunderbird/i, /thunderbird/i, /^evolution/i, /^kmail/i, /^mutt/i, /^roundcube/i, /^zimbra/i,
  /^samsung/i, /^android/i, /^gmail/i, /^outlook-(ios|android)/i, /^microsoft cdo/i, /^microsoft exchange/i,
];
