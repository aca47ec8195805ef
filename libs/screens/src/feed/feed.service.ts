import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FeedItem } from '../notices/feed-item.js';
import type { AuthenticatedScreen } from '../registry/screen-auth.service.js';
import { atomEntries, atomFeed } from './atom.js';
import { GroupVersions } from './group-versions.service.js';

/** One group's feed at one version, rendered once and served to every screen of the group until the next change. */
export interface GroupFeed {
  group: string;
  version: number;
  items: FeedItem[];
  itemsJson: string;
  builtAt: string;
  atom?: string;
}

/** Bumped when the shape of a feed changes, so screens holding an old ETag get the new shape. */
const FORMAT = 'f1';

@Injectable()
export class FeedService {
  private readonly cache = new Map<string, GroupFeed>();
  private readonly building = new Map<string, Promise<GroupFeed>>();

  constructor(
    private readonly db: DataSource,
    private readonly versions: GroupVersions,
  ) {}

  etag(group: string, version: number, kind: 'json' | 'atom' = 'json'): string {
    return `"${FORMAT}.${kind}.${group}.${version}"`;
  }

  /** The ETag a screen of this group would get now, from memory: a matching If-None-Match is a 304 with no query. */
  currentEtag(group: string, kind: 'json' | 'atom' = 'json'): string {
    return this.etag(group, this.versions.get(group), kind);
  }

  async feed(group: string): Promise<GroupFeed> {
    const cached = this.cache.get(group);
    if (cached && cached.version >= this.versions.get(group)) return cached;
    let pending = this.building.get(group);
    if (!pending) {
      pending = this.build(group).finally(() => this.building.delete(group));
      this.building.set(group, pending);
    }
    return pending;
  }

  json(screen: AuthenticatedScreen, f: GroupFeed): string {
    const head = JSON.stringify({ id: screen.id, name: screen.name, group: screen.group, location: screen.location });
    return `{"screen":${head},"version":${f.version},"generatedAt":${JSON.stringify(f.builtAt)},"items":${f.itemsJson}}`;
  }

  atom(screen: AuthenticatedScreen, f: GroupFeed): string {
    f.atom ??= atomEntries(f.items);
    return atomFeed(screen, f.version, f.builtAt, f.atom);
  }

  /** Version and notices in one statement, so the ETag always names exactly the content it labels. */
  private async build(group: string): Promise<GroupFeed> {
    const rows: { version: string; content: FeedItem | null }[] = await this.db.query(
      `SELECT g.version, n.content
       FROM (SELECT COALESCE((SELECT version FROM screen_groups WHERE code = $1), 0) AS version) g
       LEFT JOIN screen_notices n ON n.group_code = $1 AND n.phase = 'live' AND n.starts_at <= now() AND n.ends_at > now()
       ORDER BY n.priority DESC, n.content->>'publishedAt' DESC, n.id DESC`,
      [group],
    );
    const version = Number(rows[0]?.version ?? 0);
    const items = rows.flatMap((r) => (r.content ? [r.content] : []));
    const feed: GroupFeed = { group, version, items, itemsJson: JSON.stringify(items), builtAt: new Date().toISOString() };
    const cur = this.cache.get(group);
    if (!cur || cur.version <= version) this.cache.set(group, feed);
    this.versions.advance(group, version);
    return feed;
  }
}
