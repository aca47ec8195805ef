import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type AuditAnchorRef } from '../audit.service.js';
import { anchorText } from './anchor-text.js';

export interface AuditAnchor {
  id: number;
  seq: number;
  hash: string;
  entryAt: string;
  createdAt: string;
  source: 'scheduled' | 'manual';
  createdBy: string;
  text: string;
}

function anchorView(r: Record<string, any>): AuditAnchor {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    hash: r.hash,
    entryAt: new Date(r.entry_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    source: r.source,
    createdBy: r.created_by,
    text: r.text,
  };
}

/**
 * Heads of the chain recorded for anchoring outside the system. The stored copy lets verification check every
 * past anchor; the published copy is what protects against someone who can also rewrite this table.
 */
@Injectable()
export class AuditAnchorsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Records the current head and logs that it did. Null when the log is still empty. */
  async exportHead(source: 'scheduled' | 'manual', actor: string): Promise<AuditAnchor | null> {
    const head = await this.audit.head();
    if (!head) return null;
    const createdAt = new Date().toISOString();
    const text = anchorText({ seq: head.seq, hash: head.hash, entryAt: head.at, createdAt });
    const anchor = await this.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO audit_anchors (seq, hash, entry_at, created_at, source, created_by, text) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
        [head.seq, head.hash, head.at, createdAt, source, actor, text],
      );
      await this.audit.append(m, {
        actor, action: 'audit.head_exported', outcome: 'ok', details: { anchorId: Number(row.id), seq: head.seq, hash: head.hash, source },
      });
      return anchorView(row);
    });
    return anchor;
  }

  async list(limit: number, before?: number): Promise<{ items: AuditAnchor[]; nextCursor: string | null }> {
    const rows = await this.db.query(
      `SELECT * FROM audit_anchors ${before !== undefined ? 'WHERE id < $2' : ''} ORDER BY id DESC LIMIT $1`,
      before !== undefined ? [limit + 1, before] : [limit + 1],
    );
    const items = rows.slice(0, limit).map(anchorView);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  async latest(): Promise<AuditAnchor | null> {
    const [row] = await this.db.query(`SELECT * FROM audit_anchors ORDER BY id DESC LIMIT 1`);
    return row ? anchorView(row) : null;
  }

  /** Every stored anchor, for verification. A few hundred a year: small enough to hold. */
  async refs(): Promise<AuditAnchorRef[]> {
    const rows = await this.db.query(`SELECT id, seq, hash FROM audit_anchors ORDER BY seq`);
    return rows.map((r: { id: string; seq: string; hash: string }) => ({ seq: Number(r.seq), hash: r.hash, source: `stored anchor ${r.id}` }));
  }
}
