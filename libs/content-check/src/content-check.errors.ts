import type { Finding } from './checker.js';

/** 422: an unmasked 身份证号 (or another blocking finding); only masking it lets the content through. */
export class ContentBlockedError extends Error {
  constructor(readonly findings: Finding[]) {
    super(findings.filter((f) => f.severity === 'block').map((f) => f.message).join('；'));
  }
  get field(): string {
    return this.findings.find((f) => f.severity === 'block')?.field ?? 'body';
  }
}

/** 422: warnings that the person may publish over, but only with a reason (contentCheckOverride.reason). */
export class ContentWarningsError extends Error {
  constructor(readonly findings: Finding[]) {
    super(`发布前检查发现 ${findings.length} 处需要确认：${findings[0]?.message ?? ''}${findings.length > 1 ? ' 等' : ''}。请修改；如确需发布，请填写仍要发布的理由（contentCheckOverride.reason）`);
  }
  get field(): string {
    return 'contentCheckOverride.reason';
  }
}
