var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a;
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CARRIER_LABELS, CARRIERS } from '../../../catalogue/src/carriers.js';
import { beijingDayStart } from './zh-time.js';
export const NORMATIVE_CATEGORY = '规范性文件';
/**
 * Figures for the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 template), for one Beijing calendar year.
 *
 * 规范性文件 are disclosures with metadata.category = 规范性文件, not withdrawn (a withdrawn item was taken down as
 * a mistake, not issued). Issued: 成文日期 (metadata.writtenAt) in the year, else the publish date. A repeal or
 * expiry is an update that sets metadata.validity; its date is the first audit entry that records the new
 * validity in its details, else the last update of the disclosure's metadata (the audit entry of an update
 * names the changed fields but not their values), else the row's updated_at. In force: issued by the end of the
 * year (or now, for the current year) and not repealed or expired by then.
 *
 * Publications: a delivery counts in the year of the first audit entry that shows it reached its carrier
 * (delivered attempt of the publish operation, remote result delivered/confirmed, or a person's confirmation).
 */
let AnnualFiguresService = class AnnualFiguresService {
    db;
    constructor(db) {
        this.db = db;
    }
    async build(year, department, now = new Date()) {
        const start = beijingDayStart(`${year}-01-01`);
        const end = beijingDayStart(`${year + 1}-01-01`);
        const asOf = now < end ? now : end;
        const args = [start, end, asOf, NORMATIVE_CATEGORY];
        const dept = department ? (args.push(department), `AND d.department_code = $${args.length}`) : '';
        const [n] = await this.db.query(`WITH docs AS (
         SELECT d.id, d.metadata->>'validity' AS validity,
           CASE WHEN d.metadata->>'writtenAt' ~ '^\\d{4}-\\d{2}-\\d{2}$'
                THEN ((d.metadata->>'writtenAt') || 'T00:00:00+08:00')::timestamptz ELSE d.created_at END AS issued_at,
           CASE WHEN d.metadata->>'validity' IN ('repealed','expired') THEN coalesce(
             (SELECT min(a.at) FROM audit_log a WHERE a.disclosure_id = d.id AND a.action = 'disclosure.updated'
                AND coalesce(a.details->'metadata'->>'validity', a.details->>'validity') = d.metadata->>'validity'),
             (SELECT max(a.at) FROM audit_log a WHERE a.disclosure_id = d.id AND a.action = 'disclosure.updated'
                AND a.details->'changed' ? 'metadata'),
             d.updated_at) END AS ended_at
         FROM disclosures d
         WHERE d.metadata->>'category' = $4 AND d.status <> 'withdrawn' ${dept}
       )
       SELECT
         count(*) FILTER (WHERE issued_at >= $1 AND issued_at < $2)::int AS issued,
         count(*) FILTER (WHERE validity = 'repealed' AND ended_at >= $1 AND ended_at < $2)::int AS repealed,
         count(*) FILTER (WHERE issued_at < $3 AND (ended_at IS NULL OR ended_at >= $3))::int AS in_force
       FROM docs`, args);
        const pubArgs = department ? [start, end, department] : [start, end];
        const pubDept = department ? `AND d.department_code = $3` : '';
        const [{ count: disclosures }] = await this.db.query(`SELECT count(*)::int AS count FROM disclosures d WHERE d.created_at >= $1 AND d.created_at < $2 ${pubDept}`, pubArgs);
        const rows = await this.db.query(`WITH firsts AS (
         SELECT a.delivery_id, min(a.at) AS at FROM audit_log a
         WHERE a.delivery_id IS NOT NULL AND (
           (a.action = 'delivery.attempt' AND a.outcome = 'delivered' AND coalesce(a.details->>'operation','publish') = 'publish')
           OR (a.action = 'delivery.remote_result' AND a.outcome IN ('delivered','confirmed'))
           OR a.action = 'delivery.confirmed')
         GROUP BY a.delivery_id
       )
       SELECT x.channel, x.carrier, count(*)::int AS n
       FROM firsts f JOIN deliveries x ON x.id = f.delivery_id JOIN disclosures d ON d.id = x.disclosure_id
       WHERE f.at >= $1 AND f.at < $2 AND x.follow_up_of IS NULL ${pubDept}
       GROUP BY x.channel, x.carrier`, pubArgs);
        const byChannel = new Map();
        const byCarrier = new Map();
        for (const r of rows) {
            byChannel.set(r.channel, (byChannel.get(r.channel) ?? 0) + r.n);
            byCarrier.set(r.carrier, (byCarrier.get(r.carrier) ?? 0) + r.n);
        }
        const order = (c) => CARRIERS.indexOf(c) >>> 0;
        return {
            year,
            department: department ?? null,
            normativeDocuments: { issued: n.issued, repealed: n.repealed, inForce: n.in_force, asOf: asOf.toISOString() },
            publications: {
                disclosures,
                byChannel: [...byChannel].map(([channel, published]) => ({ channel, published })).sort((a, b) => a.channel.localeCompare(b.channel)),
                byCarrier: [...byCarrier]
                    .map(([carrier, published]) => ({ carrier, label: CARRIER_LABELS[carrier] ?? carrier, published }))
                    .sort((a, b) => order(a.carrier) - order(b.carrier)),
            },
        };
    }
};
AnnualFiguresService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], AnnualFiguresService);
export { AnnualFiguresService };
