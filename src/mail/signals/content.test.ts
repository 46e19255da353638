import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from '../analyze.js';
import { ctxFor, msg } from '../test-helpers.js';

/** Hand-made messages for the content signals; each pair shows the signal firing and its honest twin not firing. */
async function ids(headers: string, body: string): Promise<Set<string>> {
  const r = await analyzeMessage(msg(headers, body), ctxFor(null));
  return new Set(r.signals.map((s) => s.id));
}
const html = (from: string, subject: string, extra = ''): string =>
  `From: ${from}\nTo: reader@example.org\nSubject: ${subject}\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8${extra === '' ? '' : `\n${extra}`}`;
const text = (from: string, subject: string, extra = ''): string =>
  `From: ${from}\nTo: reader@example.org\nSubject: ${subject}${extra === '' ? '' : `\n${extra}`}`;

void test('prize lure counts only with a link to another site, and barely on its own', async () => {
  const lure = await ids(html('Promotions <win@promo-mailer.example>', 'You have been selected'),
    '<p>Congratulations! You have won a cookware set. <a href="https://claim-prize.example/x">Claim your prize</a></p>');
  assert.ok(lure.has('content.prize-lure'));
  const noLink = await ids(text('Promotions <win@promo-mailer.example>', 'Prize notification'),
    'Congratulations! You have won a cookware set. Mail the form to PO Box 1520 to claim your prize.\n');
  assert.ok(!noLink.has('content.prize-lure'));
});

void test('casino and pharmacy offers with a link elsewhere; adult solicitation; stranger offers', async () => {
  assert.ok((await ids(html('Casino <vip@bonus-mail.example>', 'Bonus'), '<a href="https://spins.example/">Claim 200 free spins</a> no deposit required')).has('content.gambling-offer'));
  assert.ok((await ids(html('Pharmacy <rx@cheap-mail.example>', 'Save'), 'Cialis $0.54 / pill <a href="https://pills.example/">order</a>')).has('content.pharma-offer'));
  assert.ok((await ids(text('Julia <julia@dating-mail.example>', 'hi'), 'Hot singles near you want to meet tonight.\n')).has('content.adult-lure'));
  assert.ok(!(await ids(text('Editor <ed@news.example>', 'Policy'), 'The article discusses pornography laws in the EU.\n')).has('content.adult-lure'));
  assert.ok((await ids(text('Tara <tara@biz.example>', 'HI'), 'I have a scintillating deal for you, a risk free venture.\n')).has('content.stranger-offer'));
});

void test('lure plus vehicle: a suspect link, an ordinary foreign link, a disguised sender', async () => {
  const suspect = await ids(html('Notice <n@notice-sender.example>', 'Account'), '<p>Your account will be suspended. <a href="https://bit.ly/abc">Verify</a></p>');
  assert.ok(suspect.has('content.credential-lure-link'));
  const foreign = await ids(html('Notice <n@notice-sender.example>', 'Account'), '<p>Your account will be suspended. <a href="https://restore-access.example/">Verify</a></p>');
  assert.ok(foreign.has('content.lure-foreign-link') && !foreign.has('content.credential-lure-link'));
  const home = await ids(html('Notice <n@notice-sender.example>', 'Account'), '<p>Your account will be suspended. <a href="https://www.notice-sender.example/">Verify</a></p>');
  assert.ok(!home.has('content.lure-foreign-link'));
  const disguised = await ids(text('Mr Tara <office@terra-globo.example>', 'HI', 'Reply-To: tara1469@gmail.com'),
    'I need a partner for a risk free venture, an investment of a substantial amount in your country.\n');
  assert.ok(disguised.has('content.lure-disguised-sender') && disguised.has('sender.reply-to-freemail'));
  // a Reply-To on another ordinary domain (mailing lists) is not a disguise
  const list = await ids(text('Ann <ann@corp.example>', 'HI', 'Reply-To: list@lists.example'), 'Our consultants offer a business proposal template.\n');
  assert.ok(!list.has('content.lure-disguised-sender'));
});

