var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b, _c;
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/src/index.js';
import { returning } from '../../database/src/index.js';
import { ConflictError, NotFoundError } from '../../dispatch/src/errors.js';
import { PushRecipients } from './push-recipients.repository.js';
/**
 * What people see and decide about a push delivery's recipients. `unknown` rows (a timeout after the message
 * left) are never resent by the system: a person checks the gateway (SMS QuerySendDetails, the mail server's
 * log) and records here whether they arrived (`sent`) or not (`failed`, which a retry of the delivery resends).
 */
let PushRecordsService = class PushRecordsService {
    db;
    audit;
    recipients;
    constructor(db, audit, recipients) {
        this.db = db;
        this.audit = audit;
        this.recipients = recipients;
    }
    async list(deliveryId, filter) {
        await this.assertPush(deliveryId);
        const params = [deliveryId, filter.after ?? 0, filter.limit + 1];
        let where = '';
        if (filter.status) {
            params.push(filter.status);
            where = `AND status = $4`;
        }
        const rows = await this.db.query(`SELECT * FROM push_recipients WHERE delivery_id = $1 AND subscriber_id > $2 ${where} ORDER BY subscriber_id LIMIT $3`, params);
        const items = rows.slice(0, filter.limit).map((r) => ({
            subscriberId: Number(r.subscriber_id), medium: r.medium, address: r.address, status: r.status, attempts: r.attempts,
            remoteId: r.remote_id, parts: r.parts, error: r.error, sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null, resolvedBy: r.resolved_by,
        }));
        return { counts: await this.recipients.counts(deliveryId), items, nextAfter: rows.length > filter.limit ? items[items.length - 1].subscriberId : null };
    }
    async resolveUnknown(deliveryId, input, user) {
        const delivery = await this.assertPush(deliveryId);
        const resolved = await this.db.transaction(async (m) => {
            const rows = returning(await m.query(`UPDATE push_recipients SET status = $2, resolved_by = $3, error = CASE WHEN $2 = 'sent' THEN NULL ELSE error END,
           sent_at = CASE WHEN $2 = 'sent' THEN COALESCE(sent_at, now()) ELSE sent_at END, updated_at = now()
         WHERE delivery_id = $1 AND status = 'unknown' AND ($4::bigint[] IS NULL OR subscriber_id = ANY($4::bigint[])) RETURNING subscriber_id`, [deliveryId, input.status, user.username, input.subscriberIds ?? null]));
            if (rows.length === 0)
                throw new ConflictError('no recipient of this delivery has an unknown outcome (or none of those given)');
            await this.audit.append(m, {
                actor: `user:${user.username}`, action: 'push.unknown_resolved', disclosureId: delivery.disclosure_id, deliveryId, channel: delivery.channel,
                outcome: input.status, details: { recipients: rows.length, note: input.note },
            });
            return rows.length;
        });
        return { resolved, counts: await this.recipients.counts(deliveryId) };
    }
    async assertPush(deliveryId) {
        const [row] = await this.db.query(`SELECT disclosure_id, channel FROM deliveries WHERE id = $1`, [deliveryId]);
        if (!row)
            throw new NotFoundError(`delivery ${deliveryId} not found`);
        return row;
    }
};
PushRecordsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object, typeof (_c = typeof PushRecipients !== "undefined" && PushRecipients) === "function" ? _c : Object])
], PushRecordsService);
export { PushRecordsService };
