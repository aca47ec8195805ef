var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b, _c, _d, _e;
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../audit/src/index.js';
import { returning } from '../../../database/src/returning.js';
import { ValidationError } from '../../../dispatch/src/errors.js';
import { GroupVersions } from '../feed/group-versions.service.js';
import { PresenceService } from '../registry/presence.service.js';
import { AckSettler } from './ack-settler.service.js';
/**
 * A screen reports the content version it shows. Only a newer version is recorded (repeats are free, so a kiosk may
 * acknowledge on every poll); each recorded one is audited and may complete the screens deliveries waiting on it.
 */
let AckService = class AckService {
    db;
    audit;
    versions;
    presence;
    settler;
    constructor(db, audit, versions, presence, settler) {
        this.db = db;
        this.audit = audit;
        this.versions = versions;
        this.presence = presence;
        this.settler = settler;
    }
    async ack(screen, version) {
        this.presence.seen(screen.id);
        let current = this.versions.get(screen.group);
        if (version > current) {
            const [g] = await this.db.query(`SELECT version FROM screen_groups WHERE code = $1`, [screen.group]);
            current = Number(g?.version ?? 0);
            this.versions.advance(screen.group, current);
            if (version > current)
                throw new ValidationError('version', `${version} is newer than any content version of group ${screen.group} (current ${current})`);
        }
        const recorded = await this.db.transaction(async (m) => {
            const [r] = returning(await m.query(`UPDATE screens SET shown_version = $2, shown_at = now(), last_seen_at = now()
         WHERE id = $1 AND group_code = $3 AND revoked_at IS NULL AND (shown_version IS NULL OR shown_version < $2) RETURNING id`, [screen.id, version, screen.group]));
            if (!r)
                return false;
            await m.query(`INSERT INTO screen_acks (screen_id, group_code, version) VALUES ($1, $2, $3)`, [screen.id, screen.group, version]);
            await this.audit.append(m, {
                actor: `screen:${screen.id}`, action: 'screen.acknowledged', screenId: screen.id, outcome: 'ok',
                details: { name: screen.name, group: screen.group, version, currentVersion: current },
            });
            return true;
        });
        if (recorded) {
            const waiting = await this.db.query(`SELECT DISTINCT n.delivery_id FROM screen_notices n JOIN deliveries x ON x.id = n.delivery_id
         WHERE n.group_code = $1 AND n.phase = 'live' AND n.published_version <= $2 AND x.awaiting_remote`, [screen.group, version]);
            for (const w of waiting)
                this.settler.check(w.delivery_id, `screen:${screen.id}`);
        }
        return { version, recorded, currentVersion: current };
    }
};
AckService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object, typeof (_c = typeof GroupVersions !== "undefined" && GroupVersions) === "function" ? _c : Object, typeof (_d = typeof PresenceService !== "undefined" && PresenceService) === "function" ? _d : Object, typeof (_e = typeof AckSettler !== "undefined" && AckSettler) === "function" ? _e : Object])
], AckService);
export { AckService };