void test('brand named by a lure from elsewhere; brand From whose links all lead to throwaway hosting', async () => {
  const lure = await ids(text('Claims Desk <desk@omni-agents.example>', 'Complete your Bittrex bankruptcy claims process'),
    'You are an affected creditor. Complete your Bittrex bankruptcy claims process and withdraw your assets.\n');
  assert.ok(lure.has('content.brand-lure'));
  const own = await ids(text('Bittrex <news@bittrex.com>', 'Complete your Bittrex bankruptcy claims process'),
    'You are an affected creditor. Complete your Bittrex bankruptcy claims process and withdraw your assets.\n');
  assert.ok(!own.has('content.brand-lure'));
  const spoofed = await ids(html('Bradesco <notifica@bradesco.com.br>', 'Bradesco Prime'),
    '<p>Bem-vindo ao Bradesco Prime. <a href="https://b-a4qx.a.run.app/b/?tr=1">Cadastre-se</a></p>');
  assert.ok(spoofed.has('sender.brand-links-elsewhere') && spoofed.has('link.free-hosting'));
  const real = await ids(html('Bradesco <notifica@bradesco.com.br>', 'Bradesco Prime'),
    '<p>Bem-vindo ao Bradesco Prime. <a href="https://banco.bradesco.com.br/prime">Saiba mais</a> <a href="https://bit.ly/x">app</a></p>');
  assert.ok(!real.has('sender.brand-links-elsewhere'));
});

void test('single foreign call to action: short HTML with one link elsewhere, not through a mailing service', async () => {
  assert.ok((await ids(html('Deals <d@deals-sender.example>', 'Offer'), '<a href="https://landing.example/x">Open</a>')).has('content.single-foreign-action'));
  assert.ok(!(await ids(html('Deals <d@deals-sender.example>', 'Offer'), '<a href="https://u123.ct.sendgrid.net/ls/click?x">Open</a>')).has('content.single-foreign-action'));
  assert.ok(!(await ids(html('Deals <d@deals-sender.example>', 'Offer'), '<a href="https://www.deals-sender.example/x">Open</a>')).has('content.single-foreign-action'));
});

void test('disguised words, off-screen text; a newsletter preheader is not hidden text', async () => {
  const d = await ids(text('N e t f l i x ! <billing@nf-mail.example>', 'Your WaIIet'), 'Please validate your wállet today.\n');
  assert.ok(d.has('content.obfuscated-words'));
  assert.ok((await ids(text('Ana <ana@mail.example>', 'notes'), 'café, über, São Paulo\n')).has('content.obfuscated-words') === false);
  const off = await ids(html('Savings <s@save.example>', 'Trick'), '<style>.b{margin-top:470500px}</style><p>Hi</p><div class="b">copied text</div>');
  assert.ok(off.has('content.offscreen-text'));
  const pre = await ids(html('News <n@news.example>', 'Weekly'),
    `<span style="display:none">Our weekly picks ${'&zwnj;&nbsp;'.repeat(150)}</span><p>Hello, here are this week's picks.</p>`);
  assert.ok(!pre.has('content.hidden-text'));
});

void test('address greeting: greeting word later in the opening, display name, envelope recipient, quoted headers ignored', async () => {
  assert.ok((await ids(text('Deals <d@deals.example>', 'Tickets'), '4 tickets for you. Hallo reader@example.org! Jetzt mitmachen.\n')).has('content.address-greeting'));
  assert.ok((await ids(text('"your Bonus reader@example.org" <b@bonus.example>', 'Spins'), 'spins\n')).has('content.address-greeting'));
  assert.ok((await ids('From: d@deals.example\nTo: Undisclosed recipients:;\nDelivered-To: reader@example.org\nSubject: reader@example.org, your score is ready', 'check now\n')).has('content.address-greeting'));
  assert.ok(!(await ids(text('Bob <bob@corp.example>', 'Re: patch'), '> To: reader@example.org\n> Dear reader@example.org, the patch\nThanks, applied.\n')).has('content.address-greeting'));
});

void test('legal threats: summonses and warrants, not news about courts', async () => {
  assert.ok((await ids(text('Tribunal <t@libero.example>', 'Intimação judicial'), 'Intimação judicial: processo trabalhista em seu nome.\n')).has('content.legal-threat'));
  assert.ok(!(await ids(text('Editor <e@news.example>', 'DMCA'), 'The court hearing on the DMCA case is next week.\n')).has('content.legal-threat'));
});

