import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import type { Principal } from '../../../../libs/auth/src/index.js';
import {
  ChannelRegistry, chromiumMissing, escapeHtml, GazetteAdapter, issueLabel, printPdf, renderGazetteIssue, type GazetteEntry, type GazetteSettings,
} from '../../../../libs/channels/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';
import { ConflictError, DeliveriesService, NotFoundError, recomputeDisclosureStatus } from '../../../../libs/dispatch/src/index.js';

export interface IssueView {
  id: string;
  channel: string;
  status: string;
  label: string | null;
  year: number | null;
  number: number | null;
  openedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  entryCount: number;
  url: string | null;
  pdfUrl: string | null;
  htmlSha256: string | null;
  pdfSha256: string | null;
  lastError: string | null;
}

interface EntryRow {
  entry_id: string;
  delivery_id: string;
  disclosure_id: string;
  title: string;
  body: string;
  metadata: Record<string, unknown>;
  attachments: { filename: string; sizeBytes: number }[];
  generated_at: string;
  revision: number;
  disclosure_status: string;
}

/** A publishing issue untouched this long was left by a process that stopped; it may be published again. */
const STALE_PUBLISHING_MS = 10 * 60 * 1000;

/**
 * Gazette issues: disclosures collect into a channel's open issue (the gazette adapter adds them); an editor
 * compiles a preview and publishes. Publishing closes the issue, numbers it (2026年第3期), prints HTML and PDF to
 * the channel's output directory, and settles every delivery in it as delivered with the issue's URL.
 */
@Injectable()
export class GazetteIssuesService {
  private readonly logger = new Logger(GazetteIssuesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly deliveries: DeliveriesService,
    private readonly audit: AuditService,
  ) {}

  async list(channel?: string): Promise<{ items: IssueView[] }> {
    const rows = await this.db.query(
      `SELECT i.*, (SELECT count(*)::int FROM gazette_entries e WHERE e.issue_id = i.id) AS entries
       FROM gazette_issues i WHERE ($1::text IS NULL OR i.channel = $1) ORDER BY i.opened_at DESC LIMIT 200`,
      [channel ?? null],
    );
    return { items: rows.map((r: Record<string, any>) => this.view(r)) };
  }

  async get(id: string): Promise<IssueView & { entries: { deliveryId: string; disclosureId: string; title: string; status: string; position: number | null }[] }> {
    const issue = await this.issue(id);
    const entries = await this.entries(id);
    const printed: { delivery_id: string; position: number | null }[] = await this.db.query(`SELECT delivery_id, position FROM gazette_entries WHERE issue_id = $1`, [id]);
    const pos = new Map(printed.map((p) => [p.delivery_id, p]));
    return {
      ...issue,
      entries: entries.map((e) => ({
        deliveryId: e.delivery_id, disclosureId: e.disclosure_id, title: e.title, status: e.disclosure_status,
        position: pos.get(e.delivery_id)?.position ?? null,
      })),
    };
  }

  /** A preview of the open issue as it stands (HTML + PDF), for the editor to check before publishing. */
  async compile(id: string): Promise<IssueView & { previewHtml: string; previewPdf: string; entryCount: number }> {
    const issue = await this.issue(id);
    if (issue.status === 'published') throw new ConflictError(`issue ${id} is already published; its files are final`);
    const settings = this.settings(issue.channel);
    const entries = (await this.entries(id)).filter((e) => e.disclosure_status !== 'withdrawn');
    if (entries.length === 0) throw new ConflictError(`issue ${id} has no entries yet`);
    const year = issue.year ?? shanghaiYear();
    const number = issue.number ?? (await this.nextNumber(issue.channel, year));
    const html = this.render(settings, { year, number }, entries);
    const pdf = await this.pdf(settings, html, { year, number });
    const dir = path.join(settings.outputDir, 'preview');
    await writeAtomically(path.join(dir, `${id}.html`), Buffer.from(html, 'utf8'));
    await writeAtomically(path.join(dir, `${id}.pdf`), pdf);
    return { ...issue, entryCount: entries.length, previewHtml: `/api/gazette/issues/${id}/preview.html`, previewPdf: `/api/gazette/issues/${id}/preview.pdf` };
  }

