/**
 * Host lists behind the link flags. Sources: the PhishTank/OpenPhish hosting breakdowns and the URL-shortener
 * lists maintained by SpamAssassin (`URI_SHORTENER`) and Rspamd (`surbl` redirector list). Data, not code: extend
 * freely. Registrable domains unless a full host is needed.
 */
export const SHORTENERS = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly',
  'shorturl.at', 'rb.gy', 't.ly', 'tiny.cc', 'bl.ink', 'short.io', 'shorte.st', 'adf.ly', 'v.gd', 'qrco.de',
  's.id', 'lnkd.in', 'x.co', 'soo.gd', 'clck.ru', 'u.to', 'urlz.fr', 'tr.im', 'snip.ly', 'bit.do', 'me2.kr',
  'han.gl', 'vo.la', 'url.kr', 'naver.me', 'hyperurl.co', 'linktr.ee', 'tinyurl.is', 'shorturl.asia',
]);

/** Free hosting, site builders and storage buckets where anyone can publish a credential form in a minute. */
export const FREE_HOSTING = new Set([
  'web.app', 'firebaseapp.com', 'appspot.com', 'pages.dev', 'workers.dev', 'r2.dev', 'netlify.app', 'vercel.app',
  'glitch.me', 'herokuapp.com', 'github.io', 'gitlab.io', 'weebly.com', 'wixsite.com', 'wix.com', 'square.site',
  'webflow.io', '000webhostapp.com', 'blogspot.com', 'wordpress.com', 'sites.google.com', 'godaddysites.com',
  'myshopify.com', 'carrd.co', 'framer.app', 'framer.website', 'notion.site', 'typedream.app', 'replit.app',
  'repl.co', 'onrender.com', 'fly.dev', 'surge.sh', 'azurewebsites.net', 'ngrok.io', 'ngrok-free.app',
  'trycloudflare.com', 'jimdosite.com', 'webnode.page', 'yolasite.com', 'strikingly.com', 'mystrikingly.com',
  'tilda.ws', 'ukit.me', 'site123.me', 'editorx.io', 'zohosites.com', 'canva.site', 'hpage.com', 'bit.ai',
  'forms.gle', 'docs.google.com', 'storage.googleapis.com', 'firebasestorage.googleapis.com',
  'blob.core.windows.net', 'web.core.windows.net', 's3.amazonaws.com', 'amazonaws.com', 'digitaloceanspaces.com',
  'sharepoint.com', '1drv.ms', 'dropbox.com', 'dropboxusercontent.com', 'wetransfer.com', 'mediafire.com',
  'formstack.com', 'jotform.com', 'typeform.com', 'forms.office.com', 'sway.office.com', 'ipfs.io', 'dweb.link',
  'cloudflare-ipfs.com', 'gateway.pinata.cloud', 'nftstorage.link', 'fleek.co', '4everland.io', 'w3s.link',
  'backblazeb2.com', 'cprapid.com', 'freehosting.com', 'wcomhost.com', 'hostingersite.com',
  // serverless and proxy hosts: a page on them belongs to whoever made the project a minute ago
  'run.app', 'cloudfunctions.net', 'translate.goog', 'page.link', 'app.link',
  'free.nf', 'wuaze.com', 'rf.gd', 'epizy.com', 'infinityfreeapp.com', 'great-site.net', 'lovestoblog.com', 'kesug.com',
  'byethost.com', 'altervista.org', 'yolasite.com', 'webwave.dev', 'mobirisesite.com', 'ucraft.site', 'codeanyapp.com',
  'forms.yandex.com', 'forms.yandex.ru', 'telegra.ph', 'glide.page', 'wixstudio.io', 'flazio.com', 'tiiny.site',
  // the file stores behind site builders: a document there is anyone's upload
  'filesusr.com', 'usrfiles.com',
  // dynamic DNS: a name for any home or rented machine, free and anonymous
  'ddns.net', 'sytes.net', 'servegame.org', 'hopto.org', 'zapto.org', 'no-ip.org', 'no-ip.biz', 'duckdns.org',
  'dynu.net', 'serveftp.com', 'myftp.biz', 'myftp.org', 'freeddns.org', 'dnsalias.com', 'redirectme.net', 'servehttp.com',
]);

/**
 * Cloud storage buckets and their static-website endpoints. Companies put files there and serve their web pages
 * from their own names; a web page opened straight from a bucket is a site with no name anyone answers for.
 */
