import type { ChannelConfig } from '../adapter.contract.js';

export interface EmailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; from the environment */
  smtpUrl: string;
  from: string;
  replyTo: string | null;
  /** where subscribers reach the API: unsubscribe and verification links start with it */
  publicBaseUrl: string;
  batchSize: number;
  /** SMTP connections kept open by the pool, and so messages in flight at once */
  poolSize: number;
  timeoutMs: number;
  /** a `sending` record older than this with no result becomes `unknown` */
  staleMs: number;
  /** allow a plain-text SMTP connection without STARTTLS (local sinks only) */
  ignoreTls: boolean;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}

export function emailSettings(channel: ChannelConfig): EmailSettings {
  const s = channel.settings;
  const dkim = s.dkim as Record<string, unknown> | undefined;
  return {
    smtpUrl: String(s.smtpUrl ?? ''),
    from: String(s.from ?? ''),
    replyTo: s.replyTo ? String(s.replyTo) : null,
    publicBaseUrl: String(s.publicBaseUrl ?? '').replace(/\/+$/, ''),
    batchSize: Number(s.batchSize ?? 500),
    poolSize: Number(s.poolSize ?? 5),
    timeoutMs: Number(s.timeoutMs ?? 30000),
    staleMs: Number(s.staleMs ?? 10 * 60 * 1000),
    ignoreTls: s.ignoreTls === true,
    dkim: dkim?.privateKey ? { domainName: String(dkim.domainName ?? ''), keySelector: String(dkim.keySelector ?? ''), privateKey: String(dkim.privateKey) } : null,
  };
}

export function checkEmailSettings(name: string, s: EmailSettings): string[] {
  const where = `channel ${name}`;
  const problems: string[] = [];
  try {
    const u = new URL(s.smtpUrl);
    if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') problems.push(`${where}: settings.smtpUrl must start with smtp:// or smtps://`);
  } catch {
    problems.push(`${where}: settings.smtpUrl is not a valid URL (smtp://user:password@host:port)`);
  }
  if (!/@/.test(s.from)) problems.push(`${where}: settings.from must be an address, e.g. 政务公开 <gongkai@example.gov.cn>`);
  try {
    const u = new URL(s.publicBaseUrl);
    if (!/^https?:$/.test(u.protocol)) throw new Error();
    // RFC 8058 §3.1: the one-click URI must be https. Plain http only serves local mode, on this machine's loopback.
    if (u.protocol === 'http:' && !isLoopback(u.hostname)) {
      problems.push(`${where}: settings.publicBaseUrl must start with https:// (one-click unsubscribe links, RFC 8058); http:// is accepted only for a loopback address in local mode`);
    }
  } catch {
    problems.push(`${where}: settings.publicBaseUrl must be the https URL subscribers reach the API at (for unsubscribe links)`);
  }
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 5000) problems.push(`${where}: settings.batchSize must be an integer from 1 to 5000`);
  if (!Number.isInteger(s.poolSize) || s.poolSize < 1 || s.poolSize > 100) problems.push(`${where}: settings.poolSize must be an integer from 1 to 100`);
  if (!(s.timeoutMs > 0)) problems.push(`${where}: settings.timeoutMs must be positive`);
  if (!(s.staleMs > s.timeoutMs)) problems.push(`${where}: settings.staleMs must be longer than settings.timeoutMs`);
  return problems;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
