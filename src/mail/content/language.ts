/**
 * Lure language, English and Korean (and the Portuguese, Spanish, German, French and Dutch shapes common in real
 * phishing). Phrases come from the APWG/Anti-Phishing Working Group lure taxonomy,
 * KISA's phishing-mail advisories (Korean), and the sextortion templates collected by the Sextortion Scam
 * Tracker; each pattern is a phrase an honest sender rarely needs. Matching is on the visible text only, with
 * bounded, backtracking-free patterns (alternations of literals with `\s+`).
 *
 * Latin-script patterns use `/i`, not `/iu`: V8 matches case-insensitive Unicode-mode patterns several times slower,
 * and with some hundred patterns over up to 64 KB of text that was a millisecond per message. Accented letters are
 * BMP literals, which `/i` folds the same way; only patterns that need `\p{…}` classes keep the `u` flag.
 */

export interface PhraseHit {
  kind: 'credential' | 'urgency' | 'extortion' | 'payment-change' | 'crypto-lure';
  phrase: string;
}

const CREDENTIAL: RegExp[] = [
  /\b(?:verify|confirm|validate|re-?validate|re-?activate|update|restore|unlock|secure)\s+your\s+(?:account|identity|e-?mail|mailbox|password|credentials|login|profile|wallet|payment|billing)/i,
  /\byour\s+(?:account|mailbox|password|e-?mail\s+account|apple\s+id|wallet|profile)\s+(?:has\s+been|was|will\s+be|is\s+being|is)\s+(?:temporarily\s+|permanently\s+)?(?:suspended|locked|disabled|limited|restricted|closed|terminated|deactivated|blocked|compromised|on\s+hold|expir\w*)/i,
  /\bunusual\s+(?:sign[\s-]?in|log[\s-]?in|login)\s+(?:activity|attempt)/i,
  /\b(?:suspicious|unauthori[sz]ed)\s+(?:sign[\s-]?in|log[\s-]?in|login|activity|access|transaction)/i,
  /\bpassword\s+(?:will\s+)?(?:expire|expires|expired|expiration)/i,
  /\bmailbox\s+(?:is\s+)?(?:full|quota|storage|almost\s+full|over\s+quota)/i,
  /\b(?:storage|quota)\s+(?:is\s+)?(?:full|exceeded|limit\s+reached)/i,
  /\b(?:log\s?in|sign\s?in)\s+(?:to|and)\s+(?:verify|confirm|restore|keep|avoid|continue|reactivate|review)/i,
  /\bclick\s+(?:here|below|the\s+(?:link|button))\s+to\s+(?:verify|confirm|restore|unlock|update|validate|keep|reactivate|secure|log\s?in|sign\s?in|review)/i,
  /\b(?:sign|log)\s?in\s+(?:to|at|on)\s+(?:the|our|your)\s+(?:[a-z-]+\s+){0,3}(?:portal|desk|dashboard|console|account|page)\s+to:?\s+(?:review|view|access|confirm|verify|complete|download|see)/i,
  /\b(?:re-?verif(?:y|ication)|re-?authenticat(?:e|ion)|re-?validat(?:e|ion))\s+(?:of\s+)?(?:your\s+)?(?:signing\s+)?(?:keys?|account|credentials|wallet|identity|2fa|mfa|otp)/i,
  /\b(?:verifique|confirme|atualize|actualice)\s+(?:su|sua|seu|tu|seus|sus)\s+(?:cuenta|conta|dados|datos|identidad|identidade|contrase\u00f1a|senha)/i,
  /\b(?:su|sua|tu)\s+(?:cuenta|conta)\s+(?:ser\u00e1|foi|ha\s+sido|est\u00e1|fue|ser\u00e1)\s+(?:suspendida|suspensa|bloqueada|desativada|desactivada|cancelada|limitada)/i,
  /\b(?:ihr|dein)\s+(?:konto|postfach|passwort|zugang)\s+(?:wurde|wird|ist)\s+(?:gesperrt|deaktiviert|eingeschr\u00e4nkt|gel\u00f6scht|abgelaufen)/i,
  /\b(?:best\u00e4tigen|verifizieren|aktualisieren)\s+sie\s+(?:ihr(?:e|en)?)\s+(?:konto|identit\u00e4t|daten|zugangsdaten|kreditkarte)/i,
  /\b(?:votre)\s+(?:compte|mot\s+de\s+passe|bo\u00eete)\s+(?:a\s+\u00e9t\u00e9|sera|est)\s+(?:suspendu|bloqu\u00e9|d\u00e9sactiv\u00e9|limit\u00e9|expir\u00e9)/i,
  /\b(?:v\u00e9rifiez|confirmez|mettez\s+\u00e0\s+jour)\s+(?:votre|vos)\s+(?:compte|identit\u00e9|informations|coordonn\u00e9es)/i,
  /\b(?:detectamos|identificamos|detect\u00e1mos)\s+(?:um|uma)?\s*(?:novo\s+)?(?:acesso|login|dispositivo|atividade)/i,
  /\b(?:bloqueamos|suspendemos)\s+(?:a\s+)?(?:sua|seu)\s+(?:conta|cart\u00e3o|acesso)|\b(?:sua|seu)\s+(?:conta|cart\u00e3o|acesso|cadastro)\s+(?:foi|ser\u00e1|est\u00e1)\s+(?:temporariamente\s+)?(?:bloquead[oa]|suspens[oa]|desativad[oa]|cancelad[oa])/i,
  /\b(?:altere|redefina|atualize)\s+(?:a\s+)?(?:sua|seu)\s+(?:senha|cadastro|dados)/i,
  /\b(?:pontos|milhas)\b.{0,60}\b(?:expiram|expirar\u00e3o|vencem)\b/i,
  /\b(?:stop|cease)\s+(?:sending\s+and\s+receiving|receiving|sending)\s+(?:e-?mails?|messages)/i,
  /\b(?:not|un)\s*verified\s+within\b|\bverify\s+(?:your\s+)?(?:e-?mail|mailbox)\s+(?:account\s+)?(?:within|before|now)\b/i,
  /\b(?:ihr|ihre)\s+(?:konto|karte|zugang)\b.{0,40}\b(?:gesperrt|eingeschr\u00e4nkt|deaktiviert|verifizier)/i,
  /\b(?:il\s+tuo|il\s+suo)\s+(?:account|conto)\s+(?:\u00e8\s+stato|sar\u00e0)\s+(?:sospeso|bloccato|disattivato|limitato)/i,
  /\b(?:pending|undelivered|held|quarantined)\s+(?:incoming\s+)?(?:messages|emails|mails)\b/i,
  /\bshared\s+(?:a\s+)?(?:document|file)s?\s+with\s+you/i,
  /\benter\s+your\s+(?:password|credentials|seed|recovery\s+phrase|private\s+key|pin)/i,
  /\b(?:seed|recovery|secret)\s+phrase\b/i,
  /\bkeep\s+(?:the\s+)?same\s+password/i,
  /\byour\s+(?:account|wallet|mailbox|e-?mail|password|access|card|profile)\s+(?:will\s+)?(?:soon\s+)?be\s+(?:permanently\s+)?(?:suspended|locked|disabled|deactivated|terminated|closed|deleted|blocked|restricted)/i,
  /\b(?:not\s+(?:yet\s+)?(?:been\s+)?verified|unverified\s+(?:wallets?|accounts?))\b.{0,200}\b(?:suspend|block|clos|delet|deactivat|restrict|lock)/i,
  /\b(?:12|twelve|24|twenty-four)[\s-]word\s+(?:pass\s?phrase|phrase|seed|recovery)/i,
  /\b(?:acessad[ao]|conectad[ao])\s+(?:a\s+partir\s+de|de|em)\s+um\s+novo\s+dispositivo/i,
  /\b(?:entre|informe|digite|insira|confirme)\s+(?:com\s+)?(?:o\s+)?(?:seu|sua)\s+(?:e-?mail\s+e\s+)?senha/i,
  /\bactivit[ée]s?\s+de\s+connexion\s+inhabituelles?|\bconnexion\s+inhabituelle/i,
  /\b(?:almacenamiento|buz[óo]n)\s+(?:est[áa]\s+)?(?:completo|lleno)|\bantes\s+de\s+que\s+se\s+eliminen\b/i,
  /\b(?:ihr|dein)\s+(?:konto|postfach|zugang|passwort)\s+wird\b.{0,30}\b(?:gel[öo]scht|gesperrt|deaktiviert)/i,
  /\b(?:uw|je)\s+(?:account|rekening|mailbox|pas|wachtwoord)\s+(?:is|wordt|zal)\b.{0,25}\b(?:geblokkeerd|opgeschort|verwijderd|gedeactiveerd|beperkt|verlopen)/i,
  /\bverifieer\s+(?:uw|je)\s+(?:account|gegevens|identiteit)/i,
  /\b(?:your|ihr|uw|je|votre|tu|seu|su)\s+(?:[a-z\u00c0-\u024f-]{1,30}\s+)?(?:cloud|icloud|storage|speicher|opslag|stockage|almacenamiento|armazenamento)(?:\s+[a-z\u00c0-\u024f-]{1,30})?\s+(?:is\s+(?:almost\s+)?full|ist\s+voll|is\s+vol|est\s+plein|est[áa]\s+(?:lleno|cheio)|(?:has\s+been\s+)?exceeded|[üu]berschritten)/i,
  /\b(?:photos?|videos?|files?|fotos?|bestanden|dateien|fichiers|archivos|arquivos)\b.{0,40}\b(?:will\s+be\s+(?:permanently\s+)?(?:deleted|removed|lost)|werden\s+(?:endg[üu]ltig\s+)?gel[öo]scht|worden\s+verwijderd|seront\s+supprim[ée]s|ser[áa]n\s+(?:eliminad[oa]s|exclu[íi]d[oa]s))/i,
  /\b(?:verwijdering|l[öo]schung)\s+(?:van|ihrer|der)\b.{0,30}\b(?:bestand|bestanden|dateien|gepland|geplant)/i,
  // the notice's headline ("ACCOUNT SUSPENDED: update card details") rather than a sentence about "your" account
  /\baccount\s+(?:suspended|locked|disabled|blocked|restricted|on\s+hold)\b.{0,60}\b(?:update|verify|confirm|restore|reactivate|unlock)\s+(?:your\s+)?(?:card|payment|billing|account|details|identity|information)\b/i,
  /\b(?:immediate|urgent|mandatory)\s+(?:account\s+|identity\s+)?verification\b|\b(?:account|identity)\s+verification\s+(?:is\s+)?required\b/i,
  /\bveuillez\s+(?:confirmer|v[ée]rifier|mettre\s+[àa]\s+jour)\s+(?:votre|vos)\s+(?:identit[ée]|compte|adresse|paiement|coordonn[ée]es|informations)/i,
  /\bconfirmaci[óo]n\s+de\s+sus\s+datos|\bconfirme\s+(?:sus|seus|os\s+seus)\s+datos|\bconfirme\s+(?:seus|os\s+seus)\s+dados/i,
  /(?:계정|아이디|지갑|메일함|비밀번호).{0,12}(?:정지|잠금|잠겼|차단|제한|해지|만료|중지)/u,
  // password-reset and identity-check notices are routine in Korean services, so only the threat shapes count
  /(?:비정상|의심스러운|해외|알\s*수\s*없는)\s*(?:로그인|접속|접근)\s*(?:시도|감지|이력)/u,
  /(?:계정|지갑|메일)\s*(?:인증|확인)\s*(?:이|을|를)?\s*(?:하지\s*않으면|미완료\s*시)/u,
  /(?:서명\s*키|개인\s*키|시드\s*(?:문구|구문)|니모닉)\s*(?:재\s*인증|재\s*확인|입력|제출|검증)/u,
  // the recovery phrase of a wallet, which no service ever needs to see ("복구 문구(시드) 확인"), and a wallet or
  // signer to be re-authenticated
  /(?:복구\s*(?:문구|구문)|시드\s*(?:문구|구문)|니모닉\s*(?:문구|단어))|(?:지갑|서명자).{0,8}재\s*인증/u,
  // a login page asked to take the reader's credentials for another service ("review the queue with your dashboard
  // credentials")
  /\b(?:with|using)\s+your\s+(?:[a-z]+\s+){0,2}(?:credentials|login\s+details)\b/i,
];

