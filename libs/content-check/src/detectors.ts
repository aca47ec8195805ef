/**
 * Personal-data detectors. Each returns the matches in a text with their offsets, so the back office can show a
 * finding where it is. Masked forms (digits replaced by * or ×) never match: a masked number is what we want.
 */
export type PersonalDataKind = 'id_card' | 'mobile' | 'bank_card' | 'email';

export interface Match {
  kind: PersonalDataKind;
  text: string;
  start: number;
  end: number;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** An 18-character number whose birth date is a real date and whose check character is right. */
export function isValidIdCard(s: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idCheckChar(s.slice(0, 17)) === s[17].toUpperCase();
}

/** Luhn (ISO/IEC 7812-1), the check every UnionPay / Visa / Mastercard number passes. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

// Boundaries: a number inside a longer run of digits (or letters, for e-mail) is not the thing itself.
const ID_RE = /(?<![\dA-Za-z])[1-9]\d{16}[\dXx](?![\dA-Za-z])/g;
const MOBILE_RE = /(?<![\d])(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)/g;
// 16–19 digits, optionally in groups of 4 separated by one space or hyphen, as cards are usually written
const CARD_RE = /(?<![\d])\d{4}(?:[ -]?\d{1,4}){3,4}(?!\d)/g;
const EMAIL_RE = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;

function* all(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

/** Every personal-data match in a text; an 18-digit 身份证号 is not reported again as a bank card. */
export function findPersonalData(text: string): Match[] {
  const out: Match[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const m of all(ID_RE, text)) {
    if (!isValidIdCard(m[0])) continue;
    out.push({ kind: 'id_card', text: m[0], start: m.index, end: m.index + m[0].length });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of all(CARD_RE, text)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19 || !luhnValid(digits) || overlaps(m.index, m.index + m[0].length)) continue;
    out.push({ kind: 'bank_card', text: m[0], start: m.index, end: m.index + m[0].length });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of all(MOBILE_RE, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    out.push({ kind: 'mobile', text: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (const m of all(EMAIL_RE, text)) out.push({ kind: 'email', text: m[0], start: m.index, end: m.index + m[0].length });
  return out.sort((a, b) => a.start - b.start);
}

/** The masked form to suggest: keep what identifies nothing on its own (region or prefix, last digits). */
export function maskOf(kind: PersonalDataKind, text: string): string {
  switch (kind) {
    case 'id_card':
      return `${text.slice(0, 6)}********${text.slice(14)}`;
    case 'mobile': {
      const digits = text.replace(/\D/g, '').slice(-11);
      return `${digits.slice(0, 3)}****${digits.slice(7)}`;
    }
    case 'bank_card': {
      const digits = text.replace(/\D/g, '');
      return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
    }
    case 'email': {
      const [user, domain] = text.split('@');
      return `${user.slice(0, 1)}***@${domain}`;
    }
  }
}
