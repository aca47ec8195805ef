var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b, _c, _d, _e, _f;
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../audit/src/index.js';
import { returning } from '../../../database/src/returning.js';
import { NotFoundError, ValidationError } from '../../../dispatch/src/errors.js';
import { GroupVersions } from '../feed/group-versions.service.js';
import { PresenceService } from './presence.service.js';
import { ScreenAuth } from './screen-auth.service.js';
import { ScreenGroupsService } from './screen-groups.service.js';
import { hashPairingCode, hashToken, newPairingCode, newScreenToken } from './screen-token.js';
const PAIRING_MINUTES = 10;
const PAIRING_ATTEMPTS = 5;
const iso = (v) => (v == null ? null : new Date(v).toISOString());
/** The screen registry: admins register screens, hand out and rotate their tokens, revoke them. */
let ScreenRegistry = class ScreenRegistry {
    db;
    audit;
    groups;
    auth;
    versions;
    presence;
    constructor(db, audit, groups, auth, versions, presence) {
        this.db = db;
        this.audit = audit;
        this.groups = groups;
        this.auth = auth;
        this.versions = versions;
        this.presence = presence;
    }
    async create(input, actor) {
        this.assertGroup(input.group);
        const id = randomUUID();
        const token = newScreenToken();
        await this.db.transaction(async (m) => {
            await m.query(`INSERT INTO screens (id, name, group_code, location, token_hash, token_issued_at, created_by) VALUES ($1,$2,$3,$4,$5, now(), $6)`, [id, input.name, input.group, input.location ?? '', hashToken(token), actor]);
            await this.audit.append(m, {
                actor, action: 'screen.registered', screenId: id, outcome: 'ok', details: { name: input.name, group: input.group, location: input.location ?? '' },
            });
        });
        return { screen: await this.get(id), token };
    }
    async list(filter = {}) {
        await this.presence.flush();
        const rows = await this.db.query(`SELECT * FROM screens WHERE ($1::text IS NULL OR group_code = $1) ORDER BY group_code, name, id`, [filter.group ?? null]);
        return rows.map((r) => this.view(r));
    }
    async get(id) {
        const [row] = await this.db.query(`SELECT * FROM screens WHERE id = $1`, [id]);
        if (!row)
            throw new NotFoundError(`screen ${id} not found`);
        return this.view(row);
    }
    /** Name, place or group. Moving a screen to another group resets what it acknowledged (another group's versions). */
    async update(id, patch, actor) {
        if (patch.group !== undefined)
            this.assertGroup(patch.group);
        await this.db.transaction(async (m) => {
            const [cur] = await m.query(`SELECT * FROM screens WHERE id = $1 FOR UPDATE`, [id]);
            if (!cur)
                throw new NotFoundError(`screen ${id} not found`);
            const moved = patch.group !== undefined && patch.group !== cur.group_code;
            await m.query(`UPDATE screens SET name = COALESCE($2, name), group_code = COALESCE($3, group_code), location = COALESCE($4, location),
           shown_version = CASE WHEN $5 THEN NULL ELSE shown_version END, shown_at = CASE WHEN $5 THEN NULL ELSE shown_at END, updated_at = now()
         WHERE id = $1`, [id, patch.name ?? null, patch.group ?? null, patch.location ?? null, moved]);
            await this.audit.append(m, { actor, action: 'screen.updated', screenId: id, outcome: 'ok', details: { ...JSON.parse(JSON.stringify(patch)), ...(moved ? { previousGroup: cur.group_code } : {}) } });
        });
        await this.auth.changed(id);
        return this.get(id);
    }
    /** A new token; the old one stops working at once (in every API process). Also re-enables a revoked screen. */
    async rotate(id, actor) {
        const token = newScreenToken();
        await this.db.transaction(async (m) => {
            const [r] = returning(await m.query(`UPDATE screens SET token_hash = $2, token_issued_at = now(), revoked_at = NULL, pairing_hash = NULL, updated_at = now() WHERE id = $1 RETURNING id`, [id, hashToken(token)]));
            if (!r)
                throw new NotFoundError(`screen ${id} not found`);
            await this.audit.append(m, { actor, action: 'screen.token_rotated', screenId: id, outcome: 'ok' });
        });
        await this.auth.changed(id);
        return { screen: await this.get(id), token };
    }
    async revoke(id, actor) {
        await this.db.transaction(async (m) => {
            const [r] = returning(await m.query(`UPDATE screens SET token_hash = NULL, pairing_hash = NULL, revoked_at = COALESCE(revoked_at, now()), updated_at = now() WHERE id = $1 RETURNING id`, [id]));
            if (!r)
                throw new NotFoundError(`screen ${id} not found`);
            await this.audit.append(m, { actor, action: 'screen.revoked', screenId: id, outcome: 'ok' });
        });
        await this.auth.changed(id);
        return this.get(id);
    }
    /**
     * A one-time code to type into a display instead of a long token: the kiosk page exchanges it for a fresh token
     * (so the display that paired last is the one that works).
     */
    async issuePairingCode(id, actor) {
        const code = newPairingCode();
        const expiresAt = new Date(Date.now() + PAIRING_MINUTES * 60_000);
        await this.db.transaction(async (m) => {
            const [r] = returning(await m.query(`UPDATE screens SET pairing_hash = $2, pairing_expires_at = $3, pairing_attempts_left = $4, updated_at = now() WHERE id = $1 RETURNING id`, [id, hashPairingCode(id, code), expiresAt, PAIRING_ATTEMPTS]));
            if (!r)
                throw new NotFoundError(`screen ${id} not found`);
            await this.audit.append(m, { actor, action: 'screen.pairing_code_issued', screenId: id, outcome: 'ok', details: { expiresAt: expiresAt.toISOString() } });
        });
        return { code, expiresAt: expiresAt.toISOString() };
    }
    /** Exchanges a pairing code for a new token. Wrong guesses use up the code; a used or expired code is refused. */
    async pair(id, code) {
        const token = newScreenToken();
        const ok = await this.db.transaction(async (m) => {
            const [cur] = await m.query(`SELECT pairing_hash, pairing_expires_at, pairing_attempts_left FROM screens WHERE id = $1 FOR UPDATE`, [id]);
            if (!cur?.pairing_hash || new Date(cur.pairing_expires_at) < new Date() || cur.pairing_attempts_left <= 0)
                return false;
            if (cur.pairing_hash !== hashPairingCode(id, code)) {
                await m.query(`UPDATE screens SET pairing_attempts_left = pairing_attempts_left - 1,
             pairing_hash = CASE WHEN pairing_attempts_left <= 1 THEN NULL ELSE pairing_hash END WHERE id = $1`, [id]);
                return false;
            }
            await m.query(`UPDATE screens SET token_hash = $2, token_issued_at = now(), revoked_at = NULL, pairing_hash = NULL, updated_at = now() WHERE id = $1`, [id, hashToken(token)]);
            await this.audit.append(m, { actor: `screen:${id}`, action: 'screen.paired', screenId: id, outcome: 'ok' });
            return true;
        });
        if (!ok)
            throw new ValidationError('code', '配对码无效、已使用或已过期');
        await this.auth.changed(id);
        return { token };
    }
    assertGroup(group) {
        if (!this.groups.get(group)) {
            const known = this.groups.list().map((g) => `${g.code}（${g.label}）`).join('、');
            throw new ValidationError('group', `unknown screen group "${group}"; config/channels.yaml defines: ${known || 'none (no screens channel configured)'}`);
        }
    }
    view(r) {
        const g = this.groups.get(r.group_code);
        const lastSeen = r.last_seen_at ? new Date(r.last_seen_at) : null;
        const online = !!lastSeen && Date.now() - lastSeen.getTime() <= this.presence.onlineSeconds * 1000;
        const current = this.versions.get(r.group_code);
        const shown = r.shown_version == null ? null : Number(r.shown_version);
        return {
            id: r.id,
            name: r.name,
            group: r.group_code,
            groupLabel: g?.label ?? null,
            carrier: g?.carrier ?? null,
            location: r.location,
            health: r.revoked_at ? 'revoked' : !lastSeen ? 'never_seen' : online ? 'online' : 'offline',
            lastSeenAt: iso(r.last_seen_at),
            offlineSince: online ? null : iso(r.offline_since),
            shownVersion: shown,
            shownAt: iso(r.shown_at),
            currentVersion: current,
            upToDate: shown !== null && shown >= current,
            tokenIssuedAt: iso(r.token_issued_at),
            revokedAt: iso(r.revoked_at),
            createdAt: iso(r.created_at),
            kioskPath: `/screens/${r.id}`,
        };
    }
};
ScreenRegistry = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object, typeof (_c = typeof ScreenGroupsService !== "undefined" && ScreenGroupsService) === "function" ? _c : Object, typeof (_d = typeof ScreenAuth !== "undefined" && ScreenAuth) === "function" ? _d : Object, typeof (_e = typeof GroupVersions !== "undefined" && GroupVersions) === "function" ? _e : Object, typeof (_f = typeof PresenceService !== "undefined" && PresenceService) === "function" ? _f : Object])
], ScreenRegistry);
export { ScreenRegistry };
