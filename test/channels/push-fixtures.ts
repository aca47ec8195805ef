import type pg from 'pg';
import { eventually, type Stack } from '../support/stack.js';

/** Seeds verified subscribers straight in SQL (the API path is tested separately); returns their ids in order. */
export async function seedSubscribers(
  db: pg.Pool,
  o: { count: number; prefix: string; topics: string[]; medium: 'email' | 'sms'; verified?: boolean; unsubscribed?: boolean; phoneBase?: number },
): Promise<number[]> {
  const verified = o.verified !== false;
  const { rows } = await db.query(
    o.medium === 'email'
      ? `INSERT INTO subscribers (name, email, email_verified_at, email_unsubscribed_at, unsubscribe_token)
         SELECT $1 || g, $1 || g || '@example.cn', CASE WHEN $3 THEN now() END, CASE WHEN $4 THEN now() END, md5($1 || g) || md5(g::text || $1)
         FROM generate_series(1, $2::int) g RETURNING id`
      : `INSERT INTO subscribers (name, phone, phone_verified_at, phone_opted_out_at, unsubscribe_token)
         SELECT $1 || g, '+86' || ($5::bigint + g)::text, CASE WHEN $3 THEN now() END, CASE WHEN $4 THEN now() END, md5($1 || g) || md5(g::text || $1)
         FROM generate_series(1, $2::int) g RETURNING id`,
    o.medium === 'email' ? [o.prefix, o.count, verified, !!o.unsubscribed] : [o.prefix, o.count, verified, !!o.unsubscribed, o.phoneBase ?? 13800000000],
  );
  const ids = rows.map((r) => Number(r.id));
  await db.query(`INSERT INTO subscriptions (subscriber_id, topic) SELECT id, t FROM unnest($1::bigint[]) id, unnest($2::text[]) t`, [ids, o.topics]);
  return ids;
}

export const SETTLED = ['delivered', 'failed', 'unconfirmed', 'confirmed', 'withdrawn', 'awaiting_confirmation'];

/** Publishes a disclosure and returns the delivery on `channel` once it has settled. */
export async function publishAndSettle(s: Stack, token: string, body: Record<string, unknown>, channel: string, timeoutMs = 40000) {
  const r = await s.call('POST', '/api/disclosures', { token, body });
  if (r.status !== 201) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
  const delivery = await settled(s, token, r.body.id, channel, timeoutMs);
  return { disclosure: r.body, delivery };
}

export async function settled(s: Stack, token: string, disclosureId: string, channel: string, timeoutMs = 40000) {
  return eventually(async () => {
    const d = (await s.call('GET', `/api/disclosures/${disclosureId}`, { token })).body;
    const x = d.deliveries?.find((y: { channel: string }) => y.channel === channel);
    return x && SETTLED.includes(x.status) ? x : undefined;
  }, timeoutMs, 200);
}

export async function deliveryWhen(s: Stack, token: string, id: string, pred: (d: any) => boolean, timeoutMs = 40000) {
  return eventually(async () => {
    const d = (await s.call('GET', `/api/deliveries/${id}`, { token })).body;
    return pred(d) ? d : undefined;
  }, timeoutMs, 200);
}

export async function recipientCounts(db: pg.Pool, deliveryId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM push_recipients WHERE delivery_id = $1 GROUP BY status`, [deliveryId]);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
