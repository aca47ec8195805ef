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
import { checkGazetteSettings, gazetteSettings } from './gazette.settings.js';
/**
 * 政府公报: a disclosure is printed in the next issue, not at once. send() adds it to the channel's open issue and
 * leaves the delivery pending; publishing the issue (an editor, through the API) settles every delivery in it
 * as delivered with the issue's URL. A printed issue cannot change, so update and withdraw are left out: they
 * become manual follow-ups (an erratum in a later issue).
 */
export class GazetteAdapter {
    channel;
    db;
    type = 'gazette';
    /** adding the same delivery to an issue twice is a no-op (one entry per delivery) */
    idempotent = true;
    settings;
    constructor(channel, db) {
        this.channel = channel;
        this.db = db;
        this.settings = gazetteSettings(channel);
    }
    checkConfig() {
        return checkGazetteSettings(this.channel.name, this.settings);
    }
    async send(ctx) {
        // an issue may close between finding it and adding to it; a closed one is skipped and the next open one used
        for (let attempt = 0; attempt < 3; attempt++) {
            const outcome = await this.db.transaction(async (m) => {
                const [existing] = await m.query(`SELECT i.id, i.status, i.url, i.year, i.number FROM gazette_entries e JOIN gazette_issues i ON i.id = e.issue_id WHERE e.delivery_id = $1`, [ctx.delivery.id]);
                if (existing)
                    return entryOutcome(existing);
                await m.query(`INSERT INTO gazette_issues (channel, status) VALUES ($1, 'open') ON CONFLICT (channel) WHERE status = 'open' DO NOTHING`, [this.channel.name]);
                // FOR SHARE: publishing (UPDATE … status = 'publishing') waits until this entry is committed, so it is printed
                const [issue] = await m.query(`SELECT id FROM gazette_issues WHERE channel = $1 AND status = 'open' FOR SHARE`, [this.channel.name]);
                if (!issue)
                    return null;
                await m.query(`INSERT INTO gazette_entries (issue_id, delivery_id, disclosure_id) VALUES ($1, $2, $3)`, [issue.id, ctx.delivery.id, ctx.disclosure.id]);
                return { status: 'pending', remoteId: issue.id, note: 'added to the next gazette issue' };
            });
            if (outcome)
                return outcome;
        }
        throw new Error('no open gazette issue could be found or created; try again');
    }
    /** Settles a delivery whose issue was published but whose settlement was missed (the API stopped mid-way). */
    async poll(ctx) {
        const [row] = await this.db.query(`SELECT i.id, i.status, i.url, i.year, i.number FROM gazette_entries e JOIN gazette_issues i ON i.id = e.issue_id WHERE e.delivery_id = $1`, [ctx.delivery.id]);
        if (!row || row.status !== 'published')
            return { status: 'pending' };
        return { status: 'delivered', remoteId: issueLabel(row), remoteUrl: row.url };
    }
}
function entryOutcome(issue) {
    if (issue.status === 'published')
        return { status: 'delivered', remoteId: issueLabel(issue), remoteUrl: issue.url ?? undefined };
    return { status: 'pending', remoteId: issue.id, note: 'already in the next gazette issue' };
}
export function issueLabel(issue) {
    return `${issue.year}年第${issue.number}期`;
}
let GazetteAdapterFactory = class GazetteAdapterFactory {
    db;
    type = 'gazette';
    constructor(db) {
        this.db = db;
    }
    create(channel) {
        return new GazetteAdapter(channel, this.db);
    }
};
GazetteAdapterFactory = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object])
], GazetteAdapterFactory);
export { GazetteAdapterFactory };