const URGENCY: RegExp[] = [
  /\bwithin\s+(?:the\s+next\s+)?(?:24|48|72|12|two|one)\s*(?:-\s*)?hours?\b/i,
  /\b(?:urgent|immediate)\s+(?:action|attention|response)\b/i,
  /\baction\s+required\b/i,
  /\bfinal\s+(?:notice|warning|reminder)\b/i,
  /\b(?:will\s+be|to\s+be)\s+(?:permanently\s+)?(?:deleted|closed|suspended|terminated|deactivated)\b/i,
  /\bfailure\s+to\s+(?:comply|verify|confirm|respond|update)\b/i,
  /(?:긴급|즉시|24시간\s*(?:이내|내)|48시간\s*(?:이내|내)|기한\s*내|마지막\s*경고|최종\s*통보)/u,
];

const EXTORTION: RegExp[] = [
  /\b(?:i|we)\s+(?:have\s+)?(?:hacked|infected|compromised|gained\s+(?:full\s+)?access\s+to)\s+(?:your|all\s+your)\s+(?:device|computer|account|phone|system)/i,
  /\b(?:recorded|recording|video\s+of)\s+(?:you|your)\b.{0,80}\b(?:webcam|camera|adult|porn|masturbat)/i,
  /\byour\s+(?:webcam|camera)\b.{0,100}\b(?:recorded|recording|video|footage)\b/i,
  /\b(?:send|transfer|pay)\s+(?:me\s+)?(?:\$\s?\d[\d,]*|\d[\d,]*\s*(?:usd|dollars|eur|btc))\b.{0,80}\b(?:bitcoin|btc)\b/i,
  /\b(?:bitcoin|btc)\s+(?:wallet|address)\b.{0,120}\b(?:hours|deadline|timer)\b/i,
  /\b(?:your\s+(?:contacts|friends|family|colleagues))\b.{0,60}\b(?:will\s+(?:receive|see|get))\b/i,
  /\bpixel\s+(?:tracking|tracker)\b.{0,80}\b(?:opened|read)\b/i,
  /\b(?:gain(?:ed)?|got|obtained|have)\s+(?:total|full|complete)\s+(?:permission|access|control)\s+(?:to|over|of)\s+(?:all\s+)?your\b/i,
  /\b(?:monitoring|watching|tracking)\s+your\s+(?:internet|online|browsing)\s+activit/i,
  /\byour\s+(?:pc|computer|device|phone|system)\s+(?:has\s+been|was)\s+hacked/i,
  /(?:해킹|감염).{0,20}(?:기기|컴퓨터|휴대폰|계정)|(?:웹캠|영상).{0,30}(?:유포|공개|전송)|비트코인.{0,30}(?:송금|입금|보내)/u,
];

