import MailComposer from 'nodemailer/lib/mail-composer';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import type { EmailBody } from './email.message.js';
import { footerHtml, footerText } from './email.message.js';

/**
 * A push mail built once per delivery and revision, and copied per recipient with only their own parts put in:
 * To, Message-ID, Date, List-Unsubscribe and the footer's unsubscribe link.
 *
 * The profile of targeted_push_100k showed the worker spending most of its time in nodemailer building MIME (header
 * encoding, picking and applying a transfer encoding) for 100,000 messages that differ in four headers and one link.
 * nodemailer's MailComposer builds the message here once, with placeholders, so the MIME structure, header encoding
 * and boundaries are still nodemailer's; per recipient only string pieces are joined. Both bodies are base64: the
 * shared part's complete 57-byte blocks are encoded once, and only the last partial block plus the personal footer
 * per recipient, which gives byte for byte what encoding the whole body would.
 *
 * DKIM is unaffected: nodemailer signs the raw message it is handed, per message, as before.
 */
export class EmailTemplate {
  private constructor(
    private readonly pieces: (string | Slot)[],
    private readonly body: EmailBody,
    private readonly text: PreEncoded,
    private readonly html: PreEncoded,
    readonly envelopeFrom: string,
    private readonly messageIdDomain: string,
  ) {}

  static async build(o: { from: string; replyTo: string | null; body: EmailBody; headers: Record<string, string>; messageIdDomain: string }): Promise<EmailTemplate> {
    const composer = new MailComposer({
      from: o.from,
      replyTo: o.replyTo ?? undefined,
      to: PLACEHOLDER.to,
      subject: o.body.subject,
      text: PLACEHOLDER.text,
      html: PLACEHOLDER.html,
      // a fixed encoding, so the shared part of a body can be encoded ahead of the personal rest (see above)
      textEncoding: 'base64',
      headers: {
        'List-Unsubscribe': `<${PLACEHOLDER.unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // no out-of-office replies to a bulk send
        'Auto-Submitted': 'auto-generated',
        ...o.headers,
      },
      messageId: `<${PLACEHOLDER.messageId}@${o.messageIdDomain}>`,
    });
    const node = composer.compile();
    const envelopeFrom = node.getEnvelope().from;
    if (!envelopeFrom) throw new Error('the email channel has no sender address (settings.from)');
    const raw = (await node.build()).toString('latin1');
    return new EmailTemplate(split(raw, o.messageIdDomain), o.body, preEncode(o.body.text), preEncode(o.body.html), envelopeFrom, o.messageIdDomain);
  }

  /**
   * The recipient's raw message, or null when a value cannot go into a header as it is (not printable ASCII):
   * the caller then lets nodemailer compose that one message in full.
   */
  render(r: { address: string; messageIdLocal: string; unsubscribeUrl: string }, date: Date): string | null {
    if (!HEADER_SAFE.test(r.address) || !HEADER_SAFE.test(r.messageIdLocal) || !HEADER_SAFE.test(r.unsubscribeUrl)) return null;
    const values: Record<Slot['slot'], string> = {
      // whole header fields, folded the way nodemailer folds every header it writes
      to: foldLines(`To: ${r.address}`, 76),
      messageId: foldLines(`Message-ID: <${r.messageIdLocal}@${this.messageIdDomain}>`, 76),
      unsubscribe: foldLines(`List-Unsubscribe: <${r.unsubscribeUrl}>`, 76),
      date: `Date: ${date.toUTCString().replace(/GMT/, '+0000')}`,
      text: finish(this.text, footerText(this.body, r.unsubscribeUrl)),
      html: finish(this.html, footerHtml(this.body, r.unsubscribeUrl)),
    };
    let out = '';
    for (const p of this.pieces) out += typeof p === 'string' ? p : values[p.slot];
    return out;
  }
}

interface Slot {
  slot: 'to' | 'messageId' | 'unsubscribe' | 'date' | 'text' | 'html';
}

const PLACEHOLDER = {
  to: 'gkd-recipient@placeholder.invalid',
  messageId: 'gkd-message-id',
  unsubscribe: 'gkd-unsubscribe-link',
  // not ASCII, so nodemailer declares charset=utf-8 exactly as for the real bodies
  text: '〔gkd-text-body〕',
  html: '〔gkd-html-body〕',
};

/** printable ASCII without the characters that could end or fold a header or an angle-bracketed value */
const HEADER_SAFE = /^[\x21-\x3b\x3d\x3f-\x7e]+$/;

/** nodemailer wraps base64 at 76 characters: 57 bytes a line */
const LINE_BYTES = 57;

interface PreEncoded {
  /** the complete lines, each ending in CRLF */
  lines: string;
  /** the bytes after them, encoded with each recipient's footer */
  rest: Buffer;
}

function preEncode(shared: string): PreEncoded {
  const bytes = Buffer.from(shared, 'utf8');
  const whole = bytes.length - (bytes.length % LINE_BYTES);
  let lines = '';
  for (let i = 0; i < whole; i += LINE_BYTES) lines += bytes.subarray(i, i + LINE_BYTES).toString('base64') + '\r\n';
  return { lines, rest: bytes.subarray(whole) };
}

function finish(pre: PreEncoded, footer: string): string {
  const tail = Buffer.concat([pre.rest, Buffer.from(footer, 'utf8')]);
  const parts: string[] = [];
  for (let i = 0; i < tail.length; i += LINE_BYTES) parts.push(tail.subarray(i, i + LINE_BYTES).toString('base64'));
  return pre.lines + parts.join('\r\n');
}

/** The composed placeholder message cut into literal text and slots; each placeholder must occur exactly once. */
function split(raw: string, domain: string): (string | Slot)[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const marks: [string, Slot['slot']][] = [
    [`To: ${PLACEHOLDER.to}`, 'to'],
    [`Message-ID: <${PLACEHOLDER.messageId}@${domain}>`, 'messageId'],
    [`List-Unsubscribe: <${PLACEHOLDER.unsubscribe}>`, 'unsubscribe'],
    [b64(PLACEHOLDER.text), 'text'],
    [b64(PLACEHOLDER.html), 'html'],
  ];
  const date = /^Date: [^\r\n]*/m.exec(raw);
  if (!date) throw new Error('email template: nodemailer wrote no Date header');
  const found: { at: number; len: number; slot: Slot['slot'] }[] = [{ at: date.index, len: date[0].length, slot: 'date' }];
  for (const [mark, slot] of marks) {
    const at = raw.indexOf(mark);
    if (at < 0 || raw.indexOf(mark, at + 1) >= 0) throw new Error(`email template: placeholder for ${slot} not found exactly once (a header nodemailer wrote differently than expected)`);
    found.push({ at, len: mark.length, slot });
  }
  found.sort((a, b) => a.at - b.at);
  const pieces: (string | Slot)[] = [];
  let pos = 0;
  for (const f of found) {
    pieces.push(raw.slice(pos, f.at), { slot: f.slot });
    pos = f.at + f.len;
  }
  pieces.push(raw.slice(pos));
  return pieces;
}