export const STORAGE_BUCKETS = new Set([
  'storage.googleapis.com', 'firebasestorage.googleapis.com', 'amazonaws.com', 'blob.core.windows.net',
  'web.core.windows.net', 'digitaloceanspaces.com', 'r2.dev', 'backblazeb2.com', 'linodeobjects.com',
  'wasabisys.com', 'oraclecloud.com', 'aliyuncs.com', 'myqcloud.com',
]);

/**
 * Anonymous image-sharing sites. Institutions and mailing services host a mail's pictures on their own servers;
 * bulk lures borrow these because they cost nothing and name no one.
 */
export const IMAGE_HOSTS = new Set([
  'imgur.com', 'zupimages.net', 'ibb.co', 'imgbb.com', 'imghippo.com', 'imgchest.com', 'postimg.cc', 'postimages.org',
  'gyazo.com', 'prnt.sc', 'prntscr.com', 'imageshack.com', 'tinypic.com', 'photobucket.com', 'freeimage.host',
  'imagevenue.com', 'imgbox.com', 'pixhost.to', 'imgpile.com', 'imgur.io', 'ibb.org', 'imgflip.com', 'funkyimg.com',
  'imageban.ru', 'radikal.ru', 'fastpic.org', 'lightshot.com', 'picsur.org', 'imagizer.com', 'clip2net.com',
  // Twitter's picture store: X's own notifications use it too, which is why the flag weighs little
  'twimg.com',
]);

/** IPFS gateways and path/host shapes (`/ipfs/<cid>`, `<cid>.ipfs.dweb.link`). */
export const IPFS_HOSTS = new Set(['ipfs.io', 'dweb.link', 'cloudflare-ipfs.com', 'gateway.pinata.cloud', 'nftstorage.link', 'w3s.link', '4everland.io', 'fleek.co']);

/** Query parameters that carry a redirect target in open redirectors and click trackers. */
export const REDIRECT_PARAMS = ['url', 'u', 'q', 'redirect', 'redirect_uri', 'redirect_url', 'redir', 'target', 'dest', 'destination', 'next', 'continue', 'goto', 'link', 'out', 'to', 'r', 'ret', 'returnurl', 'return'];

/** Path words of credential-harvesting pages. */
export const CREDENTIAL_PATH = /(?:^|[/._-])(?:log-?in|sign-?in|logon|verif(?:y|ication)|validate|authenticate|auth|account|secure|security|update|unlock|recover|reset|password|passwd|webmail|owa|wallet|seed|kyc|billing|confirm)(?:$|[/._?=-])/i;

/**
 * Click-tracking and sending domains of the big mailing services: an honest short notice sent through them has
 * every link rewritten to the service's domain, so "all links go to one other site" says nothing there.
 */
export const ESP_TRACKERS = new Set([
  'sendgrid.net', 'list-manage.com', 'mailchimp.com', 'mcsv.net', 'mailchi.mp', 'mandrillapp.com', 'hubspotlinks.com',
  'hubspotemail.net', 'hs-sites.com', 'mailgun.org', 'mailgun.net', 'sparkpostmail.com', 'exacttarget.com',
  'rs6.net', 'constantcontact.com', 'awstrack.me', 'sendibt3.com', 'sendibt2.com', 'brevo.com', 'sendinblue.com',
  'klaviyo.com', 'klclick.com', 'klclick1.com', 'createsend.com', 'cmail19.com', 'cmail20.com', 'mailjet.com', 'mjt.lu',
  'postmarkapp.com', 'pstmrk.it', 'pardot.com', 'eloqua.com', 'en25.com', 'mktoweb.com', 'mkt.com', 'acemlna.com',
  'acemlnb.com', 'acemlnc.com', 'acemlnd.com', 'activehosted.com', 'emltrk.com', 'substack.com', 'beehiiv.com',
  'convertkit-mail.com', 'ck.page', 'zendesk.com', 'intercom-mail.com', 'customeriomail.com', 'mailerlite.com',
  'mlsend.com', 'aweber.com', 'getresponse.com', 'salesforce.com', 'marketingcloudapps.com', 'sfmc-content.com',
  'braze.com', 'iterable.com', 'links.iterable.com', 'mailersend.net', 'smtp2go.com', 'elasticemail.com',
]);
