import { aliyunNumber, maskAddress, normalizeEmail, normalizePhone } from './addresses.js';
import { describeOutcome } from './push-recipients.repository.js';
import { parseTopic, topicsForItem } from './topics.js';

describe('subscriber addresses', () => {
  it('normalises email addresses and refuses what is not one', () => {
    expect(normalizeEmail('  Zhang.San@Example.GOV.cn ')).toBe('zhang.san@example.gov.cn');
    expect(normalizeEmail('no-at-sign')).toBeNull();
    expect(normalizeEmail('a@b')).toBeNull();
    expect(normalizeEmail('a@b.cn\r\nBcc: x@y.cn')).toBeNull();
  });

  it('writes phone numbers in E.164 and knows what Aliyun wants', () => {
    expect(normalizePhone('138 0013 8000')).toBe('+8613800138000');
    expect(normalizePhone('+86 138-0013-8000')).toBe('+8613800138000');
    expect(normalizePhone('008613800138000')).toBe('+8613800138000');
    expect(normalizePhone('+86 10 1234 5678')).toBeNull(); // a landline cannot take SMS
    expect(normalizePhone('+85291234567')).toBe('+85291234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(aliyunNumber('+8613800138000')).toBe('13800138000');
    expect(aliyunNumber('+85291234567')).toBe('85291234567');
    expect(maskAddress('zhangsan@example.cn')).toBe('zh***@example.cn');
    expect(maskAddress('+8613800138000')).toBe('+86138****8000');
  });
});

describe('topics', () => {
  it('reads items, groups and catalogues, and lists what a disclosure reaches', () => {
    expect(parseTopic('genhe-zwfw:01-01')).toEqual({ kind: 'item', catalogue: 'genhe-zwfw', itemId: '01-01' });
    expect(parseTopic('group:genhe-zwfw:履职依据')).toEqual({ kind: 'group', catalogue: 'genhe-zwfw', group: '履职依据' });
    expect(parseTopic('catalogue:genhe-zwfw')).toEqual({ kind: 'catalogue', catalogue: 'genhe-zwfw' });
    expect(parseTopic('whatever')).toBeNull();
    expect(parseTopic('item:BAD CODE:1')).toBeNull();
    expect(topicsForItem('genhe-zwfw', '01-01', ['履职依据', '规范性文件']).sort()).toEqual(
      ['catalogue:genhe-zwfw', 'group:genhe-zwfw:履职依据', 'item:genhe-zwfw:01-01'].sort(),
    );
  });
});

describe('push outcome wording', () => {
  const c = { total: 10, pending: 0, sending: 0, sent: 10, failed: 0, unknown: 0, cancelled: 0, parts: 0 };
  it('is pending while anything is pending or being sent', () => {
    expect(describeOutcome({ ...c, sent: 9, sending: 1 }, 'numbers', 'hint').status).toBe('pending');
  });
  it('is delivered when every recipient was sent', () => {
    expect(describeOutcome(c, 'recipients', 'hint')).toEqual({ status: 'delivered', counts: c, remoteId: 'recipients:10' });
  });
  it('says how many failed and how many are unknown, with what to do', () => {
    const o = describeOutcome({ ...c, sent: 6, failed: 1, unknown: 3 }, 'numbers', "check the gateway's QuerySendDetails before resending");
    expect(o.status).toBe('failed');
    expect(o.status === 'failed' && o.error).toBe(
      "6 of 10 numbers sent; 1 failed (a retry sends to those only); outcome unknown for 3 numbers; check the gateway's QuerySendDetails before resending",
    );
  });
});