  async publish(id: string, user: Principal): Promise<IssueView> {
    const current = await this.issue(id);
    if (current.status === 'published') throw new ConflictError(`issue ${id} is already published`);
    const settings = this.settings(current.channel);
    const problem = chromiumMissing(settings);
    if (problem) throw new ServiceUnavailableException({ message: problem, field: 'settings.chromiumPath' });

    // close the issue: new disclosures go to the next one from here on; the number is taken now so it is printed
    const year = shanghaiYear();
    const [claimed] = returning(await this.db.query(
      `UPDATE gazette_issues i SET status = 'publishing', publishing_since = now(), last_error = NULL,
         year = COALESCE(i.year, $2),
         number = COALESCE(i.number, (SELECT COALESCE(max(number), 0) + 1 FROM gazette_issues WHERE channel = i.channel AND year = $2))
       WHERE i.id = $1 AND (i.status = 'open' OR (i.status = 'publishing' AND i.publishing_since < now() - ($3 || ' milliseconds')::interval))
       RETURNING *`,
      [id, year, STALE_PUBLISHING_MS],
    ));
    if (!claimed) throw new ConflictError(`issue ${id} is being published by someone else`);
    const info = { year: claimed.year as number, number: claimed.number as number };
    const all = await this.entries(id);
    const printed = all.filter((e) => e.disclosure_status !== 'withdrawn');
    try {
      if (printed.length === 0) throw new ConflictError(`issue ${id} has no entries to print`);
      const html = this.render(settings, info, printed);
      const pdf = await this.pdf(settings, html, info);
      const base = path.join(settings.outputDir, String(info.year), `${info.year}-${String(info.number).padStart(3, '0')}-${id}`);
      await writeAtomically(`${base}.html`, Buffer.from(html, 'utf8'));
      await writeAtomically(`${base}.pdf`, pdf);
      const url = `${settings.publicBaseUrl}/api/gazette/issues/${id}.html`;
      await this.db.transaction(async (m) => {
        await m.query(
          `UPDATE gazette_issues SET status = 'published', published_at = now(), published_by = $2, entry_count = $3, html_file = $4, pdf_file = $5,
             html_sha256 = $6, pdf_sha256 = $7, url = $8 WHERE id = $1`,
          [id, user.username, printed.length, `${base}.html`, `${base}.pdf`, sha256(html), sha256(pdf), url],
        );
        const position = new Map(printed.map((e, i) => [e.delivery_id, i + 1]));
        for (const e of all) {
          await m.query(`UPDATE gazette_entries SET position = $2, revision = $3, title = $4, included = $5 WHERE id = $1`, [
            e.entry_id, position.get(e.delivery_id) ?? null, e.revision, e.title, position.has(e.delivery_id),
          ]);
        }
        await this.audit.append(m, {
          actor: `user:${user.username}`, action: 'gazette.issue_published', channel: current.channel, outcome: 'ok',
          details: { issueId: id, issue: issueLabel(info), entries: printed.length, withdrawnLeftOut: all.length - printed.length, url, htmlSha256: sha256(html), pdfSha256: sha256(pdf) },
        });
      });
    } catch (err) {
      // nothing was published: the issue opens again (keeping its number for the next attempt)
      await this.reopen(current.channel, id, String((err as Error).message));
      throw err;
    }
    await this.settleDeliveries(id, user);
    return this.issue(id);
  }

  /** Settles the deliveries of a published issue; repeating it settles only those still awaiting. */
  async settleDeliveries(id: string, user: Principal): Promise<void> {
    const issue = await this.issue(id);
    const rows: { delivery_id: string; included: boolean }[] = await this.db.query(`SELECT delivery_id, included FROM gazette_entries WHERE issue_id = $1 ORDER BY position NULLS LAST`, [id]);
    for (const r of rows) {
      try {
        if (r.included) {
          await this.deliveries.completeRemote(r.delivery_id, {
            status: 'delivered', remoteId: issue.label ?? undefined, remoteUrl: issue.url ?? undefined, actor: `user:${user.username}`,
            details: { issueId: id, pdfUrl: issue.pdfUrl },
          });
        } else {
          await this.withdrawnBeforePrint(r.delivery_id, issue, user);
        }
      } catch (err) {
        // the poller settles it later from the published issue
        this.logger.warn(`gazette issue ${id}: delivery ${r.delivery_id} not settled yet: ${(err as Error).message}`);
      }
    }
  }

  /** The published file, or null when the issue is not published (readers see nothing of a draft). */
  async publishedFile(id: string, kind: 'html' | 'pdf'): Promise<string | null> {
    const [row] = await this.db.query(`SELECT status, html_file, pdf_file FROM gazette_issues WHERE id = $1`, [id]);
    if (!row || row.status !== 'published') return null;
    const file = kind === 'html' ? row.html_file : row.pdf_file;
    return file && fs.existsSync(file) ? file : null;
  }

  async previewFile(id: string, kind: 'html' | 'pdf'): Promise<string | null> {
    const issue = await this.issue(id);
    const file = path.join(this.settings(issue.channel).outputDir, 'preview', `${id}.${kind}`);
    return fs.existsSync(file) ? file : null;
  }

