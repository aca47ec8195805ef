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
import { CalendarService, shanghaiDate } from '../../../../libs/calendar/src/index.js';
import { AppConfig } from '../../../../libs/config/src/index.js';
const WAITING_FOR = {
    after_review: 'review',
    days_after_approval: 'approval',
    after_notice_period: 'notice_end',
    with_policy: 'policy',
};
/**
 * What is late or about to be: disclosures with a publish delivery not yet delivered, confirmed or withdrawn,
 * judged on the working calendar against the same lead as the overdue monitor. Disclosures still waiting for
 * the input their deadline depends on (a review, an approval date) are listed too, since nobody else will.
 */
let OverdueReport = class OverdueReport {
    db;
    calendar;
    config;
    constructor(db, calendar, config) {
        this.db = db;
        this.calendar = calendar;
        this.config = config;
    }
    get lead() {
        return this.config.get('OVERDUE_LEAD_WORKING_DAYS');
    }
    async list(user, filter, now = new Date()) {
        const args = [];
        const where = [];
        if (!user.roles.includes('admin') && !user.roles.includes('auditor')) {
            args.push(user.departmentCode ?? '');
            where.push(`d.department_code = $${args.length}`);
        }
        if (filter.department) {
            args.push(filter.department);
            where.push(`d.department_code = $${args.length}`);
        }
        // A generous calendar-day bound keeps the scan small; the working-day test below is the exact one. Three
        // working days can span a Golden Week, hence the slack.
        args.push(new Date(now.getTime() + (this.lead * 3 + 14) * 86_400_000));
        where.push(`(d.due_at IS NULL OR d.due_at <= $${args.length})`);
        const rows = await this.db.query(`SELECT d.id, d.title, d.catalogue_code, d.item_id, d.department_code, d.due_at, d.due_provisional, d.metadata,
         json_agg(json_build_object('id', x.id, 'carrier', x.carrier, 'channel', x.channel, 'status', x.status) ORDER BY x.carrier, x.channel) AS open,
         COALESCE((SELECT array_agg(a.level ORDER BY a.level DESC) FROM deadline_alerts a WHERE a.disclosure_id = d.id), '{}') AS alerts
       FROM disclosures d JOIN deliveries x ON x.disclosure_id = d.id
       WHERE d.status <> 'withdrawn' AND x.follow_up_of IS NULL AND x.delivered_at IS NULL
         AND x.status NOT IN ('delivered','confirmed','withdrawn') ${where.length ? 'AND ' + where.join(' AND ') : ''}
       GROUP BY d.id`, args);
        const items = [];
        for (const r of rows) {
            const base = {
                disclosureId: r.id, title: r.title, catalogueItemId: `${r.catalogue_code}:${r.item_id}`, departmentCode: r.department_code,
                office: r.metadata?.office ?? null, provisional: r.due_provisional, alerts: r.alerts, openDeliveries: r.open,
            };
            if (!r.due_at) {
                const kind = r.metadata?.timeLimit?.kind;
                items.push({ ...base, state: 'waiting', waitingFor: (kind && WAITING_FOR[kind]) ?? null, dueAt: null, dueDate: null, workingDaysLeft: null });
                continue;
            }
            const dueAt = new Date(r.due_at);
            const left = this.calendar.workingDaysUntil(now, dueAt);
            const state = left.overdue ? 'overdue' : left.workingDays <= this.lead ? 'at_risk' : undefined;
            if (!state)
                continue;
            items.push({
                ...base, state, waitingFor: null, dueAt: dueAt.toISOString(), dueDate: shanghaiDate(dueAt), workingDaysLeft: left.workingDays,
                provisional: base.provisional || left.provisional,
            });
        }
        const order = { overdue: 0, at_risk: 1, waiting: 2 };
        items.sort((a, b) => order[a.state] - order[b.state] || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.disclosureId.localeCompare(b.disclosureId));
        return { asOf: now.toISOString(), lead: this.lead, items: filter.state ? items.filter((i) => i.state === filter.state) : items };
    }
};
OverdueReport = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof CalendarService !== "undefined" && CalendarService) === "function" ? _b : Object, typeof (_c = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _c : Object])
], OverdueReport);
export { OverdueReport };
