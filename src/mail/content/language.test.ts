import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeHits, scanLanguage, type LanguageHits } from './language.js';

type Field = keyof LanguageHits;
const hit = (h: LanguageHits, f: Field): boolean => { const v = h[f]; return Array.isArray(v) ? v.length > 0 : v !== null; };

// each row: the field that must fire, and phrases (lure shapes from real phishing, rewritten) that must fire it
const VALID: [Field, string[]][] = [
  ['credential', [
    'Your wallet will soon be suspended.',
    'Our system shows your wallet has not yet been verified. All unverified wallets will be suspended on Saturday.',
    'Enter the 12 word passphrase from your wallet in the right order.',
    'Sua conta Microsoft foi acessada a partir de um novo dispositivo. Entre com seu e-mail e senha.',
    'Activités de connexion inhabituelles sur votre compte',
    'Actúa ahora antes de que se eliminen los archivos',
    'Ihr Konto wird in 2 Tagen gelöscht',
    'Uw account wordt binnen 24 uur geblokkeerd',
    'Your cloud storage is full. Your photos and videos will be deleted on Friday.',
    'Immediate verification required',
    'Deposit and withdrawal functionality in your account has been temporarily suspended.',
  ]],
  ['lure', [
    'Your local courier tried to deliver your parcel today. Please schedule a redelivery.',
    'Lieferung in Bearbeitung: Bestätigen Sie Ihre Versanddetails',
    'Er was een adresfout, u heeft 1 pakket dat op bezorging wacht',
    'Your Antivirus subscription for Windows expired on January 5. Your PC may be vulnerable.',
    'Your payment was declined, update your card details to keep access',
    'Mr. Bernard has donated $3.5million to you for the purpose of charity',
    'My family need your assistance to transfer and invest the sum of USD$45.5 Million dollars',
    'Call Wilson to pick up your MTCN today',
  ]],
  ['prize', [
    'CONGRATS! You are the lucky online winner of a brand new cookware set',
    'Herzlichen Glückwunsch, Sie wurden ausgewählt! Sichern Sie sich den Gutschein',
    'Gefeliciteerd! U bent gekozen voor een kort onderzoek en win een beloning',
    'Claim your free mystery box now',
  ]],
  ['gambling', ['Claim 200 free spins today', '450 € Bonus und 250 Freispiele – keine Einzahlung erforderlich']],
  ['adult', ['Hot singles near you want to meet tonight', 'Ben je nog opzoek naar een spannende afspraak?', 'Chat with beautiful Ukrainian women today']],
  ['crypto', [
    'Claim Your stETH Rewards', 'Complete your Bittrex bankruptcy claims process and withdraw your assets',
    'The wait is over: join the presale and secure your token spot', 'You earned 1.3 Bitcoin! Click to explore',
    'Ihre Bitcoin-Auszahlung steht bereit',
  ]],
  ['extortion', ['I had gained full access to all your devices and I have been monitoring your internet activity']],
  ['callback', [
    'Your NORTON 360 subscription has been successfully renewed. Call us on +1 (888) (683) - (1189) to cancel.',
    'Thank you for your order. If you did not make this purchase, call +1 818 492 9813.',
    'NUBANK: Compra de R$1449,99 retida para analise. Caso nao reconheça ligue 0800-585-4242',
  ]],
  ['legal', ['INTIMAÇÃO JUDICIAL: processo trabalhista em seu nome', 'Anklageschreiben wegen eines Verbrechens', 'An arrest warrant has been issued']],
  ['pharma', ['Cialis $0.54 / pill, Viagra $0.36 / pill']],
  ['offer', ['I have a scintillating deal for you, a risk free venture', 'Oferecemos empréstimos flexíveis a uma taxa de juros de apenas 2%']],
];

// honest sentences that share words with the lures and must not fire the field
const INVALID: [Field, string[]][] = [
  ['credential', ['We verified the patch on Linux and it builds.', 'The storage array is full of old kernels, I will clean it.']],
  ['lure', ['The Linux Foundation received a grant of $2 million for the kernel.', 'Your package was delivered to the front door.', 'Economists put the donation gap at $600 billion; for you and me that means higher fees.']],
  ['prize', ['Congratulations on the new release!', 'The prize committee met on Friday.']],
  ['gambling', ['We spin up 200 free servers for the test.', 'The casino scene in the film is long.']],
  ['adult', ['The article discusses pornography laws in the EU.', 'Single women founders raised less money.', 'Hook up the modem to the serial port.']],
  ['crypto', ['Bitcoin fell 3% today, analysts said.', 'The company filed for chapter 11 last year.']],
  ['callback', ['Thank you for your order. It ships tomorrow.', 'Call us at 555-0100 with questions about the meetup.']],
  ['legal', ['The court hearing on the DMCA case is next week.']],
  ['pharma', ['Pharmacy opening hours change on Monday.', 'Thai makers of generic Viagra face a patent suit, the paper reports.']],
  ['offer', ['We offer training at our office on Tuesdays.']],
];

void test('lure shapes fire their category', () => {
  for (const [field, phrases] of VALID) for (const p of phrases) assert.ok(hit(scanLanguage(p), field), `${field}: ${p}`);
});

void test('honest sentences with the same words do not', () => {
  for (const [field, phrases] of INVALID) for (const p of phrases) assert.ok(!hit(scanLanguage(p), field), `${field}: ${p} → ${JSON.stringify(scanLanguage(p)[field])}`);
});

void test('mergeHits unions two scans, each phrase once', () => {
  const a = scanLanguage('Your wallet will soon be suspended. Claim 200 free spins');
  const b = scanLanguage('Your wallet will soon be suspended. Hot singles near you want to meet');
  const m = mergeHits(a, b);
  assert.equal(m.credential.length, 1);
  assert.ok(m.gambling !== null && m.adult.length === 1);
});

test('advance-fee: a windfall, a sum and an ask, in the phrasings of the letters', () => {
  const fee = [
    'I would like to discuss investment opportunities totaling $2.5billion with you. Kindly drop your whatsapp number when responding.',
    'You have just received a €520,000 from moneygram, reply back to have it activated immediately.',
    'It is my urgent need for a foreign partner that made me contact you for this transaction of $14.6 Million USD. Please reply for more detail.',
    'Your approved funds of US$10,500,000 are ready. We need a re-confirmation from you before we proceed. We look forward to your swift response.',
  ];
  for (const t of fee) assert.ok(scanLanguage(t).lure.length > 0, t);
  // a sum and a windfall word without any ask, and an ask without a windfall, are ordinary prose
  assert.equal(scanLanguage('Western Union reported revenue of $5.1 billion for the quarter.').lure.length, 0);
  assert.equal(scanLanguage('Please reply with your availability for the €120,000 budget review.').lure.length, 0);
});

test('dating-scam openers: a stranger offering her photos, explicit-content gates, flirting pitches', () => {
  for (const t of ['Where are you from? I\'ll reply to You my photo;) Write at my mail', 'Deze website bevat expliciete beelden, video\'s en verhalen.', 'Flirten voor singles wordt hier kinderspel.']) {
    assert.ok(scanLanguage(t).adult.length > 0, t);
  }
  // a friend promising holiday photos, and a film review that mentions explicit scenes
  assert.equal(scanLanguage('I will send you the photos from the wedding tomorrow.').adult.length, 0);
  assert.equal(scanLanguage('The film has explicit scenes and is rated 18.').adult.length, 0);
});
