import { findPersonalData, maskOf, type PersonalDataKind } from './detectors.js';
import type { Expression } from './expressions.js';

export type FindingKind = PersonalDataKind | 'expression';

/** One problem, where it is, and what to write instead. */
export interface Finding {
  /** title | body | attachments[<n>] (n: the attachment's position in attachmentIds) */
  field: string;
  kind: FindingKind;
  /** block: cannot be published as it is (an unmasked 身份证号); warning: may be published over, with a reason */
  severity: 'block' | 'warning';
  /** what was found, as written (personal data is in the answer to the person checking, never in the audit log) */
  text: string;
  /** the replacement to use */
  fix: string;
  /** zh-CN: what is wrong and why */
  message: string;
  /** offset in the field's plain text, and the text around it, for showing the finding in place */
  start: number;
  context: string;
  source?: string;
  /** the attachment's file name, for attachment findings */
  filename?: string;
}

export interface CheckInput {
  title: string;
  /** plain text of the body (the caller turns HTML into text) */
  bodyText: string;
  attachments?: { filename: string; text: string }[];
}

const LABEL: Record<PersonalDataKind, string> = { id_card: '居民身份证号码', mobile: '手机号码', bank_card: '银行卡号', email: '电子邮箱地址' };

export function checkText(field: string, text: string, expressions: readonly Expression[], filename?: string): Finding[] {
  const where = fieldLabel(field, filename);
  const context = (start: number, end: number) => text.slice(Math.max(0, start - 12), Math.min(text.length, end + 12)).replace(/\s+/g, ' ');
  const findings: Finding[] = findPersonalData(text).map((m) => ({
    field, kind: m.kind, severity: m.kind === 'id_card' ? 'block' : 'warning', text: m.text, fix: maskOf(m.kind, m.text), start: m.start, context: context(m.start, m.end),
    message: m.kind === 'id_card'
      ? `${where}含未脱敏的${LABEL.id_card}，须脱敏后才能发布（如改为 ${maskOf(m.kind, m.text)}）`
      : `${where}含${LABEL[m.kind]}，公开前请确认是否应当公开，或改为 ${maskOf(m.kind, m.text)}`,
    ...(filename ? { filename } : {}),
  }));
  for (const e of expressions) {
    for (let at = text.indexOf(e.wrong); at >= 0; at = text.indexOf(e.wrong, at + e.wrong.length)) {
      // the wrong form may sit inside its own correct form (e.g. a shorter string of it): that is no finding
      const c = text.indexOf(e.correct, Math.max(0, at - e.correct.length));
      if (c >= 0 && c <= at && c + e.correct.length >= at + e.wrong.length) continue;
      findings.push({
        field, kind: 'expression', severity: 'warning', text: e.wrong, fix: e.correct, start: at, context: context(at, at + e.wrong.length), source: e.source,
        message: `${where}“${e.wrong}”应为“${e.correct}”${e.note ? `（${e.note}）` : ''}，依据：${e.source}`,
        ...(filename ? { filename } : {}),
      });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

export function checkContent(input: CheckInput, expressions: readonly Expression[]): Finding[] {
  return [
    ...checkText('title', input.title, expressions),
    ...checkText('body', input.bodyText, expressions),
    ...(input.attachments ?? []).flatMap((a, i) => checkText(`attachments[${i}]`, a.text, expressions, a.filename)),
  ];
}

function fieldLabel(field: string, filename?: string): string {
  if (field === 'title') return '标题';
  if (field === 'body') return '正文';
  return `附件“${filename ?? field}”`;
}

/** What the audit log keeps of findings published over: where and what kind, with personal data masked. */
export function auditSummary(findings: Finding[]): { field: string; kind: FindingKind; shown: string }[] {
  return findings.map((f) => ({ field: f.field, kind: f.kind, shown: f.kind === 'expression' ? f.text : f.fix }));
}
