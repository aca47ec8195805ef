import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../audit/src/index.js';
import { returning } from '../../../database/src/returning.js';
import { ValidationError } from '../../../dispatch/src/errors.js';
import { GroupVersions } from '../feed/group-versions.service.js';
import { PresenceService } from '../registry/presence.service.js';
import type { AuthenticatedScreen } from '../registry/screen-auth.service.js';
import { AckSettler } from './ack-settler.service.js';

export interface AckResult {
  version: number;
  /** false when the screen had already acknowledged this version or a later one */
  recorded: boolean;
  currentVersion: number;
}

/**
 * A screen reports the content version it shows. Only a newer version is recorded (repeats are free, so a kiosk may
 * acknowledge on every poll); each recorded one is audited and may complete the screens deliveries waiting on it.
 */
@Injectable()
export class AckService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly versions: GroupVersions,
    private readonly presence: PresenceService,
    private readonly settler: AckSettler,
  ) {}

  async ack(screen: AuthenticatedScreen, version: number): Promise<AckResult> {
    this.presence.seen(screen.id);
    let current = this.versions.get(screen.group);
    if (version > current) {
      const [g] = await this.db.query(`SELECT version FROM screen_groups WHERE code = $1`, [screen.group]);
      current = Number(g?.version ?? 0);
      this.versions.advance(screen.group, current);
      if (version > current) throw new ValidationError('version', `${version} is newer than any content version of group ${screen.group} (current ${current})`);
    }
    const recorded = await this.db.transaction(async (m) => {
      const [r] = returning(await m.query(
        `UPDATE screens SET shown_version = $2, shown_at = now(), last_seen_at = now()
         WHERE id = $1 AND group_code = $3 AND revoked_at IS NULL AND (shown_version IS NULL OR shown_version < $2) RETURNING id`,
        [screen.id, version, screen.group],
      ));
      if (!r) return false;
      await m.query(`INSERT INTO screen_acks (screen_id, group_code, version) VALUES ($1, $2, $3)`, [screen.id, screen.group, version]);
      await this.audit.append(m, {
        actor: `screen:${screen.id}`, action: 'screen.acknowledged', screenId: screen.id, outcome: 'ok',
        details: { name: screen.name, group: screen.group, version, currentVersion: current },
      });
      return true;
    });
    if (recorded) {
      const waiting: { delivery_id: string }[] = await this.db.query(
        `SELECT DISTINCT n.delivery_id FROM screen_notices n JOIN deliveries x ON x.id = n.delivery_id
         WHERE n.group_code = $1 AND n.phase = 'live' AND n.published_version <= $2 AND x.awaiting_remote`,
        [screen.group, version],
      );
      for (const w of waiting) this.settler.check(w.delivery_id, `screen:${screen.id}`);
    }
    return { version, recorded, currentVersion: current };
  }
}
