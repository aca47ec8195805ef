import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScreenSignals } from '../signals/screen-signals.js';

const REFRESH_MS = 1000;

/**
 * Each group's content version, in memory: the feed answers 304 from here without touching Postgres. Signals from
 * the process that changed a group move it on at once; a read of all versions once a second catches what a lost
 * signal missed, so a screen is never more than a second behind.
 */
@Injectable()
export class GroupVersions implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(GroupVersions.name);
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<(group: string, version: number) => void>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly signals: ScreenSignals,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.signals.subscribe((s) => {
      if (s.kind === 'versions') for (const [g, v] of Object.entries(s.versions)) this.advance(g, v);
    });
    this.timer = setInterval(() => void this.refresh().catch((err) => this.logger.warn(`screen versions: ${(err as Error).message}`)), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  get(group: string): number {
    return this.versions.get(group) ?? 0;
  }

  onChange(fn: (group: string, version: number) => void): void {
    this.listeners.add(fn);
  }

  /** Versions only move forward; listeners hear each group once per move. */
  advance(group: string, version: number): void {
    if (!(version > this.get(group))) return;
    this.versions.set(group, version);
    for (const fn of this.listeners) fn(group, version);
  }

  async refresh(): Promise<void> {
    const rows: { code: string; version: string }[] = await this.db.query(`SELECT code, version FROM screen_groups`);
    for (const r of rows) this.advance(r.code, Number(r.version));
  }
}