void test('the body tells the reader to write to a free-mail box: a disguise for an advance-fee lure', async () => {
  const r = await analyzeMessage(msg(text('Mr. Wood Forest <agent@postal-office.example>', 'Attention'),
    'I have arrived with your consignment box of funds sum of $10.5million USD. Reconfirm your home address.\nContact Email: woodforest.7@gmail.com\n'), ctxFor(null));
  const got = new Set(r.signals.map((s) => s.id));
  assert.ok(got.has('content.freemail-contact') && got.has('content.payment-lure') && got.has('content.lure-disguised-sender'));
  assert.notEqual(r.verdict, 'clean');
  // a newsletter naming its advertising contact among pages of articles, and a quoted reply header, do not count
  const news = await ids(text('Media Unspun <editor@unspun.example>', 'Issue 12'),
    `${'Today in the media business: the market moved and analysts wrote about it at length. '.repeat(60)}\nAdvertise with us: contact Erik for details at erik.ads@yahoo.com\n`);
  assert.ok(!news.has('content.freemail-contact'));
  const quoted = await ids(text('Ann <ann@work.example>', 'Re: lunch'), 'Sure, Friday works.\n\nOn Tue, 27 Aug 2002 bob.lunch@yahoo.com wrote:\n> lunch?\n');
  assert.ok(!quoted.has('content.freemail-contact'));
});

void test('a picture and a link with no words is image-only; an image newsletter with text and many links is not', async () => {
  const lure = await ids(html('Energy Desk <news@energy-desk.example>', 'Save now'),
    '<a href="https://offer-page.example/r?id=1"><div style="width:640px;height:898px;background:url(\'https://imgur.com/abc.png\')"></div></a>');
  assert.ok(lure.has('content.image-only'));
  const links = Array.from({ length: 12 }, (_, i) => `<a href="https://shop.example/p${i}"><img src="https://shop.example/i${i}.png"></a>`).join('');
  const shop = await ids(html('Shop <news@shop.example>', 'New arrivals'), links);
  assert.ok(!shop.has('content.image-only'));
  const worded = await ids(html('Shop <news@shop.example>', 'New arrivals'),
    '<img src="https://shop.example/banner.png"><p>Our autumn collection is here, with free delivery on every order this week. Unsubscribe: shop.example/u</p><a href="https://shop.example/">Shop</a>');
  assert.ok(!worded.has('content.image-only'));
});

void test('an advance-fee lure from a free-mail account is a disguised sender; a personal note from one is not', async () => {
  const r = await ids(text('Bernard <bernard190@gmail.com>', 'Happy New Year'),
    'Mr. Bernard has donated $ 3,500,000.00 USD to you for charity, contact Bernard for details on how to receive your donation.\n');
  assert.ok(r.has('content.payment-lure') && r.has('content.lure-disguised-sender'));
  const note = await ids(text('Bernard <bernard190@gmail.com>', 'Happy New Year'), 'Happy new year! Say hello to the kids, see you in March.\n');
  assert.ok(!note.has('content.lure-disguised-sender'));
});

void test('pictures from an anonymous image host with one button elsewhere; the sender’s own pictures and site are not', async () => {
  const lure = await ids(html('Lawn Care Experts <itgf6@lawn-mailer.example>', 'Spring offer'),
    '<p>Your lawn deserves better.</p><img src="https://i.imgur.com/aTSOnv5.png"><a href="https://fieldguide-offers.example/go">Get my quote</a>');
  assert.ok(lure.has('content.borrowed-images-action'));
  const own = await ids(html('Lawn Care <news@lawncare.example>', 'Spring offer'),
    '<p>Your lawn deserves better.</p><img src="https://lawncare.example/spring.png"><a href="https://partner-garden.example/go">Get my quote</a>');
  assert.ok(own.has('content.single-foreign-action') && !own.has('content.borrowed-images-action'));
});

void test('a strong lure with replies sent elsewhere is disguised unless the mail is a mailing list’s', async () => {
  const lure = await ids(text('Asterdex <donor@email-plasma.example>', 'Claim', 'Reply-To: desk@other-reply.example'), 'Claim your token airdrop now before the snapshot.\n');
  assert.ok(lure.has('content.crypto-lure') && lure.has('content.lure-disguised-sender'));
  const listed = await ids(text('Asterdex <donor@email-plasma.example>', 'Claim', 'Reply-To: desk@other-reply.example\nList-Id: <news.email-plasma.example>'), 'Claim your token airdrop now before the snapshot.\n');
  assert.ok(listed.has('content.crypto-lure') && !listed.has('content.lure-disguised-sender'));
});

