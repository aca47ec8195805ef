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
import { CatalogueService } from '../../catalogue/src/index.js';
import { returning } from '../../database/src/index.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../dispatch/src/errors.js';
import { maskAddress, normalizeEmail, normalizePhone } from './addresses.js';
import { formatTopic, parseTopic } from './topics.js';
import { isTokenShaped, newToken, tokenHash } from './tokens.js';
const VERIFY_TTL_MS = 7 * 24 * 3600 * 1000;
/**
 * Subscribers of targeted push and what they follow. Addresses are verified before anything is sent to them:
 * email by a link the subscriber clicks, or either address by consent evidence staff record. Unsubscribing is
 * one click and needs no login; erasing removes personal data but keeps the send records' ids.
 */
let SubscribersService = class SubscribersService {
    db;
    audit;
    catalogues;
    constructor(db, audit, catalogues) {
        this.db = db;
        this.audit = audit;
        this.catalogues = catalogues;
    }
    /** Checks and normalises one input; problems name the field. */
    validate(input) {
        const problems = [];
        const email = input.email?.trim() ? normalizeEmail(input.email) : null;
        if (input.email?.trim() && !email)
            problems.push({ field: 'email', message: `"${input.email}" is not a valid email address` });
        const phone = input.phone?.trim() ? normalizePhone(input.phone) : null;
        if (input.phone?.trim() && !phone)
            problems.push({ field: 'phone', message: `"${input.phone}" is not a valid phone number (E.164, e.g. +8613800138000)` });
        if (!input.email?.trim() && !input.phone?.trim())
            problems.push({ field: 'email', message: 'an email address or a phone number is required' });
        const topics = [];
        if (!input.topics?.length)
            problems.push({ field: 'topics', message: 'at least one topic (catalogue item or group) is required' });
        for (const raw of input.topics ?? []) {
            const checked = this.checkTopic(raw);
            if (typeof checked === 'string')
                problems.push({ field: 'topics', message: checked });
            else if (!topics.includes(formatTopic(checked)))
                topics.push(formatTopic(checked));
        }
        if ((input.name ?? '').length > 100)
            problems.push({ field: 'name', message: 'must be at most 100 characters' });
        return { email, phone, topics, problems };
    }
    /** A topic must name something the catalogue has; a group may be given by its number (group:c:1). */
    checkTopic(raw) {
        const t = parseTopic(String(raw));
        if (!t)
            return `"${raw}" is not a topic (item:<catalogue>:<item>, group:<catalogue>:<一级事项>, catalogue:<catalogue>)`;
        const catalogue = this.catalogues.get(t.catalogue);
        if (!catalogue)
            return `"${raw}": no catalogue "${t.catalogue}"`;
        if (t.kind === 'item' && !catalogue.byId.has(t.itemId))
            return `"${raw}": catalogue ${t.catalogue} has no item "${t.itemId}"`;
        if (t.kind === 'group') {
            const byNumber = /^\d+$/.test(t.group) ? catalogue.items.find((i) => i.group === Number(t.group))?.path[0] : undefined;
            const name = byNumber ?? t.group;
            if (!catalogue.items.some((i) => i.path[0] === name))
                return `"${raw}": catalogue ${t.catalogue} has no group (一级事项) "${t.group}"`;
            return { ...t, group: name };
        }
        return t;
    }
    async create(input, user) {
        const v = this.validate(input);
        if (v.problems.length)
            throw new ValidationError(v.problems[0].field, v.problems.map((p) => p.message).join('; '));
        const department = this.departmentFor(user, input.departmentCode);
        return this.db.transaction(async (m) => {
            const existing = await this.findExisting(m, v.email, v.phone);
            if (existing === 'conflict')
                throw new ConflictError('email and phone belong to two different subscribers');
            if (existing)
                throw new ConflictError(`subscriber ${existing.id} already has this ${existing.email === v.email && v.email ? 'email address' : 'phone number'}`);
            const result = await this.insert(m, { ...input, email: v.email, phone: v.phone, topics: v.topics }, department, user, 'admin');
            await this.audit.append(m, this.auditEntry(user, 'subscriber.created', result.view, { topics: v.topics, consent: !!input.consent?.trim() }));
            return result;
        });
    }
    /**
     * Adds many subscribers: each row is checked alone, a bad row is reported with its field and skipped. A row
     * whose address is already known adds its topics to that subscriber (and its consent, if the address is not
     * verified yet) instead of creating a duplicate.
     */
    async import(rows, user) {
        const department = this.departmentFor(user, undefined);
        const problems = [];
        let created = 0;
        let updated = 0;
        const needsEmailVerification = [];
        await this.db.transaction(async (m) => {
            const seen = new Set();
            for (const [i, row] of rows.entries()) {
                const v = this.validate(row);
                for (const key of [v.email, v.phone]) {
                    if (key && seen.has(key))
                        v.problems.push({ field: key === v.email ? 'email' : 'phone', message: `${maskAddress(key)} appears twice in this import` });
                }
                if (v.problems.length) {
                    problems.push(...v.problems.map((p) => ({ row: i + 1, ...p })));
                    continue;
                }
                for (const key of [v.email, v.phone])
                    if (key)
                        seen.add(key);
                const existing = await this.findExisting(m, v.email, v.phone);
                if (existing === 'conflict') {
                    problems.push({ row: i + 1, field: 'phone', message: 'email and phone belong to two different subscribers' });
                    continue;
                }
                if (existing) {
                    await this.addTopics(m, existing.id, v.topics);
                    const consent = row.consent?.trim();
                    await m.query(`UPDATE subscribers SET name = CASE WHEN $2 = '' THEN name ELSE $2 END,
               email = COALESCE(email, $3), phone = COALESCE(phone, $4),
               consent = COALESCE($5, consent),
               email_verified_at = CASE WHEN $5::text IS NOT NULL AND email IS NOT NULL THEN COALESCE(email_verified_at, now()) ELSE email_verified_at END,
               phone_verified_at = CASE WHEN $5::text IS NOT NULL AND COALESCE(phone, $4) IS NOT NULL THEN COALESCE(phone_verified_at, now()) ELSE phone_verified_at END,
               updated_at = now() WHERE id = $1`, [existing.id, row.name?.trim() ?? '', v.email, v.phone, consent || null]);
                    updated++;
                    continue;
                }
                const r = await this.insert(m, { ...row, email: v.email, phone: v.phone, topics: v.topics }, department, user, 'import');
                if (r.needsEmailVerification)
                    needsEmailVerification.push(r.view.id);
                created++;
            }
            await this.audit.append(m, {
                actor: `user:${user.username}`, action: 'subscriber.imported', departmentCode: department, outcome: problems.length ? 'partial' : 'ok',
                details: { rows: rows.length, created, updated, rejectedRows: [...new Set(problems.map((p) => p.row))].length },
            });
        });
        return { created, updated, problems, needsEmailVerification };
    }
    async list(user, filter) {
        const where = ['s.erased_at IS NULL', 's.id > $1'];
        const params = [filter.after ?? 0];
        if (!user.roles.includes('admin')) {
            params.push(user.departmentCode);
            where.push(`s.department_code = $${params.length}`);
        }
        if (filter.q) {
            params.push(`%${filter.q.toLowerCase()}%`);
            where.push(`(lower(s.name) LIKE $${params.length} OR s.email LIKE $${params.length} OR s.phone LIKE $${params.length})`);
        }
        if (filter.topic) {
            params.push(filter.topic);
            where.push(`EXISTS (SELECT 1 FROM subscriptions t WHERE t.subscriber_id = s.id AND t.topic = $${params.length})`);
        }
        params.push(filter.limit + 1);
        const rows = await this.db.query(`SELECT s.*, COALESCE((SELECT array_agg(topic ORDER BY topic) FROM subscriptions t WHERE t.subscriber_id = s.id), '{}') AS topics
       FROM subscribers s WHERE ${where.join(' AND ')} ORDER BY s.id LIMIT $${params.length}`, params);
        const items = rows.slice(0, filter.limit).map(view);
        return { items, nextAfter: rows.length > filter.limit ? items[items.length - 1].id : null };
    }
    async get(id, user) {
        const [row] = await this.db.query(`SELECT s.*, COALESCE((SELECT array_agg(topic ORDER BY topic) FROM subscriptions t WHERE t.subscriber_id = s.id), '{}') AS topics
       FROM subscribers s WHERE s.id = $1`, [id]);
        if (!row || (!user.roles.includes('admin') && row.department_code !== user.departmentCode))
            throw new NotFoundError(`subscriber ${id} not found`);
        return view(row);
    }
    async setTopics(id, topics, user) {
        const current = await this.get(id, user);
        if (current.erased)
            throw new ConflictError(`subscriber ${id} is erased`);
        const checked = topics.map((t) => this.checkTopic(t));
        const bad = checked.filter((c) => typeof c === 'string');
        if (bad.length)
            throw new ValidationError('topics', bad.join('; '));
        if (!checked.length)
            throw new ValidationError('topics', 'at least one topic is required; erase the subscriber to stop everything');
        const list = [...new Set(checked.map(formatTopic))];
        await this.db.transaction(async (m) => {
            await m.query(`DELETE FROM subscriptions WHERE subscriber_id = $1`, [id]);
            await this.addTopics(m, id, list);
            await this.audit.append(m, this.auditEntry(user, 'subscriber.topics_changed', current, { before: current.topics, after: list }));
        });
        return this.get(id, user);
    }
    /** Staff record consent for addresses the subscriber could not confirm by link (most often a phone number). */
    async recordConsent(id, consent, user) {
        const current = await this.get(id, user);
        if (current.erased)
            throw new ConflictError(`subscriber ${id} is erased`);
        await this.db.transaction(async (m) => {
            await m.query(`UPDATE subscribers SET consent = $2, updated_at = now(),
           email_verified_at = CASE WHEN email IS NOT NULL THEN COALESCE(email_verified_at, now()) END,
           phone_verified_at = CASE WHEN phone IS NOT NULL THEN COALESCE(phone_verified_at, now()) END
         WHERE id = $1`, [id, consent]);
            await this.audit.append(m, this.auditEntry(user, 'subscriber.consent_recorded', current, { consent }));
        });
        return this.get(id, user);
    }
    /** Personal data goes; the id stays so send records keep pointing at something. Addresses in them are masked. */
    async erase(id, user) {
        const current = await this.get(id, user);
        if (current.erased)
            return;
        await this.db.transaction(async (m) => {
            await m.query(`UPDATE subscribers SET name = '', email = NULL, phone = NULL, consent = NULL, email_verify_hash = NULL, erased_at = now(), updated_at = now()
         WHERE id = $1`, [id]);
            await m.query(`DELETE FROM subscriptions WHERE subscriber_id = $1`, [id]);
            await m.query(`UPDATE push_recipients SET address = CASE WHEN medium = 'email' THEN '***@' || split_part(address, '@', 2) ELSE left(address, 4) || '****' || right(address, 4) END
         WHERE subscriber_id = $1`, [id]);
            await this.audit.append(m, this.auditEntry(user, 'subscriber.erased', current, {}));
        });
    }
    /** Called by the worker just before mailing the link: the token exists only in that mail. */
    async issueVerification(id) {
        const token = newToken();
        const [row] = returning(await this.db.query(`UPDATE subscribers SET email_verify_hash = $2, email_verify_expires_at = now() + ($3 || ' milliseconds')::interval, updated_at = now()
       WHERE id = $1 AND email IS NOT NULL AND email_verified_at IS NULL AND erased_at IS NULL RETURNING email, name`, [id, tokenHash(token), VERIFY_TTL_MS]));
        return row ? { address: row.email, name: row.name, token } : null;
    }
    /** What the confirmation page shows before the click; null for an unknown or expired token. */
    async verificationPreview(token) {
        if (!isTokenShaped(token))
            return null;
        const [row] = await this.db.query(`SELECT email, email_verified_at FROM subscribers WHERE email_verify_hash = $1 AND email_verify_expires_at > now() AND erased_at IS NULL`, [tokenHash(token)]);
        return row ? { email: maskAddress(row.email), verified: !!row.email_verified_at } : null;
    }
    async verifyEmail(token) {
        if (!isTokenShaped(token))
            return null;
        return this.db.transaction(async (m) => {
            const [row] = returning(await m.query(`UPDATE subscribers SET email_verified_at = COALESCE(email_verified_at, now()), email_unsubscribed_at = NULL, updated_at = now()
         WHERE email_verify_hash = $1 AND email_verify_expires_at > now() AND erased_at IS NULL RETURNING id, email, department_code`, [tokenHash(token)]));
            if (!row)
                return null;
            await this.audit.append(m, {
                actor: `subscriber:${row.id}`, action: 'subscriber.email_verified', departmentCode: row.department_code, outcome: 'ok',
                details: { subscriberId: Number(row.id), email: maskAddress(row.email) },
            });
            return { email: maskAddress(row.email) };
        });
    }
    async unsubscribePreview(token) {
        if (!isTokenShaped(token))
            return null;
        const [row] = await this.db.query(`SELECT email, email_unsubscribed_at, erased_at FROM subscribers WHERE unsubscribe_token = $1`, [token]);
        if (!row)
            return null;
        return { email: row.email ? maskAddress(row.email) : null, unsubscribed: !!row.email_unsubscribed_at || !!row.erased_at };
    }
    /** RFC 8058 one-click: no login, no further question; repeating it is harmless. */
    async unsubscribe(token) {
        if (!isTokenShaped(token))
            return null;
        return this.db.transaction(async (m) => {
            const [row] = await m.query(`SELECT id, email, email_unsubscribed_at, erased_at, department_code FROM subscribers WHERE unsubscribe_token = $1 FOR UPDATE`, [token]);
            if (!row)
                return null;
            const email = row.email ? maskAddress(row.email) : null;
            if (row.email_unsubscribed_at || row.erased_at)
                return { email, already: true };
            await m.query(`UPDATE subscribers SET email_unsubscribed_at = now(), updated_at = now() WHERE id = $1`, [row.id]);
            await this.audit.append(m, {
                actor: `subscriber:${row.id}`, action: 'subscriber.unsubscribed', departmentCode: row.department_code, outcome: 'ok',
                details: { subscriberId: Number(row.id), medium: 'email', email },
            });
            return { email, already: false };
        });
    }
    departmentFor(user, requested) {
        if (user.roles.includes('admin'))
            return requested ?? user.departmentCode;
        if (requested && requested !== user.departmentCode)
            throw new ForbiddenError('departmentCode: you may add subscribers only for your own department');
        return user.departmentCode;
    }
    async findExisting(m, email, phone) {
        const rows = await m.query(`SELECT id, email FROM subscribers WHERE (email = $1 AND $1::text IS NOT NULL) OR (phone = $2 AND $2::text IS NOT NULL) FOR UPDATE`, [email, phone]);
        if (rows.length > 1)
            return 'conflict';
        return rows[0] ? { id: Number(rows[0].id), email: rows[0].email } : null;
    }
    async insert(m, input, department, user, source) {
        const consent = input.consent?.trim() || null;
        const [row] = await m.query(`INSERT INTO subscribers (name, email, phone, consent, email_verified_at, phone_verified_at, unsubscribe_token, department_code, source, created_by)
       VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NOT NULL AND $2::text IS NOT NULL THEN now() END,
         CASE WHEN $4::text IS NOT NULL AND $3::text IS NOT NULL THEN now() END, $5, $6, $7, $8)
       RETURNING *`, [input.name?.trim() ?? '', input.email, input.phone, consent, newToken(), department, source, user.id]);
        await this.addTopics(m, Number(row.id), input.topics);
        return { view: view({ ...row, topics: input.topics }), created: true, needsEmailVerification: !!input.email && !consent };
    }
    async addTopics(m, id, topics) {
        if (!topics.length)
            return;
        await m.query(`INSERT INTO subscriptions (subscriber_id, topic) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [id, topics]);
    }
    auditEntry(user, action, s, details) {
        // the audit log is append-only: it keeps masked addresses, so erasing a subscriber leaves no address behind
        return {
            actor: `user:${user.username}`, action, departmentCode: s.departmentCode, outcome: 'ok',
            details: { subscriberId: s.id, email: s.email ? maskAddress(s.email) : null, phone: s.phone ? maskAddress(s.phone) : null, ...details },
        };
    }
};
SubscribersService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof AuditService !== "undefined" && AuditService) === "function" ? _b : Object, typeof (_c = typeof CatalogueService !== "undefined" && CatalogueService) === "function" ? _c : Object])
], SubscribersService);
export { SubscribersService };
function view(r) {
    return {
        id: Number(r.id),
        name: r.name,
        email: r.email,
        emailStatus: !r.email ? null : r.email_unsubscribed_at ? 'unsubscribed' : r.email_verified_at ? 'verified' : 'unverified',
        phone: r.phone,
        phoneStatus: !r.phone ? null : r.phone_opted_out_at ? 'opted_out' : r.phone_verified_at ? 'verified' : 'unverified',
        topics: r.topics ?? [],
        departmentCode: r.department_code,
        consent: r.consent,
        source: r.source,
        createdAt: new Date(r.created_at).toISOString(),
        erased: !!r.erased_at,
    };
}
