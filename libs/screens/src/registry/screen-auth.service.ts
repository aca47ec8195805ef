import { ForbiddenException, Injectable, UnauthorizedException, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScreenSignals } from '../signals/screen-signals.js';
import { hashToken } from './screen-token.js';

export interface AuthenticatedScreen {
  id: string;
  name: string;
  group: string;
  location: string;
}

/** How long a token check is remembered: rotation and revocation also clear it at once, in every process. */
const CACHE_MS = 10_000;
const CACHE_MAX = 20_000;
/**
 * A token used in the last part of its cache life is checked again in the background, so a screen that keeps
 * polling never finds its entry expired. Without it, the entries of a thousand screens that started together
 * expired together every 10 s, and their polls all took the ordinary path and a query at once: the screen feed's
 * p99 was 19-26 ms in the benchmark instead of about 5 (docs/benchmarks.md).
 */
const REFRESH_AHEAD_MS = 3_000;

/**
 * Checks a screen's own bearer token. A thousand screens polling every few seconds must not cost a query each, so
 * good tokens are cached briefly; rotating, revoking or moving a screen drops its entries here and, through a Redis
 * signal, in every other API process.
 */
@Injectable()
export class ScreenAuth implements OnModuleInit {
  private readonly cache = new Map<string, CacheEntry>();
  /** token hashes due for a background check, and the check running (one query for all of them) */
  private readonly due = new Set<string>();
  private refreshing?: Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly signals: ScreenSignals,
  ) {}

  onModuleInit(): void {
    this.signals.subscribe((s) => {
      if (s.kind === 'screen') this.forget(s.id);
    });
  }

  /** 401 for a missing, wrong or revoked token; 403 for a good token of another screen. */
  async authenticate(screenId: string, token: string | undefined): Promise<AuthenticatedScreen> {
    if (!token) throw new UnauthorizedException({ message: '需要电子屏令牌（Authorization: Bearer <令牌>）', field: 'token' });
    const key = hashToken(token);
    let hit = this.cache.get(key);
    if (!hit || hit.until < Date.now()) {
      const [row] = await this.db.query(`SELECT id, name, group_code, location FROM screens WHERE token_hash = $1 AND revoked_at IS NULL`, [key]);
      if (!row) {
        this.cache.delete(key);
        throw new UnauthorizedException({ message: '电子屏令牌无效或已吊销', field: 'token' });
      }
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      hit = { screen: screenFromRow(row), until: Date.now() + CACHE_MS };
      this.cache.set(key, hit);
    }
    if (hit.screen.id !== screenId) throw new ForbiddenException({ message: '此令牌属于另一块电子屏，不能读取本屏内容', field: 'token' });
    return hit.screen;
  }

  /**
   * The screen a token proves, from the cache only (no query, no exception): what the feed's fast path uses to
   * answer a 304 ahead of the router. Undefined whenever authenticate() would have to ask Postgres or refuse, so
   * the caller then takes the ordinary path and its 401/403 answers stay exactly those of authenticate().
   */
  cachedScreen(screenId: string, token: string | undefined): AuthenticatedScreen | undefined {
    if (!token) return undefined;
    const key = hashToken(token);
    const hit = this.cache.get(key);
    const now = Date.now();
    if (!hit || hit.until < now || hit.screen.id !== screenId) return undefined;
    if (hit.until - now < REFRESH_AHEAD_MS) this.refreshSoon(key);
    return hit.screen;
  }

  /**
   * Checks the due tokens against Postgres in one query, after the current burst of polls. A token still good gets
   * a new cache life; a revoked or unknown one is dropped. An entry forgotten meanwhile (rotation, revocation, a
   * group move) stays forgotten: only the entry that was checked is renewed. Resolves when the check has run
   * (what specs wait on).
   */
  refreshSoon(key?: string): Promise<void> {
    if (key) this.due.add(key);
    this.refreshing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.refreshDue())
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshDue(): Promise<void> {
    const checked = new Map<string, CacheEntry>();
    for (const key of this.due) {
      const entry = this.cache.get(key);
      if (entry) checked.set(key, entry);
    }
    this.due.clear();
    if (checked.size === 0) return;
    try {
      const rows: (ScreenRow & { token_hash: string })[] = await this.db.query(
        `SELECT token_hash, id, name, group_code, location FROM screens WHERE token_hash = ANY($1) AND revoked_at IS NULL`,
        [[...checked.keys()]],
      );
      const good = new Map(rows.map((r) => [r.token_hash, r]));
      const until = Date.now() + CACHE_MS;
      for (const [key, entry] of checked) {
        if (this.cache.get(key) !== entry) continue;
        const row = good.get(key);
        if (row) this.cache.set(key, { screen: screenFromRow(row), until });
        else this.cache.delete(key);
      }
    } catch {
      // Postgres unreachable: the entries run out as before, and the ordinary path answers (and reports) the error
    }
  }

  /** After a change to a screen's token or group: forget it here and tell the other processes. */
  async changed(screenId: string): Promise<void> {
    this.forget(screenId);
    await this.signals.publish({ kind: 'screen', id: screenId });
  }

  forget(screenId: string): void {
    for (const [k, v] of this.cache) if (v.screen.id === screenId) this.cache.delete(k);
  }
}

interface CacheEntry {
  screen: AuthenticatedScreen;
  until: number;
}

interface ScreenRow {
  id: string;
  name: string;
  group_code: string;
  location: string;
}

const screenFromRow = (r: ScreenRow): AuthenticatedScreen => ({ id: r.id, name: r.name, group: r.group_code, location: r.location });