void test('a crypto sum offered at a stranger’s site; an exchange’s own notice about the reader’s coins is not', async () => {
  const lure = await ids(text('Wilmington Prints <service@prints-shop.example>', 'You have submitted our contact form'),
    'First name: Could it be true? Yes! You earned 1.3 Bitcoin! Click to explore: https://t.me/+claimnow\nMessage: hello\n');
  assert.ok(lure.has('content.crypto-windfall'));
  // the form-injection label: a host and a sum typed into a sign-up form's name field
  const injected = await ids(text('Shop <support@tee-shop.example>', '[Shop] Login details'),
    'Username: claim-now.pages.dev - 1.343 BTC BINANCE\nTo set your password, visit https://tee-shop.example/wp-login.php?action=rp\n');
  assert.ok(injected.has('content.crypto-windfall'));
  const own = await ids(text('Coinbase <no-reply@coinbase.com>', 'You received bitcoin'),
    'You received 0.0421 BTC. Your balance is available at https://www.coinbase.com/accounts\n');
  assert.ok(!own.has('content.crypto-windfall'));
  // news about coins, with no site offering them to the reader
  const news = await ids(text('Daily Brief <brief@crypto-news.example>', 'Markets'),
    'Funds withdrew 5,000 BTC from exchanges last week, the largest outflow this year.\nRead more at https://crypto-news.example/markets\n');
  assert.ok(!news.has('content.crypto-windfall'));
});

void test('casino spins offered without a count or added to a bonus; a card issuer’s welcome bonus is not gambling', async () => {
  assert.ok((await ids(html('Payout <nico@club-mail.example>', 'Register now & collect free spins!'), '<a href="https://spins.example/">Play</a>')).has('content.gambling-offer'));
  assert.ok((await ids(html('Lucky <vip@club-mail.example>', 'Welcome'), '<p>Welcome pack C$4800 + 300 FS</p><a href="https://spins.example/">Play</a>')).has('content.gambling-offer'));
  assert.ok(!(await ids(html('Card Services <offers@card-mail.example>', 'Welcome'), '<p>Earn a $200 welcome bonus after you spend $500 in the first 3 months.</p><a href="https://apply.card.example/">Apply</a>')).has('content.gambling-offer'));
});

void test('an account-suspended headline with an update request is a credential lure; a status-page headline is not', async () => {
  assert.ok((await ids(text('Billing Alert <alert@pier-mail.example>', 'ACCOUNT SUSPENDED: Update card details'), 'Your subscription expired.\n')).has('content.credential-lure'));
  assert.ok(!(await ids(text('Forum <admin@forum.example>', 'Spam account suspended'), 'We suspended the account that posted spam last night. Thanks for the reports.\n')).has('content.credential-lure'));
});

void test('accumulated loyalty points waiting to be redeemed are a payment lure; a programme statement is not', async () => {
  assert.ok((await ids(text('Cartões <aviso@cartoes-mail.example>', 'Resgate pendente'), 'Prezado, resgate os pontos acumulados no seu cartão. Veja como no PDF.\n')).has('content.payment-lure'));
  assert.ok(!(await ids(text('Rewards <news@airline.example>', 'Your statement'), 'You earned 1,200 points this month. See the catalogue on our site to use them.\n')).has('content.payment-lure'));
});

void test('free coins and airdrop invitations are crypto lures; a market report on an airdrop is not', async () => {
  assert.ok((await ids(text('Donate <chat@support-desk.example>', 'Chat transcript'), 'ACCEPT YOUR FREE BTC DONATE >> https://forms.example/x\n')).has('content.crypto-lure'));
  assert.ok((await ids(text('Partnership <p@desk.example>', 'Participate in Our Exclusive Tether Airdrop Today!'), 'Help us.\n')).has('content.crypto-lure'));
  assert.ok(!(await ids(text('Weekly <ed@chain-news.example>', 'Markets'), 'The airdrop announced last month moved the token 12% lower.\n')).has('content.crypto-lure'));
});

