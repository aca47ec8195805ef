import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppConfig } from '../../../../libs/config/src/index.js';

const address = z.string().trim().regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, 'must be an e-mail address');
const addresses = z.union([address.transform((a) => [a]), z.array(address)]);

export const officesFileSchema = z.object({
  /** Who is told when an electronic notice screen goes offline or comes back (docs/screens.md). */
  screens: addresses.optional(),
  /**
   * Who is told when a channel account (the website's home page, WeChat, Weibo, the app) goes without updates
   * (docs/freshness.md): channel name → addresses, `default` for a channel not listed.
   */
  accounts: z.record(z.string(), addresses).optional(),
  departments: z.record(
    z.string(),
    z.object({
      /** Used when an item's office is not listed, or lists nobody. */
      default: addresses.optional(),
      /** 责任科室 name, exactly as the catalogue prints it → addresses. */
      offices: z.record(z.string(), addresses).optional(),
    }),
  ),
});
export type OfficesFile = z.infer<typeof officesFileSchema>;

/**
 * Who is told when a disclosure is late: config/offices.yaml maps each department's 责任科室 to e-mail addresses.
 * The file is read again when it changes, so an operator can fix an address without a restart; a broken edit
 * keeps the last good version in force and says why in the log.
 */
@Injectable()
export class OfficeDirectory {
  private readonly logger = new Logger(OfficeDirectory.name);
  private current: OfficesFile = { departments: {} };
  private loadedMtime = -1;

  constructor(private readonly config: AppConfig) {}

  get file(): string {
    return path.resolve(this.config.get('OFFICES_FILE') ?? path.join(this.config.configDir, 'offices.yaml'));
  }

  /** The addresses for the screens' notices (offline, back online); none: the back office's inbox only. */
  screenRecipients(): string[] {
    this.reloadIfChanged();
    return [...new Set(this.current.screens ?? [])];
  }

  /** The addresses for a channel account's freshness warnings; none: the back office's inbox only. */
  accountRecipients(channel: string): string[] {
    this.reloadIfChanged();
    const a = this.current.accounts ?? {};
    return [...new Set(a[channel]?.length ? a[channel] : (a.default ?? []))];
  }

  /** The department's own address (its 政务公开 office), to whom a missed limit is escalated as well. */
  departmentDefault(department: string): string[] {
    this.reloadIfChanged();
    return [...new Set(this.current.departments[department]?.default ?? [])];
  }

  recipients(department: string, office: string | null | undefined): string[] {
    this.reloadIfChanged();
    const d = this.current.departments[department];
    if (!d) return [];
    const own = office ? (d.offices?.[office] ?? d.offices?.[office.trim()] ?? []) : [];
    return [...new Set(own.length ? own : (d.default ?? []))];
  }

  private reloadIfChanged(): void {
    let mtime: number;
    try {
      mtime = fs.statSync(this.file).mtimeMs;
    } catch {
      if (this.loadedMtime !== 0) this.logger.warn(`offices: ${this.file} not found; deadline alerts go to the back office only`);
      this.loadedMtime = 0;
      this.current = { departments: {} };
      return;
    }
    if (mtime === this.loadedMtime) return;
    this.loadedMtime = mtime;
    const result = parseOfficesFile(fs.readFileSync(this.file, 'utf8'));
    if ('problems' in result) {
      this.logger.error(`offices: ${this.file} ignored, the previous version stays in force:\n${result.problems.join('\n')}`);
      return;
    }
    this.current = result.offices;
  }
}

export function parseOfficesFile(source: string): { offices: OfficesFile } | { problems: string[] } {
  let raw: unknown;
  try {
    raw = parse(source) ?? { departments: {} };
  } catch (err) {
    return { problems: [`offices: not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const r = officesFileSchema.safeParse(raw);
  if (!r.success) return { problems: r.error.issues.map((i) => `offices: ${i.path.join('.') || '(file)'}: ${i.message}`) };
  return { offices: r.data };
}
