import { existsSync } from 'node:fs';
import path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { compile } from 'html-to-text';

/** Compiled once: convert() compiles its options (selectors into a decision tree) on every call, which profiles
 * showed as a tenth of the API's time per publish. */
const toPlainText = compile({ wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }, { selector: 'img', format: 'skip' }] });
import { AttachmentsService } from '../../attachments/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { auditSummary, checkContent, type Finding } from './checker.js';
import { attachmentText } from './attachment-text.js';
import { ContentBlockedError, ContentWarningsError } from './content-check.errors.js';
import { loadExpressions, type Expression } from './expressions.js';

export interface ContentToCheck {
  title: string;
  /** HTML, as drafts and disclosures store it */
  body: string;
  attachmentIds?: string[];
}

export interface CheckResult {
  findings: Finding[];
  blocked: boolean;
  /** attachments whose text could not be read (PDF, OFD, images …): named so nobody thinks they were checked */
  unchecked: string[];
}

/** Where a publish over warnings happens, for the audit entry. */
export interface OverrideContext {
  step: 'publish' | 'draft.review' | 'draft.publish';
  disclosureId?: string;
  draftId?: string;
  departmentCode?: string | null;
}

/**
 * 发布前内容检查: personal data and wrong expressions in the title, body and readable attachments. The same check
 * runs for the compose page, at review, and on every publish path, so a direct API call is checked too.
 */
@Injectable()
export class ContentCheckService {
  private readonly logger = new Logger(ContentCheckService.name);
  readonly expressions: readonly Expression[];

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    const file = path.join(config.configDir, 'expressions.yaml');
    // a broken file stops the process with its problems listed (loadExpressions throws); a missing one is a choice
    this.expressions = existsSync(file) ? loadExpressions(file) : [];
    if (!existsSync(file)) this.logger.warn(`${file} not found: only personal data is checked`);
  }

  /** With `viewer`, files of another department are left out (as unknown ids are): the answer quotes their text. */
  async check(content: ContentToCheck, viewer?: Principal): Promise<CheckResult> {
    const sees = (department: string | null) => !viewer || department === null || viewer.roles.includes('admin') || viewer.roles.includes('auditor') || viewer.departmentCode === department;
    const files = (await this.attachments.find(content.attachmentIds ?? [])).filter((f) => sees(f.departmentCode));
    const byId = new Map(files.map((f) => [f.id, f]));
    const texts: { filename: string; text: string }[] = [];
    const unchecked: string[] = [];
    for (const id of content.attachmentIds ?? []) {
      const meta = byId.get(id);
      if (!meta) continue; // an unknown id is the publish path's error to report, with its own message
      const content = await this.attachments.readContent(id);
      const text = content ? await attachmentText(meta.contentType, content).catch(() => null) : null;
      if (text === null) unchecked.push(meta.filename);
      texts.push({ filename: meta.filename, text: text ?? '' });
    }
    const bodyText = toPlainText(content.body);
    const findings = checkContent({ title: content.title, bodyText, attachments: texts }, this.expressions);
    return { findings, blocked: findings.some((f) => f.severity === 'block'), unchecked };
  }

  /**
   * Throws unless the content may go out: blocking findings always stop it; warnings need a reason, which is
   * recorded in the audit log (with the findings' kinds and masked forms, never the personal data itself).
   */
  async assertPublishable(content: ContentToCheck, overrideReason: string | undefined, user: Principal, ctx: OverrideContext): Promise<void> {
    const { findings } = await this.check(content, user);
    const blocking = findings.filter((f) => f.severity === 'block');
    if (blocking.length) throw new ContentBlockedError(findings);
    if (findings.length === 0) return;
    if (!overrideReason?.trim()) throw new ContentWarningsError(findings);
    await this.audit.record({
      actor: `user:${user.username}`, action: 'content_check.overridden', disclosureId: ctx.disclosureId ?? null, departmentCode: ctx.departmentCode ?? null, outcome: 'ok',
      details: { step: ctx.step, draftId: ctx.draftId, title: content.title, reason: overrideReason.trim(), findings: auditSummary(findings) },
    });
  }
}