void test('a balance about to be lost and a dormant account with money in it are lures; a points statement is not', async () => {
  assert.ok((await ids(text('Offers <o@mailer.example>', 'cashback activated'), 'We inform you that your cash back in the amount of 75% will burn out within 72 hours.\n')).has('content.payment-lure'));
  assert.ok((await ids(text('CPF <c@mailer.example>', 'CPF'), 'Salarié ? Vos droits CPF expirent bientôt.\n')).has('content.payment-lure'));
  assert.ok((await ids(text('Forms <f@mailer.example>', 'Score released'), 'You haven\'t accessed your personal cabinet for quite some time. Your score: +$83.\n')).has('content.payment-lure'));
  assert.ok(!(await ids(text('Rewards <news@airline.example>', 'Statement'), 'Your cash back this month: $12.40, paid to your card on the 5th.\n')).has('content.payment-lure'));
});

void test('an unclaimed reward and a German selection notice are prize lures; casino bonuses in the plural count', async () => {
  assert.ok((await ids(html('Rewards Team <r@mailer.example>', 'You haven’t claimed your reward yet'), '<a href="https://reward-claim.example/">Get it</a>')).has('content.prize-lure'));
  assert.ok((await ids(html('Prämienteam <p@mailer.example>', 'Sie wurden für eine Prämie von Douglas ausgewählt.'), '<a href="https://umfrage.example/">Starten</a>')).has('content.prize-lure'));
  assert.ok(!(await ids(html('Shop <s@shop.example>', 'Your reward was claimed'), '<p>You claimed your reward on 3 May.</p><a href="https://umfrage.example/">Account</a>')).has('content.prize-lure'));
  assert.ok((await ids(html('Club <c@mailer.example>', 'Play'), '<p>Discover casino games and exclusive bonuses.</p><a href="https://play.example/">Play</a>')).has('content.gambling-offer'));
});

void test('a sign-in request whose steps follow a colon is a credential lure', async () => {
  assert.ok((await ids(text('Update <u@mailer.example>', 'Claim'), 'Please sign in to your dashboard to: review your eligibility status.\n')).has('content.credential-lure'));
  assert.ok(!(await ids(text('Docs <d@vendor.example>', 'Guide'), 'Sign in to your dashboard. Review the guide at your leisure.\n')).has('content.credential-lure'));
});

void test('a product name over a random mailbox on an unrelated subdomain that takes every click is snowshoe mail', async () => {
  const snow = await ids(html('TrimRx Health <wkaloqa@eaux.smedialy.example>', 'Start your assessment'),
    '<p>A program built around your goals.</p><a href="https://eaux.smedialy.example/c/1">Start</a> <a href="https://eaux.smedialy.example/u">unsubscribe</a>');
  assert.ok(snow.has('sender.snowshoe'));
  // the company's own name in its sending host, a role mailbox, a mailing service's VERP mailbox: not snowshoe
  for (const from of ['TrimRx Health <wkaloqa@mail.trimrx.example>', 'TrimRx Health <newsletter@eaux.smedialy.example>', 'TrimRx Health <bounce-8812.x7@eaux.smedialy.example>']) {
    const r = await ids(html(from, 'Start your assessment'), '<p>Hi.</p><a href="https://eaux.smedialy.example/c/1">Start</a> <a href="https://mail.trimrx.example/c/1">Site</a>');
    assert.ok(!r.has('sender.snowshoe'), from);
  }
});

void test('a random tag on the subject or sender name, and a merge field left unfilled; their honest twins are not', async () => {
  assert.ok((await ids(text('Deals <deals@shop.example>', 'We tried to reach you!     QXTRVPLMZK'), 'hello\n')).has('content.random-tag'));
  assert.ok((await ids(text('Marieke de Vries .QWTR <news@shop.example>', 'Subsidie'), 'hello\n')).has('content.random-tag'));
  assert.ok(!(await ids(text('Help Desk <help@desk.example>', 'Re: printer down - ticket #55606OTC1'), 'hello\n')).has('content.random-tag'));
  assert.ok((await ids(text('Plans <news@plans.example>', 'New plans'), 'Hey {{ FNAME }},\nour new plans are here.\n')).has('content.unfilled-merge-field'));
  assert.ok(!(await ids(text('Dev <dev@lists.example>', 'spec tweak'), 'install -d %{buildroot}/usr/share/%{name}\n')).has('content.unfilled-merge-field'));
});
