import fc from 'fast-check';
import { findPersonalData, idCheckChar, isValidIdCard, luhnValid, maskOf } from './detectors.js';

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
const birth = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
/** A 身份证号 with a valid check character: region (6) + birth date (8) + sequence (3) + check. */
const validId = fc.tuple(fc.integer({ min: 110000, max: 659999 }), birth, digits(3, 3)).map(([r, b, s]) => {
  const first17 = `${r}${b}${s}`;
  return first17 + idCheckChar(first17);
});
const withLuhn = (body: string) => {
  for (let c = 0; c <= 9; c++) if (luhnValid(body + c)) return body + c;
  throw new Error('unreachable: one check digit always fits');
};
const validCard = fc.tuple(fc.constantFrom('62', '4', '5'), fc.integer({ min: 16, max: 19 })).chain(([p, len]) => digits(len - p.length - 1, len - p.length - 1).map((d) => withLuhn(p + d)));

describe('居民身份证号码 (GB 11643-1999)', () => {
  it('computes the check character of the standard\'s example 11010519491231002X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
  });

  it('finds every generated valid number in surrounding Chinese text, and suggests the masked form', () => {
    fc.assert(fc.property(validId, (id) => {
      const found = findPersonalData(`申请人${id}，已核实。`);
      expect(found).toEqual([expect.objectContaining({ kind: 'id_card', text: id })]);
      expect(maskOf('id_card', id)).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    }));
  });

  it('does not report a number whose check character is wrong', () => {
    fc.assert(fc.property(validId, fc.integer({ min: 1, max: 10 }), (id, shift) => {
      const chars = '0123456789X';
      const wrong = chars[(chars.indexOf(id[17]) + shift) % 11];
      const bad = id.slice(0, 17) + wrong;
      expect(isValidIdCard(bad)).toBe(false);
      expect(findPersonalData(`号码${bad}`).filter((f) => f.kind === 'id_card')).toEqual([]);
    }));
  });

  it('does not report an impossible birth date, a number inside a longer run of digits, or a masked number', () => {
    const first17 = '11010519490231002'; // 31 February
    expect(isValidIdCard(first17 + idCheckChar(first17))).toBe(false);
    fc.assert(fc.property(validId, (id) => {
      expect(findPersonalData(`9${id}`).filter((f) => f.kind === 'id_card')).toEqual([]);
      expect(findPersonalData(maskOf('id_card', id))).toEqual([]);
      expect(findPersonalData(`${id.slice(0, 3)}***********${id.slice(14)}`)).toEqual([]);
    }));
  });
});

describe('bank card numbers (Luhn)', () => {
  it('finds generated valid numbers, plain or in groups of four, and not as 身份证号', () => {
    fc.assert(fc.property(validCard, (card) => {
      // an 18-digit number can be both; it is reported as the 身份证号 (the blocking finding), which the next test shows
      fc.pre(!isValidIdCard(card));
      const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
      for (const written of [card, grouped]) {
        const found = findPersonalData(`收款账号：${written}。`);
        expect(found).toEqual([expect.objectContaining({ kind: 'bank_card', text: written })]);
      }
      expect(maskOf('bank_card', card)).toBe('*'.repeat(card.length - 4) + card.slice(-4));
    }));
  });

  it('reports an 18-digit number that is both a valid 身份证号 and passes Luhn once, as the 身份证号', () => {
    expect(findPersonalData('621247200007217229').map((f) => f.kind)).toEqual(['id_card']);
  });

  it('does not report a number that fails the Luhn check', () => {
    fc.assert(fc.property(validCard, fc.integer({ min: 1, max: 9 }), (card, d) => {
      const bad = card.slice(0, -1) + String((Number(card.at(-1)) + d) % 10);
      expect(findPersonalData(`账号${bad}`).filter((f) => f.kind === 'bank_card')).toEqual([]);
    }));
  });
});

describe('mainland mobile numbers', () => {
  const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9, 9)).map(([b, rest]) => `1${b}${rest}`);
  it('finds 1[3-9] + 9 digits, with or without +86', () => {
    fc.assert(fc.property(mobile, (m) => {
      expect(findPersonalData(`联系电话${m}。`)).toEqual([expect.objectContaining({ kind: 'mobile', text: m })]);
      expect(findPersonalData(`电话+86 ${m}`)).toEqual([expect.objectContaining({ kind: 'mobile', text: `+86 ${m}` })]);
    }));
  });
  it('does not report 12x numbers, numbers inside longer digit runs, or masked numbers', () => {
    fc.assert(fc.property(mobile, digits(9, 9), (m, rest) => {
      expect(findPersonalData(`12${rest}`)).toEqual([]);
      expect(findPersonalData(`编号${m}5`).filter((f) => f.kind === 'mobile')).toEqual([]);
      expect(findPersonalData(maskOf('mobile', m))).toEqual([]);
    }));
  });
});

describe('e-mail addresses', () => {
  it('finds an address between Chinese characters and masks it', () => {
    expect(findPersonalData('来信请寄zhang.san@example.gov.cn，谢谢')).toEqual([expect.objectContaining({ kind: 'email', text: 'zhang.san@example.gov.cn' })]);
    expect(maskOf('email', 'zhang.san@example.gov.cn')).toBe('z***@example.gov.cn');
  });
  it('does not report a bare @ or a domain with no address', () => {
    expect(findPersonalData('请 @ 相关单位；网址 www.example.gov.cn')).toEqual([]);
  });
});