const PAYMENT_CHANGE: RegExp[] = [
  /\b(?:new|updated|changed)\s+(?:bank(?:ing)?|wire|remittance|payment)\s+(?:details|information|instructions|account)\b/i,
  /\b(?:wire|transfer)\s+(?:the\s+)?(?:funds|payment)\s+(?:today|immediately|urgently)\b/i,
  /\bare\s+you\s+(?:available|at\s+your\s+desk)\b.{0,80}\b(?:task|favou?r|gift\s+cards?)/i,
  /\bgift\s+cards?\b.{0,60}\b(?:scratch|codes?|purchase|buy)\b/i,
  /\b(?:w-?2s?|w-?2\s+forms?)\b.{0,80}\b(?:employees?|staff|send|pdf)\b/i,
  /(?:계좌\s*(?:변경|정보\s*변경)|송금\s*(?:요청|부탁))/u,
  // the notice that the account changed, in the order letters write it ("our bank details have changed",
  // "remit to our new account below")
  /\b(?:bank(?:ing)?|account|payment|remittance|beneficiary|wire)\s+(?:details|information|instructions)\s+(?:have|has)\s+(?:recently\s+)?(?:been\s+)?(?:changed|updated)\b/i,
  /\b(?:remit|pay|wire|transfer|send)\s+(?:[\w,.]+\s+){0,5}to\s+our\s+new\s+(?:bank\s+|beneficiary\s+)?account\b/i,
];