  private async withdrawnBeforePrint(deliveryId: string, issue: IssueView, user: Principal): Promise<void> {
    await this.db.transaction(async (m) => {
      const [r] = returning(await m.query(
        `UPDATE deliveries SET status = 'withdrawn', awaiting_remote = false, last_error = NULL, updated_at = now()
         WHERE id = $1 AND awaiting_remote RETURNING disclosure_id, channel`,
        [deliveryId],
      ));
      if (!r) return;
      await recomputeDisclosureStatus(m, r.disclosure_id);
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'delivery.remote_result', disclosureId: r.disclosure_id, deliveryId, channel: r.channel,
        outcome: 'withdrawn', details: { issueId: issue.id, reason: 'withdrawn before the gazette issue was printed; left out of it' },
      });
    });
  }

  /**
   * Puts a failed publication back to open. New disclosures may have opened a newer issue meanwhile: its entries
   * move into this one, so a channel still has one open issue.
   */
  private async reopen(channel: string, id: string, error: string): Promise<void> {
    await this.db
      .transaction(async (m) => {
        const [other] = await m.query(`SELECT id FROM gazette_issues WHERE channel = $1 AND status = 'open' AND id <> $2 FOR UPDATE`, [channel, id]);
        if (other) {
          await m.query(`UPDATE gazette_entries SET issue_id = $2 WHERE issue_id = $1`, [other.id, id]);
          await m.query(`DELETE FROM gazette_issues WHERE id = $1`, [other.id]);
        }
        await m.query(`UPDATE gazette_issues SET status = 'open', last_error = $2 WHERE id = $1 AND status = 'publishing'`, [id, error.slice(0, 500)]);
      })
      .catch((err) => this.logger.warn(`gazette issue ${id}: could not reopen after a failed publication: ${(err as Error).message}`));
  }

  private render(settings: GazetteSettings, info: { year: number; number: number }, entries: EntryRow[]): string {
    const items: GazetteEntry[] = entries.map((e) => ({
      title: e.title, body: e.body, metadata: e.metadata, publisher: String(e.metadata.publisher ?? ''),
      itemPath: Array.isArray(e.metadata.itemPath) ? (e.metadata.itemPath as string[]) : [], generatedAt: new Date(e.generated_at).toISOString(),
      attachments: e.attachments ?? [],
    }));
    return renderGazetteIssue({ title: settings.title, publisher: settings.publisher, year: info.year, number: info.number, date: shanghaiDate() }, items);
  }

  private async pdf(settings: GazetteSettings, html: string, info: { year: number; number: number }): Promise<Buffer> {
    const problem = chromiumMissing(settings);
    if (problem) throw new ServiceUnavailableException({ message: problem, field: 'settings.chromiumPath' });
    try {
      return await printPdf(html, { chromiumPath: settings.chromiumPath, timeoutMs: settings.pdfTimeoutMs, footer: escapeHtml(`${settings.title} ${issueLabel(info)}`) });
    } catch (err) {
      throw new ServiceUnavailableException({ message: `PDF could not be printed: ${(err as Error).message.split('\n')[0]}`, field: 'pdf' });
    }
  }

  private async nextNumber(channel: string, year: number): Promise<number> {
    const [r] = await this.db.query(`SELECT COALESCE(max(number), 0) + 1 AS n FROM gazette_issues WHERE channel = $1 AND year = $2`, [channel, year]);
    return Number(r.n);
  }

  private async entries(id: string): Promise<EntryRow[]> {
    return this.db.query(
      `SELECT e.id AS entry_id, e.delivery_id, e.disclosure_id, d.title, d.body, d.metadata, d.attachments, d.generated_at, d.revision, d.status AS disclosure_status
       FROM gazette_entries e JOIN disclosures d ON d.id = e.disclosure_id WHERE e.issue_id = $1 ORDER BY e.id`,
      [id],
    );
  }

  private async issue(id: string): Promise<IssueView> {
    const [row] = await this.db.query(
      `SELECT i.*, (SELECT count(*)::int FROM gazette_entries e WHERE e.issue_id = i.id) AS entries FROM gazette_issues i WHERE i.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError(`gazette issue ${id} not found`);
    return this.view(row);
  }

  private settings(channel: string): GazetteSettings {
    const adapter = this.channels.get(channel) ? this.channels.adapter(channel) : undefined;
    if (!(adapter instanceof GazetteAdapter)) throw new NotFoundError(`channel ${channel} is not a gazette channel (any more)`);
    return adapter.settings;
  }

  private view(r: Record<string, any>): IssueView {
    const published = r.status === 'published';
    return {
      id: r.id, channel: r.channel, status: r.status,
      label: r.year && r.number ? issueLabel({ year: r.year, number: r.number }) : null, year: r.year, number: r.number,
      openedAt: new Date(r.opened_at).toISOString(), publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
      publishedBy: r.published_by, entryCount: published ? r.entry_count : Number(r.entries ?? 0),
      url: r.url, pdfUrl: published && r.url ? String(r.url).replace(/\.html$/, '.pdf') : null,
      htmlSha256: r.html_sha256, pdfSha256: r.pdf_sha256, lastError: r.last_error,
    };
  }
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, data);
  await fs.promises.rename(tmp, file);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function shanghaiDate(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function shanghaiYear(): number {
  return Number(shanghaiDate().slice(0, 4));
}
