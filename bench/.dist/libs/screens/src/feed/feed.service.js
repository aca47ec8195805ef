var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var _a, _b;
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { atomEntries, atomFeed } from './atom.js';
import { GroupVersions } from './group-versions.service.js';
/** Bumped when the shape of a feed changes, so screens holding an old ETag get the new shape. */
const FORMAT = 'f1';
let FeedService = class FeedService {
    db;
    versions;
    cache = new Map();
    building = new Map();
    constructor(db, versions) {
        this.db = db;
        this.versions = versions;
    }
    etag(group, version, kind = 'json') {
        return `"${FORMAT}.${kind}.${group}.${version}"`;
    }
    /** The ETag a screen of this group would get now, from memory: a matching If-None-Match is a 304 with no query. */
    currentEtag(group, kind = 'json') {
        return this.etag(group, this.versions.get(group), kind);
    }
    async feed(group) {
        const cached = this.cache.get(group);
        if (cached && cached.version >= this.versions.get(group))
            return cached;
        let pending = this.building.get(group);
        if (!pending) {
            pending = this.build(group).finally(() => this.building.delete(group));
            this.building.set(group, pending);
        }
        return pending;
    }
    json(screen, f) {
        const head = JSON.stringify({ id: screen.id, name: screen.name, group: screen.group, location: screen.location });
        return `{"screen":${head},"version":${f.version},"generatedAt":${JSON.stringify(f.builtAt)},"items":${f.itemsJson}}`;
    }
    atom(screen, f) {
        f.atom ??= atomEntries(f.items);
        return atomFeed(screen, f.version, f.builtAt, f.atom);
    }
    /** Version and notices in one statement, so the ETag always names exactly the content it labels. */
    async build(group) {
        const rows = await this.db.query(`SELECT g.version, n.content
       FROM (SELECT COALESCE((SELECT version FROM screen_groups WHERE code = $1), 0) AS version) g
       LEFT JOIN screen_notices n ON n.group_code = $1 AND n.phase = 'live' AND n.starts_at <= now() AND n.ends_at > now()
       ORDER BY n.priority DESC, n.starts_at DESC, n.id DESC`, [group]);
        const version = Number(rows[0]?.version ?? 0);
        const items = rows.flatMap((r) => (r.content ? [r.content] : []));
        const feed = { group, version, items, itemsJson: JSON.stringify(items), builtAt: new Date().toISOString() };
        const cur = this.cache.get(group);
        if (!cur || cur.version <= version)
            this.cache.set(group, feed);
        this.versions.advance(group, version);
        return feed;
    }
};
FeedService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof DataSource !== "undefined" && DataSource) === "function" ? _a : Object, typeof (_b = typeof GroupVersions !== "undefined" && GroupVersions) === "function" ? _b : Object])
], FeedService);
export { FeedService };
