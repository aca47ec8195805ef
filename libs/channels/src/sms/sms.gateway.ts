import axios, { type AxiosInstance, isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { Recipient, RecipientResult } from '../../../subscribers/src/index.js';
import type { DeliveryContext } from '../adapter.contract.js';
import type { SmsMessage } from './sms.text.js';

export type SmsRegion = 'mainland' | 'international';

/** What one request sends: numbers of one region get that region's approved template and sign. */
export interface SmsRoute {
  region: SmsRegion;
  templateCode: string;
  signName: string;
  message: SmsMessage;
}

/** One SMS provider's SendSms: a result for every number, or PushAbort when no number of the delivery can succeed. */
export interface SmsGateway {
  send(ctx: DeliveryContext, recipients: Recipient[], route: SmsRoute): Promise<RecipientResult[]>;
}

/** Mainland numbers are +86 (normalizePhone); +852/+853/+886 and the rest count as 国际/港澳台 for both gateways. */
export function smsRegion(e164: string): SmsRegion {
  return e164.startsWith('+86') ? 'mainland' : 'international';
}

export function gatewayHttp(timeoutMs: number): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
    maxRedirects: 0,
    validateStatus: () => true,
    transformResponse: (data: string) => data,
  });
}

/** A result without its recipient, kept per variant so `error` and `remoteId` stay checked. */
export type ResultBody = RecipientResult extends infer R ? (R extends RecipientResult ? Omit<R, 'subscriberId'> : never) : never;

export function allAs(recipients: Recipient[], r: ResultBody): RecipientResult[] {
  return recipients.map((x) => ({ ...r, subscriberId: x.subscriberId }) as RecipientResult);
}

/**
 * SMS gateways do not deduplicate: a request that may have reached the gateway is never sent again by itself.
 * Only a connection that never opened proves the gateway did not get the request.
 */
export function networkFailure(recipients: Recipient[], err: unknown, gateway: string): RecipientResult[] {
  const code = isAxiosError(err) ? err.code ?? '' : '';
  const message = `${gateway}: ${code ? `${code} ` : ''}${(err as Error)?.message ?? String(err)}`.slice(0, 300);
  const notSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(`${code} ${(err as Error)?.message ?? ''}`);
  if (notSent) return allAs(recipients, { status: 'retry', error: message });
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  return allAs(recipients, { status: 'unknown', error: timedOut ? `${message} (request timed out; the gateway may have sent it)` : message });
}

export function parseJson(data: unknown): Record<string, any> | null {
  if (typeof data !== 'string' || !data) return null;
  try {
    const v = JSON.parse(data);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
