import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';
import { footerHtml, footerText, type EmailBody } from './email.message.js';
import { EmailTemplate } from './email.template.js';

const FROM = '根河市政务公开 <gongkai@genhe.gov.cn>';
const DATE = new Date('2026-12-04T08:00:00Z');
const URL_ = 'https://gk.example/api/subscribers/unsubscribe?token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function body(text: string, html: string): EmailBody {
  return { subject: '【根河市人民政府】关于规范性文件清理结果的公告（第二批，共十二件，请相关单位周知）', text, html, reason: '履职依据' };
}

/** The same message composed by nodemailer in full, the way every message was built before the template. */
async function composedInFull(b: EmailBody, to: string, messageId: string, url: string): Promise<string> {
  const raw = await new MailComposer({
    from: FROM, replyTo: 'zwgk@genhe.gov.cn', to, subject: b.subject, date: DATE,
    text: b.text + footerText(b, url), html: b.html + footerHtml(b, url), textEncoding: 'base64',
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated', 'X-Gongkai-Delivery': 'delivery-1' },
    messageId: `<${messageId}@genhe.gov.cn>`,
  }).compile().build();
  return raw.toString('latin1');
}

const sameBoundary = (raw: string) => raw.replace(/--_NmP-[0-9a-f]+-Part_\d+/g, 'BOUNDARY');

describe('EmailTemplate', () => {
  const build = (b: EmailBody) => EmailTemplate.build({ from: FROM, replyTo: 'zwgk@genhe.gov.cn', body: b, headers: { 'X-Gongkai-Delivery': 'delivery-1' }, messageIdDomain: 'genhe.gov.cn' });

  it('renders byte for byte what nodemailer composes for the whole message, whatever the length of the shared part', async () => {
    // lengths around the 57-byte base64 line, with 3-byte characters, so the shared part ends mid-block and mid-character
    for (const n of [0, 1, 2, 18, 19, 20, 56, 57, 58, 170, 171, 1000]) {
      const text = '公'.repeat(Math.floor(n / 3)) + 'x'.repeat(n % 3);
      const b = body(`${text}\n第二行`, `<p>${text}</p>`);
      const t = await build(b);
      const raw = t.render({ address: 'item1@example.cn', messageIdLocal: 'd1.42', unsubscribeUrl: URL_ }, DATE)!;
      expect([n, sameBoundary(raw)]).toEqual([n, sameBoundary(await composedInFull(b, 'item1@example.cn', 'd1.42', URL_))]);
    }
  });

  it('gives each recipient their own address, Message-ID and unsubscribe link in headers and both bodies', async () => {
    const b = body('正文第一段。\n正文第二段。', '<div><p>正文第一段。</p><p>正文第二段。</p>');
    const t = await build(b);
    expect(t.envelopeFrom).toBe('gongkai@genhe.gov.cn');
    const one = await simpleParser(t.render({ address: 'a@example.cn', messageIdLocal: 'd1.1', unsubscribeUrl: `${URL_}1` }, DATE)!);
    const two = await simpleParser(t.render({ address: 'b@example.cn', messageIdLocal: 'd1.2', unsubscribeUrl: `${URL_}2` }, DATE)!);
    expect(one.to).toEqual(expect.objectContaining({ text: 'a@example.cn' }));
    expect(two.to).toEqual(expect.objectContaining({ text: 'b@example.cn' }));
    expect([one.messageId, two.messageId]).toEqual(['<d1.1@genhe.gov.cn>', '<d1.2@genhe.gov.cn>']);
    const header = (m: typeof one, key: string) => m.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
    expect(header(one, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${URL_}1>`);
    expect(header(two, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${URL_}2>`);
    expect(header(one, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(one.subject).toBe(b.subject);
    expect(one.date!.toISOString()).toBe(DATE.toISOString());
    expect(one.text).toBe(b.text + footerText(b, `${URL_}1`));
    expect(two.html).toBe(b.html + footerHtml(b, `${URL_}2`));
  });

  it('declines values that could break a header, so nodemailer composes those in full', async () => {
    const t = await build(body('x', '<p>x</p>'));
    expect(t.render({ address: 'a@example.cn\r\nBcc: x@evil.example', messageIdLocal: 'd1.1', unsubscribeUrl: URL_ }, DATE)).toBeNull();
    expect(t.render({ address: '用户@例子.中国', messageIdLocal: 'd1.1', unsubscribeUrl: URL_ }, DATE)).toBeNull();
    expect(t.render({ address: 'a@example.cn', messageIdLocal: 'd1.1', unsubscribeUrl: `${URL_}>, <https://evil.example` }, DATE)).toBeNull();
  });
});
