import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entryFromRow, type AuditEntry, type AuditRow } from '../chain/audit-row.js';
import { filterSql, type AuditFilter } from './audit-filter.js';

/** An entry in a listing: the stored entry plus the department it belongs to through its disclosure. */
export interface AuditListEntry extends AuditEntry {
  disclosureDepartment: string | null;
}

const SELECT = `SELECT a.*, d.department_code AS disclosure_department FROM audit_log a LEFT JOIN disclosures d ON d.id = a.disclosure_id`;

function listEntry(r: AuditRow & { disclosure_department: string | null }): AuditListEntry {
  return { ...entryFromRow(r), disclosureDepartment: r.disclosure_department };
}

/** Reading the log: filtered pages for people, and a bounded page-by-page walk for exports. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly db: DataSource) {}

  /**
   * Keyset pagination on id, the order entries were written in (unsealed ones included, so an entry shows as soon
   * as its transaction commits): a page never shifts when new entries arrive. The cursor is the last id seen.
   */
  async list(
    filter: AuditFilter,
    page: { limit: number; cursor?: number; order: 'asc' | 'desc' },
  ): Promise<{ items: AuditListEntry[]; nextCursor: string | null }> {
    const args: unknown[] = [];
    const where = filterSql(filter, args);
    if (page.cursor !== undefined) {
      args.push(page.cursor);
      where.push(`a.id ${page.order === 'asc' ? '>' : '<'} $${args.length}`);
    }
    args.push(page.limit + 1);
    const rows = await this.db.query(
      `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.id ${page.order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${args.length}`,
      args,
    );
    const items = rows.slice(0, page.limit).map(listEntry);
    return { items, nextCursor: rows.length > page.limit ? String(items[items.length - 1].id) : null };
  }

  /**
   * Every matching sealed entry in seq order, `pageSize` at a time, up to the sealed head as it was when the walk
   * began: an export is a consistent snapshot of the chain, re-verifiable as it stands, and ends even while the
   * log keeps growing (its own entry included). Entries not sealed yet are in the next export.
   * A page of 1,000 entries is about 3 MB of JavaScript objects (the driver's rows and their mapped copies), which
   * is what an export holds at once; a larger page saves few round trips and costs memory per concurrent export.
   */
  async *walk(filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditListEntry[]> {
    const [top] = await this.db.query(`SELECT coalesce(max(seq), 0) AS seq FROM audit_seals`);
    let after = '0';
    for (;;) {
      const args: unknown[] = [];
      const where = filterSql(filter, args);
      args.push(after);
      where.push(`a.seq > $${args.length}`);
      args.push(top.seq);
      where.push(`a.seq <= $${args.length}`);
      args.push(pageSize);
      const rows = await this.db.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.seq LIMIT $${args.length}`, args);
      if (rows.length === 0) return;
      yield rows.map(listEntry);
      if (rows.length < pageSize) return;
      after = String(rows[rows.length - 1].seq);
    }
  }
}
