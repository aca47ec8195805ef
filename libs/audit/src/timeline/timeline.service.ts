import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entryFromRow, type AuditEntry, type AuditRow } from '../chain/audit-row.js';
import { beijingMinute } from '../reports/zh-time.js';
import { actorLabel, describeEntry } from './describe.js';

export interface TimelineEntry extends AuditEntry {
  /** Beijing time, to the minute */
  time: string;
  /** one zh-CN sentence for people */
  text: string;
}

export interface Timeline {
  disclosure: { id: string; title: string; departmentCode: string; status: string; createdAt: string; dueAt: string | null };
  entries: TimelineEntry[];
}

/**
 * One disclosure's story: its audit entries in the order they were written (id), each told as a sentence. Id order
 * shows an entry as soon as it commits, and an entry caused by another always has a larger id (it was written
 * after the other committed), which seal order across batches does not promise.
 */
@Injectable()
export class TimelineService {
  constructor(private readonly db: DataSource) {}

  /** Null when there is no such disclosure. `channelLabel` names a channel as its configuration does. */
  async forDisclosure(id: string, channelLabel: (channel: string | null, carrier: string | null) => string): Promise<Timeline | null> {
    const [d] = await this.db.query(`SELECT id, title, department_code, status, created_at, due_at FROM disclosures WHERE id = $1`, [id]);
    if (!d) return null;
    // one disclosure has tens of entries; the cap only guards against a runaway retry loop
    const rows: AuditRow[] = await this.db.query(`SELECT * FROM audit_log WHERE disclosure_id = $1 ORDER BY id LIMIT 10000`, [id]);
    const carriers = new Map<string, string>(
      (await this.db.query(`SELECT id, carrier FROM deliveries WHERE disclosure_id = $1`, [id])).map((r: { id: string; carrier: string }) => [r.id, r.carrier]),
    );
    const usernames = [...new Set(rows.filter((r) => r.actor.startsWith('user:')).map((r) => r.actor.slice(5)))];
    const roles = new Map<string, string[]>(
      usernames.length
        ? (await this.db.query(`SELECT username, roles FROM users WHERE username = ANY($1)`, [usernames])).map((u: { username: string; roles: string[] }) => [u.username, u.roles])
        : [],
    );
    const ctx = { actor: (a: string) => actorLabel(a, (u) => roles.get(u)), channel: channelLabel };
    return {
      disclosure: {
        id: d.id, title: d.title, departmentCode: d.department_code, status: d.status,
        createdAt: new Date(d.created_at).toISOString(), dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
      },
      entries: rows.map((r) => {
        const e = entryFromRow(r);
        return { ...e, time: beijingMinute(e.at), text: describeEntry(e, e.deliveryId ? carriers.get(e.deliveryId) ?? null : null, ctx) };
      }),
    };
  }
}
