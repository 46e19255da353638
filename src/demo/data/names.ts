/** Name material for fictional staff and organisations. Every organisation and service name here is made up. */

export const koreanSurnames: readonly (readonly [string, string])[] = [
  ['김', 'Kim'], ['이', 'Lee'], ['박', 'Park'], ['최', 'Choi'], ['정', 'Jung'], ['강', 'Kang'], ['조', 'Cho'],
  ['윤', 'Yoon'], ['장', 'Jang'], ['임', 'Lim'], ['한', 'Han'], ['오', 'Oh'], ['서', 'Seo'], ['신', 'Shin'],
  ['권', 'Kwon'], ['황', 'Hwang'], ['안', 'Ahn'], ['송', 'Song'], ['류', 'Ryu'], ['홍', 'Hong'], ['문', 'Moon'],
  ['배', 'Bae'], ['백', 'Baek'], ['남', 'Nam'],
];

export const koreanGivenNames: readonly (readonly [string, string])[] = [
  ['지우', 'Jiwoo'], ['서연', 'Seoyeon'], ['민준', 'Minjun'], ['하은', 'Haeun'], ['도윤', 'Doyoon'], ['수아', 'Sua'],
  ['예준', 'Yejun'], ['지호', 'Jiho'], ['서준', 'Seojun'], ['유진', 'Yujin'], ['현우', 'Hyunwoo'], ['민서', 'Minseo'],
  ['준호', 'Junho'], ['은지', 'Eunji'], ['성민', 'Sungmin'], ['혜진', 'Hyejin'], ['동현', 'Donghyun'], ['지민', 'Jimin'],
  ['태윤', 'Taeyoon'], ['수빈', 'Subin'], ['재원', 'Jaewon'], ['다은', 'Daeun'], ['승우', 'Seungwoo'], ['나연', 'Nayeon'],
  ['영호', 'Youngho'], ['미경', 'Mikyung'], ['정훈', 'Junghoon'], ['소영', 'Soyoung'], ['건우', 'Gunwoo'], ['하린', 'Harin'],
  ['상철', 'Sangcheol'], ['보람', 'Boram'], ['우진', 'Woojin'], ['채원', 'Chaewon'], ['시우', 'Siwoo'], ['윤아', 'Yoona'],
];

export const englishFirstNames: readonly string[] = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Lucas', 'Mia', 'Daniel', 'Chloe', 'Ryan', 'Grace',
  'Nathan', 'Hannah', 'Marcus', 'Priya', 'Arjun', 'Wei', 'Mei', 'Kenji', 'Yuki', 'Farah', 'Omar', 'Isabel', 'Tomas',
  'Clara', 'Adrian', 'Nora', 'Samuel', 'Leah', 'Victor', 'Elena', 'Jonas', 'Aisha', 'Ben',
];

export const englishLastNames: readonly string[] = [
  'Tan', 'Lim', 'Wong', 'Chen', 'Ng', 'Smith', 'Walker', 'Patel', 'Fernandes', 'Murphy', 'Rossi', 'Nakamura', 'Sato',
  'Goh', 'Reyes', 'Schmidt', 'Novak', 'Hughes', 'Okafor', 'Larsen', 'Ibrahim', 'Costa', 'Bennett', 'Kaur', 'Fischer',
  'Morgan', 'Quinn', 'Hale', 'Ortega', 'Weber',
];

/** [English role, Korean title, team, Korean team]. The first eight exist at every organisation. */
export const roles: readonly (readonly [string, string, string, string])[] = [
  ['Chief Executive Officer', '대표이사', 'Management', '경영지원본부'],
  ['Chief Information Security Officer', '정보보호최고책임자', 'Security', '정보보호팀'],
  ['Finance Manager', '재무팀장', 'Finance', '재무팀'],
  ['HR Manager', '인사팀장', 'People', '인사팀'],
  ['Customer Support Lead', '고객지원팀장', 'Support', '고객지원팀'],
  ['Wallet Operations Lead', '지갑운영팀장', 'Wallet Operations', '지갑운영팀'],
  ['Backend Engineer', '백엔드 개발자', 'Engineering', '개발팀'],
  ['AML Compliance Officer', '자금세탁방지 책임자', 'Compliance', '준법감시팀'],
  ['Security Engineer', '보안 엔지니어', 'Security', '정보보호팀'],
  ['Infrastructure Engineer', '인프라 엔지니어', 'Infrastructure', '인프라팀'],
  ['Listing Manager', '상장 매니저', 'Listing', '상장팀'],
  ['Customer Support Agent', '고객지원 매니저', 'Support', '고객지원팀'],
  ['Frontend Engineer', '프론트엔드 개발자', 'Engineering', '개발팀'],
  ['Accountant', '회계 담당', 'Finance', '재무팀'],
  ['Treasury Manager', '자금 운용 매니저', 'Finance', '재무팀'],
  ['Business Development Manager', '사업개발 매니저', 'Business Development', '사업개발팀'],
  ['Marketing Manager', '마케팅 매니저', 'Marketing', '마케팅팀'],
  ['Legal Counsel', '사내 변호사', 'Legal', '법무팀'],
  ['Product Manager', '프로덕트 매니저', 'Product', '프로덕트팀'],
  ['Data Analyst', '데이터 분석가', 'Engineering', '개발팀'],
];

/** Korean exchange name stems: [Hangul, romanised]. Chosen to be unlike any real exchange's name. */
export const koreanStems: readonly (readonly [string, string])[] = [
  ['다온', 'Daon'], ['새벽', 'Saebyeok'], ['노을', 'Noeul'], ['구름', 'Gureum'], ['소래', 'Sorae'], ['온누리', 'Onnuri'],
  ['여울', 'Yeoul'], ['나래', 'Narae'], ['은하', 'Eunha'], ['가람', 'Garam'], ['아라', 'Ara'], ['한결', 'Hangyeol'],
  ['윤슬', 'Yunseul'], ['미르', 'Mireu'], ['해솔', 'Haesol'], ['이음', 'Ieum'], ['바람결', 'Baramgyeol'], ['늘봄', 'Neulbom'],
];

export const koreanSuffixes: readonly (readonly [string, string, string])[] = [
  // [display suffix, Korean suffix, domain suffix]
  ['EX', '엑스', 'ex'], ['Trade', '트레이드', 'trade'], ['Xchange', '익스체인지', 'xchange'], ['Bitmarket', '비트마켓', 'bitmarket'],
];

export const koreanTlds: readonly string[] = ['co.kr', 'co.kr', 'com', 'kr'];

export const internationalStems: readonly string[] = [
  'Lumora', 'Corvane', 'Tidemark', 'Halcyra', 'Ostrel', 'Brightfen', 'Kestrava', 'Quillon', 'Vessaro', 'Marrowind',
  'Solvane', 'Averix', 'Northcairn', 'Pellucid', 'Zephra',
];

export const internationalSuffixes: readonly (readonly [string, string])[] = [
  ['Exchange', '-exchange.com'], ['Markets', 'markets.io'], ['X', 'x.io'], ['Digital', 'digital.sg'],
];

/** Partner brands the exchanges all use; the spear-phishing campaign impersonates one. Fictional. */
export const partnerBrands: readonly (readonly [string, string])[] = [
  ['Arkwell Custody', 'arkwellcustody.com'], ['VeriSeal KYC', 'verisealkyc.com'], ['Coldharbor Wallet Security', 'coldharbor-wallet.io'],
  ['Trustline Travel Rule', 'trustline-tr.com'], ['Keystone MPC', 'keystonempc.io'],
];