/** Parcel-fee, refund and prize lures: small payments or card details for something the reader never ordered. */
const PAYMENT_LURE: RegExp[] = [
  /\b(?:redelivery|re-delivery|customs|shipping|delivery)\s+(?:fee|charge|payment)\b/i,
  /\b(?:delivery\s+attempt\s+failed|incomplete\s+(?:shipping\s+)?address|(?:package|parcel|shipment)\s+(?:is\s+)?(?:on\s+hold|waiting\s+for\s+(?:payment|confirmation)))\b/i,
  /\bclaim\s+your\s+(?:refund|compensation)\b/i,
  /\b(?:tax\s+refund|refund\s+(?:of|is)\s+(?:pending|available|ready))\b/i,
  /\b(?:computer|device|pc|phone|laptop|computer)\s+(?:is|has\s+been|ist|wurde|est)\s+(?:infected|infiziert|hacked|gehackt|infect\u00e9)|\b\d{1,3}\s+(?:viruses|viren|virus|threats|bedrohungen)\s+(?:detected|found|gefunden|erkannt|infiziert)?/i,
  /\b(?:subscription|abonnement|abo|licen[cs]e|lizenz)\b.{0,30}\b(?:has\s+expired|expires\s+today|is\s+expiring|l\u00e4uft\s+(?:heute\s+)?ab|abgelaufen|a\s+expir\u00e9|expire\s+aujourd)/i,
  /\b(?:tried|attempted|were\s+unable)\s+to\s+deliver\s+your\s+(?:parcel|package|shipment|order)|\bschedule\s+(?:a\s+)?redelivery\b/i,
  /\b(?:shipment|package|parcel)\s+(?:is\s+)?(?:pending|suspended|held)\b|\bversand\s+ausstehend\b|\bexp[ée]dition\s+en\s+attente\b/i,
  /\bbest[äa]tigen\s+sie\s+ihre\s+(?:versand|liefer)(?:details|adresse|daten|informationen)/i,
  /\b(?:adresfout|adres\s+bij\s+te\s+werken|bezorging\s+(?:mislukt|wacht))|\bpakket\b.{0,40}\b(?:wacht|op\s+bezorging)/i,
  /\b(?:encomenda|objeto|pacote)\b.{0,60}\b(?:taxa|retid[oa]|aguardando\s+pagamento|tributad[oa])/i,
  /\byour\s+(?:antivirus|anti-virus|security|norton|mcafee|virus\s+protection)\s+(?:subscription|protection|licen[cs]e|plan)\b.{0,40}\b(?:expired|expires|has\s+expired|ended|is\s+expiring)/i,
  /\b(?:pc|device|computer|system)\s+(?:is|may\s+be)\s+(?:currently\s+|now\s+)?(?:unprotected|at\s+risk|vulnerable|exposed)\b/i,
  /\bpayment\s+(?:issue|problem|overdue|failed|declined|rejected|unsuccessful)\b|\b(?:payment|card)\s+(?:was|has\s+been)\s+(?:declined|rejected)\b/i,
  /\bupdate\s+(?:your\s+)?(?:card|payment|billing)\s+(?:details|information|info|method)\b/i,
  /\b(?:steuererstattung|r[üu]ckerstattungsmethode|remboursement\s+d['’]imp[ôo]ts?|restitui[çc][ãa]o\s+do\s+imposto)\b/i,
  /\bMTCN\b|\bmoney\s+transfer\s+control\s+number\b/,
  // a balance or benefit about to be lost ("your cash back … will burn out within 72 hours", "vos droits CPF
  // expirent bientôt") and a dormant account with something in it ("you haven't accessed your personal cabinet")
  /\b(?:cash\s?back|droits|cr[ée]dits|guthaben|bonus\s+points)\b.{0,60}\b(?:will\s+(?:burn|expire|be\s+lost)|burn\s+out|expirent|expiram|verfallen)\b/i,
  /\bpersonal\s+cabinet\b|\b(?:haven['’]t|have\s+not)\s+(?:accessed|logged\s+into|used)\s+your\s+(?:account|wallet|balance)\b.{0,120}\b(?:balance|funds|score|reward|bonus|\$\s?\d)/i,
  // loyalty points "waiting to be redeemed": the card or airline programme's name borrowed to reach card details
  /\b(?:resgate|resgatar)\s+(?:j[áa]\s+)?(?:os\s+|seus\s+|suas\s+)?(?:pontos|milhas)\s+(?:acumulad[oa]s|dispon[íi]veis|pendentes)\b|\bredeem\s+(?:your\s+)?(?:accumulated|pending|unclaimed)\s+(?:points|miles|rewards)\b/i,
  /(?:택배|배송)\s*(?:보류|실패|주소\s*불명)|(?:관세|배송비)\s*(?:미납|결제)/u,
];

/** Callback phishing: a fake charge/renewal plus a phone number (toll-free or international) to "cancel". */
const CALLBACK_CHARGE = /\b(?:(?:has\s+been|was|will\s+be)\s+(?:successfully\s+)?(?:renewed|charged|debited|processed|auto-?renewed)|(?:auto-?renewal|subscription\s+renewal|order\s+confirmation|payment\s+(?:of|for)\s+\$)|charged\s+amount|invoice\s+(?:no|number|#))/i;
/** An order or purchase the reader is told about, and the invitation to call if it was not theirs. */
const CALLBACK_ORDER = /\b(?:compra\s+(?:de|no\s+valor\s+de)\s+R?\$|order\s+(?:confirmed|has\s+been\s+(?:placed|processed|shipped|confirmed))|purchase\s+(?:complete|completed|confirmed|successful)|thank\s+you\s+for\s+your\s+(?:order|purchase))\b/i;
const CALLBACK_DISPUTE = /\b(?:caso\s+n[ãa]o\s+reconhe[çc]a|se\s+n[ãa]o\s+reconhece|si\s+no\s+reconoce)\b|\bif\s+you\s+(?:did\s+not|do\s+not|didn['’]t|don['’]t)\s+(?:make|authori[sz]e|recogni[sz]e|order|place|believe\s+you\s+ordered|request)\b|\bto\s+cancel\b.{0,60}\b(?:call|contact|reach)\b/i;
const SEP = '[\\s.()\\-]{0,4}';
const CALLBACK_PHONE = new RegExp(
  `\\b0800[\\s.-]?\\d{3}[\\s.-]?\\d{4}\\b|(?:\\+?1${SEP})?\\(?8(?:00|33|44|55|66|77|88)\\)?${SEP}\\(?\\d{3}\\)?${SEP}\\(?\\d{4}\\)?|\\+\\d{1,3}[\\s.-]\\(?\\d{2,4}\\)?[\\s.-]\\d{3,4}[\\s.-]\\d{3,4}|\\b(?:call|contact|dial|reach)\\s+(?:us\\s+)?(?:at|on)?\\s*:?\\s*\\+?\\(?\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}`, 'i');

const CRYPTO_LURE: RegExp[] = [
  /\b\d+(?:[.,]\d+)?\s*(?:btc|bitcoins?|eth|usdt)\b.{0,80}\b(?:balance|credited|received|waiting|withdraw\w*|claim\w*|available|pending|transfer\w*)/i,
  /\b(?:balance|credited|withdraw\w*|claim|transfer|transaction)\b.{0,40}\b\d+(?:[.,]\d+)?\s*(?:btc|bitcoins?|usdt)\b/i,
  /\b(?:active|available)[._\s]+(?:btc|bitcoin)[._\s]+balance|bitcoin[._\s]+(?:transfer|transaction)[._\s]+\d/i,
  /\b(?:withdrawal|withdraw)\s+(?:request|confirmation|pending|suspended|on\s+hold)\b/i,
  /\b(?:connect|sync|validate|verify)\s+your\s+(?:wallet|metamask)\b/i,
  /\b(?:airdrop|giveaway)\b.{0,60}\b(?:claim|eligible|wallet)\b/i,
  /\b(?:presale|pre-sale)\b.{0,80}\b(?:token|coin|join|secure|spot)\b|\bfree\s+mint\b|\bmint\s+your\b.{0,40}\bfor\s+free\b/i,
  /\bclaim\s+(?:your\s+)?(?:free\s+)?(?:\$?[a-z]{2,6}\s+)?(?:tokens?|rewards?|airdrop|allocation|cashback)\b/i,
  /\b(?:bankruptcy|chapter\s+11|restructuring)\b.{0,200}\b(?:claims?\s+process|withdraw\w*|distribution\s+(?:is|of\s+your))/i,
  /\b(?:available|ready)\s+for\s+withdrawal\b|\bstaking\s+rewards?\s+(?:are|is)\s+(?:ready|available)\b/i,
  /\b(?:bitcoin|btc|krypto)[-\s]?(?:guthaben|auszahlung)|\bauszahlung\b.{0,60}\b(?:bitcoin|btc|bereit|best[äa]tigen)/i,
  /\b(?:you\s+(?:have\s+)?earned|you\s+(?:have\s+)?received|withdraw\s+your)\s+\+?[$€£]?\s?\d[\d,.]*\s*(?:[$€£]|btc|bitcoins?|eth|usdt|usd)/i,
  /\baccumulated\b.{0,40}\b(?:btc|bitcoin|eth|usdt|crypto)\b/i,
  // free coins and airdrop invitations: the giveaway scam's call to action
  /\b(?:accept|claim|get|receive|collect)\s+(?:your\s+)?free\s+(?:btc|bitcoins?|crypto|usdt|eth|tokens?)\b|\b(?:participate|join|take\s+part)\s+in\s+(?:our|the|this)\s+(?:[a-z]+\s+){0,3}airdrop\b/i,
  /(?:출금|입금)\s*(?:요청|보류|정지|확인)|지갑\s*(?:연결|인증|동기화)/u,
];

// advance-fee ("419") mail: a windfall word together with a large sum; either alone is ordinary prose
const FEE_WORDS = /\b(?:donat(?:ed|ion|ing)|charity\s+(?:fund|donation)|grant\s+(?:of|award)|beneficiary|next\s+of\s+kin|inheritance|compensation\s+(?:fund|payment)|unclaimed\s+(?:funds?|deposit)|consignment|diplomatic\s+courier|lottery|jackpot|winning\s+(?:number|notification)|transfer\s+(?:the|this)\s+(?:fund|money|sum)|transfer\s+and\s+invest|randomly\s+selected|(?:investment|business)\s+(?:proposal|proposition|opportunit(?:y|ies))|late\s+(?:father|husband|client|mother)|atm\s+(?:visa\s+)?card|fund\s+(?:release|transfer)|risk[\s-]free\s+venture|(?:investment|asset|approved|overdue)\s+funds?|funds?\s+(?:of|totaling|totalling|worth)\s+(?:us\s?)?[$€£]|moneygram|western\s+union|foreign\s+(?:business\s+)?partner)\b/i;
const NUMBER_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)';
const BIG_SUM = new RegExp([
  '(?:us\\s?)?\\$\\s?\\d{1,3}(?:[,.]\\d{3}){2,}',
  '\\b\\d+(?:[.,]\\d+)?\\s*(?:million|billion|m)\\s+(?:united\\s+states\\s+)?(?:us\\s+)?(?:dollars|usd|euros?|pounds|gbp)',
  '(?:us|usd|eur|gbp)?\\s?[$€£]\\s?\\d+(?:[.,]\\d+)?\\s?(?:million|billion|m\\b|bn\\b)',
  '(?:usd|us\\$|eur|gbp)\\s?\\$?\\s?\\d+(?:[.,]\\d+)?\\s*(?:million|billion|m\\b)',
  '\\$\\s?millions\\b',
  // hundreds of thousands written out ("€520,000"): windfalls below a million, still no honest stranger's gift
  '[$€£]\\s?\\d{3}[,.]\\d{3}(?![,.]?\\d)',
  `\\b${NUMBER_WORD}[\\w\\s,-]{0,60}?\\b(?:million|billion)\\b[\\w\\s,-]{0,60}?\\b(?:dollars|usd|euros?|pounds)`,
].join('|'), 'i');

/** Sweepstakes, survey-reward and "you have been selected" lures, in the languages of the lures we see. */
const PRIZE: RegExp[] = [
  /\b(?:lucky|randomly\s+selected|selected|chosen|official)\s+(?:online\s+)?winners?\b/i,
  /\bcongratulations?\b.{0,100}\b(?:you(?:['’]ve|\s+have)?\s+(?:won|been\s+(?:selected|chosen))|winner|prize)\b/i,
  /\byou(?:['’]ve|\s+have)?\s+(?:been\s+)?(?:selected|chosen)\s+(?:to\s+(?:receive|win|get)|as\s+(?:a|the|our)\s+(?:winner|finalist)|for\s+(?:a|an|our|the)\s+(?:reward|prize|gift|free))/i,
  /\b(?:haven['’]t|have\s+not|not\s+yet)\s+claimed\s+your\s+(?:exclusive\s+)?(?:reward|prize|gift|bonus)\b/i,
  /\bmystery\s+box\b|\bclaim\s+your\s+(?:free\s+)?(?:prize|reward|gift|bonus)\b|\byou\s+(?:have\s+)?won(?!['\u2019]t)\s+(?:a|an|the|our|\$|€|£|\d)/i,
  /\b(?:short|quick|brief)\s+survey\b.{0,120}\b(?:reward|gift|prize|card|box|receive|claim)\b/i,
  /\bsie\s+(?:wurden|sind)\s+(?:als\s+gewinner\s+|f[üu]r\s+(?:eine?n?|die|den|das)\s+[\wäöüß-]{2,30}\s+(?:von\s+[\wäöüß-]{2,30}\s+)?)?(?:ausgew[äa]hlt|ausgelost)|\b(?:gewinner|finalist(?:en)?)\b.{0,80}\b(?:ausgew[äa]hlt|gutschein|gewinnspiel)|\bgl[üu]ckwunsch\b.{0,120}\b(?:gewonnen|gewinn\w*|ausgew[äa]hlt|gutschein|pr[äa]mie)/i,
  /\b(?:u|je|jij)\s+bent\s+(?:gekozen|geselecteerd|uitgekozen)|\bgefeliciteerd\b.{0,120}\b(?:gewonnen|prijs|beloning|cadeau|gekozen)|\bje\s+hebt\s+(?:een\s+)?.{0,40}\bgewonnen\b|\bwin\s+een\s+(?:beloning|prijs|cadeau)/i,
  /\bvous\s+(?:avez\s+été|êtes)\s+(?:sélectionné|choisi|tiré)|\bf[ée]licitations\b.{0,120}\b(?:gagn\w*|sélectionn\w*|cadeau|récompense)/i,
  /\b(?:has|ha)\s+sido\s+(?:seleccionad[oa]|elegid[oa])|\bfelicidades\b.{0,120}\b(?:ganad\w*|premio|regalo)/i,
  /\bvoc[êe]\s+(?:foi|está)\s+(?:selecionad[oa]|sorteado|escolhid[oa])|\bparab[ée]ns\b.{0,120}\b(?:ganhou|pr[êe]mio|sorteado|brinde)/i,
];

/** Summons, warrants and court notices from "the police" or "the court": intimidation that makes people click. */
const LEGAL_THREAT: RegExp[] = [
  /\b(?:court\s+(?:summons|hearing\s+notice|appearance\s+notice)|arrest\s+warrant|warrant\s+(?:for|of)\s+(?:your\s+)?arrest|legal\s+action\s+(?:will\s+be|has\s+been)\s+(?:taken|filed|initiated)\s+against\s+you|criminal\s+(?:complaint|charges?)\s+(?:against|filed))/i,
  /\b(?:intima[çc][ãa]o\s+(?:judicial|oficial|para)|mandado\s+de\s+(?:pris[ãa]o|intima[çc][ãa]o|cita[çc][ãa]o)|processo\s+(?:judicial|trabalhista|investigat[óo]rio|criminal)|procedimento\s+investigat[óo]rio|den[úu]ncia\s+aceita)/i,
  /\b(?:anklageschreiben|strafanzeige\s+gegen\s+sie|haftbefehl|vorladung\s+(?:zur|als))|\b(?:convocation|citation)\s+(?:judiciaire|à\s+compara[îi]tre|de\s+police)|\bcitaci[óo]n\s+judicial\b/i,
];

/** Proposals from strangers: the opening of advance-fee, investment and loan fraud before any sum is named. */
const STRANGER_OFFER: RegExp[] = [
  /\b(?:business|investment)\s+(?:proposal|proposition)\b|\bhuge\s+business\b|\brisk[\s-]free\s+(?:venture|investment|deal)\b|\binvestment\s+of\s+a\s+substantial\s+amount\b|\bconfidential\s+(?:client|business\s+(?:deal|transaction)|transaction)\b|\bfor\s+our\s+mutual\s+benefit\b/i,
  /\b(?:i|we)\s+(?:have|need)\s+(?:a\s+)?(?:scintillating|lucrative|profitable|urgent)\s+(?:deal|proposal|business|transaction|partner)/i,
  /\b(?:we\s+offer|oferecemos|ofrecemos|wir\s+bieten|nous\s+offrons)\b.{0,60}\b(?:loans?|empr[ée]stimos?|pr[ée]stamos?|kredite?|financiamentos?|pr[êe]ts?)\b.{0,160}\b(?:interest\s+rate|rate\s+of|taxa\s+de\s+juros|tasa\s+de\s+inter[ée]s|zinssatz|taux\s+d['’]int[ée]r[êe]t)/i,
];

/** Casino bonus offers: free spins and no-deposit bonuses are what unlicensed casinos mail to bought lists. */
const GAMBLING: RegExp[] = [
  /\b\d+\s*(?:free\s*spins|freispiele|gratis\s*spins|gratisdrehs|giros\s+gr[áa]tis|tours\s+gratuits|rodadas\s+gr[áa]tis)\b/i,
  /\b(?:no|kein(?:e)?|zonder|sans|sin)\s*(?:deposit|einzahlung|storting|d[ée]p[ôo]t|dep[óo]sito)\s*(?:bonus|erforderlich|required|needed|n[ée]cessaire)?\b/i,
  /\bcasino\b.{0,80}\b(?:bonus(?:es)?|spins|welcome\s+(?:package|offer)|einzahlung|willkommensbonus|welkomstbonus)\b/i,
  // spins offered without a count ("collect free spins!"), spins added to a bonus ("+ 300 FS"), and a welcome bonus
  // that comes with spins or a deposit match (card issuers' welcome bonuses name neither)
  /\b(?:claim|collect|get|grab|receive|unlock|activate|enjoy)\s+(?:your\s+)?(?:bonus\s+and\s+)?(?:free\s*spins|freispiele|gratis\s*spins|giros\s+gr[áa]tis|rodadas\s+gr[áa]tis|tours\s+gratuits)\b/i,
  /\+\s?\d{2,4}\s?(?:fs|free\s*spins|freispiele|gratis\s*spins|giros|rodadas)\b/i,
  /\b(?:welcome\s+(?:bonus|pack(?:age)?)|willkommens(?:bonus|paket)|welkomst(?:bonus|pakket)|bonus\s+de\s+bienvenue|bono\s+de\s+bienvenida|b[ôo]nus\s+de\s+boas[\s-]vindas)\b.{0,80}\b(?:spins|freispiele|giros|rodadas|tours|fs|1st\s+deposit|first\s+deposit|einzahlung|storting|d[ée]p[ôo]t|dep[óo]sito)\b/i,
];

/** Sex and dating solicitation from strangers: no honest business mail offers it. */
const ADULT: RegExp[] = [
  // solicitation words, not topics: a newsletter may write about pornography, a stranger offering a hook-up is a lure
  /\b(?:horny|milfs?|hookups?\s+(?:near|tonight|in\s+your)|naked\s+(?:photos|pics|girls)|neuken|naaktfoto\S*|sexdates?|sexting|one[\s-]night\s+stands?|get\s+laid|fuck\s+(?:buddy|tonight)|sex\s+(?:tonight|partner|contacts?)\s+(?:near|in\s+your))\b/i,
  /\b(?:lonely|single|hot|local|horny|beautiful\s+(?:ukrainian|russian|asian))\s+(?:women|girls|ladies|singles|milfs|wives|moms|vrouwen|meisjes)\b.{0,120}\b(?:meet|chat|date|near\s+you|waiting|ontmoet\w*|contact)/i,
  /\b(?:meet|date|chat\s+with)\s+(?:hot|beautiful|lonely|single|sexy)\s+(?:\w+\s+)?(?:women|girls|ladies|singles)\b/i,
  /\b(?:spannende\s+afspraak|intiem\s+contact|geheime\s+verlangens|(?:alleenstaande|eenzame|single)\s+(?:vrouwen|dames)|vrouw\s+met\s+geheime|sexkontakte?|seitensprung|einsame\s+frauen|femmes\s+(?:seules|c[ée]libataires)\s+(?:pr[èe]s|de\s+votre)|mulheres\s+solteiras\s+(?:perto|na\s+sua))\b/i,
  // a stranger offering her photos, explicit-content gates and flirting pitches (dating-scam openers)
  /\b(?:i['\u2019]?ll|i\s+will|i\s+can|let\s+me)\s+(?:reply\s+(?:to\s+)?you|send\s+you|show\s+you)\s+(?:with\s+)?my\s+(?:photos?|pics?|pictures?|selfies?)\b/i,
  /\b(?:expliciete\s+(?:beelden|foto['\u2019]?s|video['\u2019]?s)|explicit\s+(?:photos|pictures|videos|images)\s+of\s+(?:women|girls|ladies)|contenu\s+explicite|explizite\s+(?:bilder|inhalte))\b/i,
  /\bflirt(?:en|ing)?\s+(?:voor|for|met|with|mit|avec)\s+singles\b|\bafspreken\s+(?:en\s+ontmoeten\s+)?via\s+whatsapp\b/i,
];

/** Prescription drugs sold by mail to strangers: the classic pharmacy spam, which no licensed pharmacy sends. */
// the drug name with a price, a dose or an order, not a news story that names the drug
const PHARMA = /\b(?:viagra|cialis|levitra|sildenafil|tadalafil|vardenafil|kamagra)\b.{0,60}(?:[$€£]\s?\d|\d+\s?(?:mg|pills?)\b|\/\s?pill|per\s+(?:pill|dose)|\border\b|\bbuy\b|online\s+pharmacy|without\s+(?:a\s+)?prescription)/i;
function firstHit(text: string, list: RegExp[]): string | null {
  for (const re of list) {
    const m = re.exec(text);
    if (m !== null) return m[0].slice(0, 120);
  }
  return null;
}

function allHits(text: string, list: RegExp[], max: number): string[] {
  const out: string[] = [];
  for (const re of list) {
    const m = re.exec(text);
    if (m !== null) out.push(m[0].slice(0, 120));
    if (out.length >= max) break;
  }
  return out;
}

// the fraud asks the reader to get in touch or addresses the windfall to them; news about a foundation's grant does not
const FEE_ASK = /\b(?:contact\s+(?:me|us|him|her|mr|mrs|ms|dr|the)|reply\s+(?:to\s+)?(?:me|us|this|with)|get\s+back\s+to\s+(?:me|us)|send\s+(?:me|us)\s+your|(?:donat\w*|transferr?\w*|award\w*|paid|pay|give\w*|release\w*|sen[dt])\b.{0,60}\bto\s+you\b|your\s+(?:full\s+)?(?:name|address|phone|assistance|email)|registered\s+(?:on|in)\s+your\s+name|your\s+(?:home|delivery|residential)\s+address|(?:drop|send)\s+(?:me\s+|us\s+)?your\s+(?:whatsapp|telegram|phone|cell)|(?:whatsapp|telegram)\s+number|(?:reply|respond|write)\s+back|(?:contact|reply|write|respond)\b[^@\n]{0,40}[a-z0-9._%+-]{1,64}@[a-z0-9-]+\.|(?:please|kindly)\s+(?:reply|respond|get\s+back)\b|(?:swift|urgent|prompt|quick)\s+(?:response|reply)|re-?confirm(?:ation)?\s+from\s+you|you\s+(?:are|were|have\s+been)\s+(?:the\s+|a\s+|our\s+)?(?:legal\s+)?(?:beneficiary|selected|chosen|named|entitled|awarded))/i;

function advanceFee(text: string): string[] {
  const w = FEE_WORDS.exec(text);
  const m = w === null ? null : BIG_SUM.exec(text);
  return w !== null && m !== null && FEE_ASK.test(text) ? [`${w[0]} … ${m[0]}`] : [];
}

export interface LanguageHits {
  credential: string[];
  urgency: string | null;
  extortion: string[];
  payment: string | null;
  crypto: string | null;
  lure: string[];
  callback: string | null;
  prize: string | null;
  gambling: string | null;
  adult: string[];
  legal: string | null;
  pharma: string | null;
  offer: string | null;
}

function callback(text: string): string | null {
  const charge = CALLBACK_CHARGE.exec(text) ?? (CALLBACK_DISPUTE.test(text) ? CALLBACK_ORDER.exec(text) : null);
  const phone = charge === null ? null : CALLBACK_PHONE.exec(text);
  return charge !== null && phone !== null ? `${charge[0]} … ${phone[0]}` : null;
}

/** Characters of text the bulk-lure categories read. */
const HEAD_CHARS = 16_384;

/** Phrase hits in subject + visible body text. */
export function scanLanguage(text: string): LanguageHits {
  // the categories added for bulk lures (prizes, casinos, dating, summonses, offers, pharmacies) are read in the
  // first screens only, where those lures put their pitch; the credential and payment lures get the whole window
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  return {
    credential: allHits(text, CREDENTIAL, 3),
    urgency: firstHit(text, URGENCY),
    extortion: allHits(text, EXTORTION, 3),
    payment: firstHit(text, PAYMENT_CHANGE),
    crypto: firstHit(text, CRYPTO_LURE),
    lure: [...allHits(text, PAYMENT_LURE, 3), ...advanceFee(text)],
    callback: callback(text),
    prize: firstHit(head, PRIZE),
    gambling: firstHit(head, GAMBLING),
    adult: allHits(head, ADULT, 3),
    legal: firstHit(head, LEGAL_THREAT),
    pharma: PHARMA.exec(head)?.[0] ?? null,
    offer: firstHit(head, STRANGER_OFFER),
  };
}

/** Hits of two scans merged (the text as written and its de-obfuscated form), each phrase once. */
export function mergeHits(a: LanguageHits, b: LanguageHits): LanguageHits {
  const list = (x: string[], y: string[]): string[] => [...new Set([...x, ...y])].slice(0, 3);
  return {
    credential: list(a.credential, b.credential),
    urgency: a.urgency ?? b.urgency,
    extortion: list(a.extortion, b.extortion),
    payment: a.payment ?? b.payment,
    crypto: a.crypto ?? b.crypto,
    lure: list(a.lure, b.lure),
    callback: a.callback ?? b.callback,
    prize: a.prize ?? b.prize,
    gambling: a.gambling ?? b.gambling,
    adult: list(a.adult, b.adult),
    legal: a.legal ?? b.legal,
    pharma: a.pharma ?? b.pharma,
    offer: a.offer ?? b.offer,
  };
}
