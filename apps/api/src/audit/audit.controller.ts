import { Controller, Get, HttpCode, Logger, NotFoundException, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  AuditAnchorsService, AuditQueryService, AuditService, AuditVerifier, ExportAborted, writeAuditCsv, writeAuditXlsx, type AuditFilter,
} from '../../../../libs/audit/src/index.js';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { badParam, ExportAuditDto, ListAnchorsDto, ListAuditDto, toFilter, VerifyAuditDto } from './audit-query.dto.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The auditor's view of the log: read, export, verify, anchor. Nothing here changes an entry. */
@Controller('audit')
@Roles('auditor')
export class AuditController {
  private readonly logger = new Logger(AuditController.name);

  constructor(
    private readonly audit: AuditService,
    private readonly query: AuditQueryService,
    private readonly verifier: AuditVerifier,
    private readonly anchors: AuditAnchorsService,
  ) {}

  /** Newest first by default (id order: unsealed entries included); `nextCursor` is the last id of the page. */
  @Get()
  list(@Query() q: ListAuditDto) {
    return this.query.list(toFilter(q), { limit: q.limit ?? 100, cursor: q.cursor === undefined ? undefined : Number(q.cursor), order: q.order ?? 'desc' });
  }

  /**
   * Streams every matching sealed entry (up to the sealed head at the start) as CSV or XLSX, page by page, so a year of
   * entries never sits in memory. The export itself is logged, with how many entries it carried.
   */
  @Get('export')
  async export(@Query() q: ExportAuditDto, @CurrentUser() user: Principal, @Res() res: Response): Promise<void> {
    const filter = toFilter(q);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 13);
    res.status(200);
    res.setHeader('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="audit-${stamp}.${q.format}"`);
    res.setHeader('Cache-Control', 'no-store');
    const write = q.format === 'csv' ? writeAuditCsv : writeAuditXlsx;
    let rows = 0;
    let outcome = 'ok';
    let error: string | undefined;
    const pages = this.query.walk(filter);
    const counted = (async function* () {
      for await (const page of pages) {
        rows += page.length;
        yield page;
      }
    })();
    let failure: unknown;
    try {
      await write(counted, res);
    } catch (err) {
      outcome = err instanceof ExportAborted ? 'aborted' : 'failed';
      error = (err as Error).message;
      failure = err;
    } finally {
      await pages.return(undefined);
    }
    // a broken-off download must look broken, never like a complete file
    if (outcome === 'aborted' || (outcome === 'failed' && res.headersSent)) res.destroy();
    await this.audit.record({
      actor: `user:${user.username}`, action: 'audit.exported', departmentCode: filter.department ?? null, outcome,
      details: { format: q.format, filter: describeFilter(filter), entries: rows, ...(error ? { error } : {}) },
    });
    if (outcome === 'failed') {
      this.logger.error(`audit export for ${user.username} failed after ${rows} entries: ${(failure as Error)?.stack ?? failure}`);
      // nothing sent yet (e.g. the database was down at the first page): the client gets a JSON error
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        throw failure;
      }
    }
  }

  /**
   * Walks the whole chain against every stored anchor and, if given, an anchor held outside the system. The
   * run is stored and logged; a break also raises an alert.
   */
  @Get('verify')
  async verify(@Query() q: VerifyAuditDto, @CurrentUser() user: Principal) {
    if ((q.anchorSeq === undefined) !== (q.anchorHash === undefined)) {
      const missing = q.anchorSeq === undefined ? 'anchorSeq' : 'anchorHash';
      throw badParam(missing, `${missing} is required when ${missing === 'anchorSeq' ? 'anchorHash' : 'anchorSeq'} is given`);
    }
    const extra = q.anchorSeq !== undefined ? [{ seq: q.anchorSeq, hash: q.anchorHash!, source: 'anchor given in the request' }] : [];
    const r = await this.verifier.run('api', `user:${user.username}`, extra);
    return { valid: r.valid, checked: r.checked, firstBrokenSeq: r.firstBrokenSeq, head: r.head, anchorsChecked: r.anchorsChecked, unsealed: r.unsealed ?? 0, reason: r.reason ?? null, verificationId: r.id };
  }

  /** How far the sealer has come (docs/audit.md §1): the audit page's "已封存至第 N 条，待封存 M 条". */
  @Get('seal-status')
  sealStatus() {
    return this.audit.sealStatus();
  }

  /** What monitoring polls: the result of the latest run, scheduled or requested. */
  @Get('verify/last')
  async lastVerification() {
    const last = await this.verifier.last();
    if (!last) throw new NotFoundException('尚未进行过审计日志校验');
    return last;
  }

  @Get('head')
  async head() {
    const head = await this.audit.head();
    if (!head) throw new NotFoundException('审计日志为空');
    return head;
  }

  @Get('anchors')
  anchorList(@Query() q: ListAnchorsDto) {
    return this.anchors.list(q.limit ?? 50, q.cursor === undefined ? undefined : Number(q.cursor));
  }

  /** The latest anchor as the text to publish, word for word. */
  @Get('anchors/latest.txt')
  async latestAnchorText(@Res() res: Response): Promise<void> {
    const a = await this.anchors.latest();
    if (!a) throw new NotFoundException('尚未导出过链头锚定');
    res.status(200).type('text/plain; charset=utf-8').send(a.text);
  }

  /** Anchors the head now (the daily job does this on its own). */
  @Post('anchors')
  @Roles('admin')
  @HttpCode(201)
  async anchorNow(@CurrentUser() user: Principal) {
    const a = await this.anchors.exportHead('manual', `user:${user.username}`);
    if (!a) throw new NotFoundException('审计日志为空，无可锚定的链头');
    return a;
  }
}

function describeFilter(f: AuditFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
  );
}
