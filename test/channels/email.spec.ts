import { generateKeyPairSync } from 'node:crypto';
import { classifySmtpError, EmailAdapter, SmtpSink, type ChannelConfig, type DeliveryContext } from '../../libs/channels/src/index.js';
import type { PushFanout } from '../../libs/subscribers/src/index.js';
import { freePort } from '../support/ports.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { deliveryWhen, publishAndSettle, recipientCounts, seedSubscribers } from './push-fixtures.js';

const PUBLIC = 'https://public.example';

function channels(smtpUrl: string, sinkUrl: string): string {
  return `channels:
  - name: website
    type: webhook
    label: website
    carriers: [website]
    settings: { url: ${sinkUrl}/sink/website, secret: test-sink-secret-0123456789, idempotent: true, allowPrivateNetwork: true }
  - name: email
    type: email
    label: 精准推送（邮件）
    carriers: [targeted_push]
    settings:
      smtpUrl: ${smtpUrl}
      from: 根河市政务公开 <gongkai@genhe.gov.cn>
      replyTo: zwgk@genhe.gov.cn
      publicBaseUrl: ${PUBLIC}
      batchSize: 500
      poolSize: 4
      timeoutMs: 6000
      ignoreTls: true
    queue: { attempts: 3, backoffMs: 50 }
`;
}

/** The email channel through the real pipeline: publish → fan-out → batch jobs → a real SMTP server. */
describe('email targeted push', () => {
  let s: Stack;
  let smtp: SmtpSink;
  let admin: string;
  const local = (url: string) => url.replace(PUBLIC, s.url.replace('[::1]', '127.0.0.1'));
  const forDelivery = (id: string) => smtp.messages.filter((m) => m.headers['x-gongkai-delivery'] === id);

  beforeAll(async () => {
    smtp = await new SmtpSink().listen();
    // Nothing here tests stalled jobs: with the suite's 2-second job lock, a worker starved of CPU for a moment
    // under CI load lost its lock mid-batch and the batch ran twice at once (harmless, but the first run's SMTP
    // timed out and later tests saw its recipients). The stall specs keep the short lock.
    s = await startStack({ channels: (sinkUrl) => channels(smtp.url, sinkUrl), env: { WORKER_LOCK_MS: '20000' } });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await smtp.close();
  });

  it('mails 1,200 verified followers of the item or its group once each, in batches of at most 500, with both parts and RFC 8058 headers', async () => {
    const byItem = await seedSubscribers(s.db, { count: 800, prefix: 'item', topics: ['item:genhe-zwfw:01-01'], medium: 'email' });
    const byGroup = await seedSubscribers(s.db, { count: 400, prefix: 'group', topics: ['group:genhe-zwfw:履职依据'], medium: 'email' });
    await seedSubscribers(s.db, { count: 5, prefix: 'unverified', topics: ['item:genhe-zwfw:01-01'], medium: 'email', verified: false });
    await seedSubscribers(s.db, { count: 5, prefix: 'gone', topics: ['item:genhe-zwfw:01-01'], medium: 'email', unsubscribed: true });
    await seedSubscribers(s.db, { count: 5, prefix: 'other', topics: ['item:genhe-zwfw:09-01'], medium: 'email' });

    const body = publishBody('genhe-zwfw:01-01', {
      title: '关于<规范性文件>清理结果的公告',
      body: '<p>经清理，<strong>现行有效</strong>规范性文件共12件。</p><script>alert(1)</script>',
      metadata: { indexNo: 'genhe-zwfw/2026-00042', docNo: '根政数发〔2026〕7号' },
    });
    const { delivery } = await publishAndSettle(s, admin, body, 'email', 200_000);
    expect(delivery).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'recipients:1200', attempts: 1 }));

    const mails = forDelivery(delivery.id);
    expect(mails).toHaveLength(1200);
    const perAddress = new Map<string, number>();
    for (const m of mails) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    expect(perAddress.size).toBe(1200);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect([...perAddress.keys()].some((a) => /^(unverified|gone|other)/.test(a))).toBe(false);
    expect(perAddress.has('item1@example.cn') && perAddress.has('group400@example.cn')).toBe(true);

    // 1,200 recipients in batches of at most 500: three batch jobs claimed them (claimant = job id)
    const { rows: batches } = await s.db.query(
      `SELECT claimed_by, count(*)::int AS n FROM push_recipients WHERE delivery_id = $1 GROUP BY claimed_by ORDER BY min(subscriber_id)`,
      [delivery.id],
    );
    expect(batches.map((b) => b.n)).toEqual([500, 500, 200]);
    expect(await recipientCounts(s.db, delivery.id)).toEqual({ sent: 1200 });

    const one = mails.find((m) => m.to === 'item1@example.cn')!;
    const [rec] = (await s.db.query(`SELECT remote_id, address FROM push_recipients WHERE delivery_id = $1 AND subscriber_id = $2`, [delivery.id, byItem[0]])).rows;
    expect(rec.remote_id).toBe(`<${delivery.id}.${byItem[0]}@genhe.gov.cn>`);
    expect(one.messageId).toBe(rec.remote_id);
    expect(one.subject).toBe('【根河市政务服务与数据管理局】关于<规范性文件>清理结果的公告');
    expect(one.headers['list-unsubscribe']).toMatch(/^<https:\/\/public\.example\/api\/subscribers\/unsubscribe\?token=[0-9a-f]{64}>$/);
    expect(one.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(one.html).toContain('关于&lt;规范性文件&gt;清理结果的公告');
    expect(one.html).toContain('<strong>现行有效</strong>');
    expect(one.html).toContain('genhe-zwfw/2026-00042');
    expect(one.html).not.toMatch(/<script/i);
    expect(one.html).toContain('一键退订');
    expect(one.text).toContain('现行有效规范性文件共12件');
    expect(one.text).toContain('文号：根政数发〔2026〕7号');
    expect(one.text).toContain('/api/subscribers/unsubscribe?token=');
    // each recipient has a link of their own
    expect(mails.find((m) => m.to === 'group1@example.cn')!.headers['list-unsubscribe']).not.toBe(one.headers['list-unsubscribe']);
    expect(byGroup).toHaveLength(400);
    // every other test publishes items of group 1 too: these followers would get those mails as well
    await s.db.query(`DELETE FROM subscriptions WHERE topic = 'group:genhe-zwfw:履职依据'`);
   }, 240_000); // 1,200 SMTP transactions: slow on a busy 2-core machine

  it('unsubscribes on a one-click POST without further interaction; GET only asks', async () => {
    const [id] = await seedSubscribers(s.db, { count: 2, prefix: 'oneclick', topics: ['item:genhe-zwfw:01-05'], medium: 'email' });
    const { delivery } = await publishAndSettle(s, admin, publishBody('genhe-zwfw:01-05'), 'email');
    const mail = forDelivery(delivery.id).find((m) => m.to === 'oneclick1@example.cn')!;
    const url = local(/<([^>]+)>/.exec(mail.headers['list-unsubscribe'])![1]);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('确认退订');
    expect(html).toContain('<form method="post"');
    const still = await s.db.query(`SELECT email_unsubscribed_at FROM subscribers WHERE id = $1`, [id]);
    expect(still.rows[0].email_unsubscribed_at).toBeNull();

    // what a mail provider sends (RFC 8058 §3.2): a form POST with List-Unsubscribe=One-Click, no cookies, no login
    const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('不会再收到');
    const gone = await s.db.query(`SELECT email_unsubscribed_at FROM subscribers WHERE id = $1`, [id]);
    expect(gone.rows[0].email_unsubscribed_at).not.toBeNull();

    // the multipart form of the same request works too, and repeating it is harmless
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(200);
    expect((await fetch(local(`${PUBLIC}/api/subscribers/unsubscribe?token=not-a-real-token-000000000`), { method: 'POST' })).status).toBe(404);

    const again = await publishAndSettle(s, admin, publishBody('genhe-zwfw:01-05', { title: '第二次推送' }), 'email');
    expect(forDelivery(again.delivery.id).map((m) => m.to)).toEqual(['oneclick2@example.cn']);
    const audit = await s.db.query(`SELECT details FROM audit_log WHERE action = 'subscriber.unsubscribed'`);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0].details)).not.toContain('oneclick1@example.cn');
  });

  it('keeps push records naming a real delivery and subscriber, checked once per statement (migration 1764000000980)', async () => {
    const [sub] = await seedSubscribers(s.db, { count: 1, prefix: 'refs', topics: ['item:genhe-zwfw:01-05'], medium: 'email' });
    const { delivery } = await publishAndSettle(s, admin, publishBody('genhe-zwfw:01-05', { title: '引用检查' }), 'email');
    const refused = async (sql: string, params: unknown[] = []) => {
      const err = await s.db.query(sql, params).then(() => null, (e: { code?: string; message: string }) => e);
      expect(err).toEqual(expect.objectContaining({ code: '23503' }));
      return err!.message;
    };
    const [spare] = await seedSubscribers(s.db, { count: 1, prefix: 'refs-spare', topics: [], medium: 'email' });
    const insert = `INSERT INTO push_recipients (delivery_id, subscriber_id, medium, address, status) VALUES ($1, $2, 'email', 'x@example.cn', 'pending')`;

    // a statement naming one missing row among good ones is refused whole
    expect(await refused(
      `INSERT INTO push_recipients (delivery_id, subscriber_id, medium, address, status)
       SELECT $1, id, 'email', 'x@example.cn', 'pending' FROM unnest($2::bigint[]) id`,
      [delivery.id, [spare, 987654321]],
    )).toBe('push_recipients: subscriber 987654321 does not exist');
    expect(await refused(insert, ['00000000-0000-4000-8000-000000000000', spare])).toBe('push_recipients: delivery 00000000-0000-4000-8000-000000000000 does not exist');
    expect((await s.db.query(`SELECT count(*)::int AS n FROM push_recipients WHERE subscriber_id = $1`, [spare])).rows[0].n).toBe(0);

    // a record keeps its references; what records name is neither deleted nor truncated away
    await refused(`UPDATE push_recipients SET subscriber_id = $2 WHERE delivery_id = $1 AND subscriber_id = $3`, [delivery.id, spare, sub]);
    expect(await refused(`DELETE FROM subscribers WHERE id = $1`, [sub])).toBe(`push records name subscribers ${sub}: it cannot be deleted`);
    expect(await refused(`DELETE FROM deliveries WHERE id = $1`, [delivery.id])).toBe(`push records name deliveries ${delivery.id}: it cannot be deleted`);
    await refused(`TRUNCATE subscribers CASCADE`);
    expect((await s.db.query(`SELECT count(*)::int AS n FROM push_recipients WHERE delivery_id = $1`, [delivery.id])).rows[0].n).toBeGreaterThan(0);

    // a subscriber no record names can still go (with their subscriptions), and a good insert passes
    await s.db.query(insert, [delivery.id, spare]);
    await s.db.query(`DELETE FROM push_recipients WHERE delivery_id = $1 AND subscriber_id = $2`, [delivery.id, spare]);
    expect((await s.db.query(`DELETE FROM subscribers WHERE id = $1`, [spare])).rowCount).toBe(1);
  });

  it('retries recipients the server deferred (4xx) without mailing anyone twice; a refused one (5xx) fails and a retry sends to it alone', async () => {
    await seedSubscribers(s.db, { count: 60, prefix: 'smtp', topics: ['item:genhe-zwfw:01-02'], medium: 'email' });
    smtp.script('smtp3@example.cn', { at: 'rcpt', code: 451 });
    smtp.script('smtp7@example.cn', { at: 'data', code: 452 });
    smtp.script('smtp9@example.cn', { at: 'rcpt', code: 550 });
    const { delivery } = await publishAndSettle(s, admin, publishBody('genhe-zwfw:01-02'), 'email');
    expect(delivery.status).toBe('failed');
    expect(delivery.lastError).toBe('59 of 60 recipients sent; 1 failed (a retry sends to those only)');
    expect(await recipientCounts(s.db, delivery.id)).toEqual({ sent: 59, failed: 1 });
    const { rows } = await s.db.query(`SELECT address, attempts, error FROM push_recipients WHERE delivery_id = $1 AND attempts > 1 ORDER BY address`, [delivery.id]);
    expect(rows.map((r) => r.address)).toEqual(['smtp3@example.cn', 'smtp7@example.cn']);
    const count = (to: string) => forDelivery(delivery.id).filter((m) => m.to === to).length;
    expect(count('smtp3@example.cn')).toBe(1);
    expect(count('smtp7@example.cn')).toBe(1);
    expect(count('smtp9@example.cn')).toBe(0);
    expect(forDelivery(delivery.id)).toHaveLength(59);

    expect((await s.call('POST', `/api/deliveries/${delivery.id}/retry`, { token: admin })).status).toBe(202);
    const after = await deliveryWhen(s, admin, delivery.id, (d) => d.status === 'delivered');
    expect(after).toEqual(expect.objectContaining({ status: 'delivered', remoteId: 'recipients:60' }));
    expect(count('smtp9@example.cn')).toBe(1);
    expect(forDelivery(delivery.id)).toHaveLength(60);
    expect(new Set(forDelivery(delivery.id).map((m) => m.to)).size).toBe(60);
  });

  it('marks a recipient whose SMTP transaction timed out as unknown and never resends it by itself', async () => {
    await seedSubscribers(s.db, { count: 10, prefix: 'slow', topics: ['item:genhe-zwfw:05-01'], medium: 'email' });
    smtp.script('slow4@example.cn', { at: 'hang', ms: 12000 });
    const { delivery } = await publishAndSettle(s, admin, publishBody('genhe-zwfw:05-01'), 'email');
    expect(delivery.status).toBe('failed');
    expect(delivery.lastError).toContain('outcome unknown for 1 recipients');
    expect(await recipientCounts(s.db, delivery.id)).toEqual({ sent: 9, unknown: 1 });
    // the server did take the message: resending would have mailed it twice
    expect(forDelivery(delivery.id).filter((m) => m.to === 'slow4@example.cn')).toHaveLength(1);

    await s.call('POST', `/api/deliveries/${delivery.id}/retry`, { token: admin });
    const refused = await deliveryWhen(s, admin, delivery.id, (d) => d.status === 'failed' && d.attempts === 2);
    expect(refused.lastError).toMatch(/^nothing was resent: .*outcome unknown for 1 recipients/);
    expect(forDelivery(delivery.id)).toHaveLength(10);

    const list = await s.call('GET', `/api/push/deliveries/${delivery.id}/recipients?status=unknown`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ address: 'slow4@example.cn', status: 'unknown' })]);
    const bad = await s.call('POST', `/api/push/deliveries/${delivery.id}/resolve`, { token: admin, body: { status: 'maybe', note: 'x' } });
    expect(bad.status).toBe(400);
    const resolved = await s.call('POST', `/api/push/deliveries/${delivery.id}/resolve`, { token: admin, body: { status: 'sent', note: '邮件服务器日志 2026-11-24 显示已投递' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.counts).toEqual(expect.objectContaining({ sent: 10, unknown: 0 }));
    await s.call('POST', `/api/deliveries/${delivery.id}/retry`, { token: admin });
    await deliveryWhen(s, admin, delivery.id, (d) => d.status === 'delivered');
    expect(forDelivery(delivery.id)).toHaveLength(10);
  });

  it('leaves a recipient whose connection dropped after DATA unknown, and no retry mails it again', async () => {
    await seedSubscribers(s.db, { count: 6, prefix: 'drop', topics: ['item:genhe-zwfw:01-04'], medium: 'email' });
    smtp.script('drop2@example.cn', { at: 'drop' });
    const { delivery } = await publishAndSettle(s, admin, publishBody('genhe-zwfw:01-04'), 'email');
    expect(delivery.status).toBe('failed');
    expect(delivery.lastError).toContain('outcome unknown for 1 recipients');
    expect(await recipientCounts(s.db, delivery.id)).toEqual({ sent: 5, unknown: 1 });
    const [rec] = (await s.db.query(`SELECT error FROM push_recipients WHERE delivery_id = $1 AND status = 'unknown'`, [delivery.id])).rows;
    expect(rec.error).toMatch(/^ECONNECTION: /);
    await s.call('POST', `/api/deliveries/${delivery.id}/retry`, { token: admin });
    await deliveryWhen(s, admin, delivery.id, (d) => d.status === 'failed' && d.attempts === 2);
    // the server had taken it: exactly one copy, before and after the retry
    expect(forDelivery(delivery.id).filter((m) => m.to === 'drop2@example.cn')).toHaveLength(1);
    expect(forDelivery(delivery.id)).toHaveLength(6);
  });

  it('adds subscribers, mails the confirmation link, and verifies only on the confirming POST', async () => {
    const bad = await s.call('POST', '/api/subscribers', { token: admin, body: { email: 'not-an-email', topics: ['genhe-zwfw:01-01'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('email');
    const badTopic = await s.call('POST', '/api/subscribers', { token: admin, body: { email: 'x@example.cn', topics: ['genhe-zwfw:99-99'] } });
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.field).toBe('topics');
    const noTopics = await s.call('POST', '/api/subscribers', { token: admin, body: { email: 'x@example.cn', topics: [] } });
    expect(noTopics.status).toBe(400);

    const created = await s.call('POST', '/api/subscribers', { token: admin, body: { name: '王五', email: 'Wang.Wu@Example.cn', topics: ['group:genhe-zwfw:1'] } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ email: 'wang.wu@example.cn', emailStatus: 'unverified', topics: ['group:genhe-zwfw:履职依据'], verification: 'queued' }));
    expect((await s.call('POST', '/api/subscribers', { token: admin, body: { email: 'wang.wu@example.cn', topics: ['genhe-zwfw:01-01'] } })).status).toBe(409);

    const mail = await eventually(async () => smtp.to('wang.wu@example.cn').find((m) => m.subject.includes('确认订阅')));
    expect(mail).toBeDefined();
    const link = local(/https?:\/\/\S+\/api\/subscribers\/verify\?token=[A-Za-z0-9_%-]+/.exec(mail!.text)![0]);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('确认订阅');
    expect((await s.call('GET', `/api/subscribers/${created.body.id}`, { token: admin })).body.emailStatus).toBe('unverified');
    const ok = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('订阅成功');
    expect((await s.call('GET', `/api/subscribers/${created.body.id}`, { token: admin })).body.emailStatus).toBe('verified');
    expect((await fetch(link.replace(/token=.*/, 'token=wrong-token-0000000000000'))).status).toBe(404);
  });

  it('imports rows from CSV, reporting each bad row by number and field, and erases on request', async () => {
    const csv = '姓名,邮箱,手机,订阅,同意凭证\n张三,zhang3@example.cn,13900000001,genhe-zwfw:01-01;group:genhe-zwfw:财政信息,纸质登记表第1号\n李四,bad-address,,genhe-zwfw:01-01,\n赵六,zhao6@example.cn,,nothing-here,\n';
    const r = await s.call('POST', '/api/subscribers/import', { token: admin, body: { csv } });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(1);
    expect(r.body.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'email' }),
      expect.objectContaining({ row: 3, field: 'topics' }),
    ]);
    const list = await s.call('GET', '/api/subscribers?q=zhang3', { token: admin });
    expect(list.body.items).toEqual([expect.objectContaining({ email: 'zhang3@example.cn', emailStatus: 'verified', phone: '+8613900000001', phoneStatus: 'verified' })]);
    const id = list.body.items[0].id;
    expect((await s.call('DELETE', `/api/subscribers/${id}`, { token: admin })).status).toBe(204);
    const erased = await s.call('GET', `/api/subscribers/${id}`, { token: admin });
    expect(erased.body).toEqual(expect.objectContaining({ erased: true, email: null, phone: null, topics: [] }));
    expect((await s.call('GET', '/api/subscribers/abc', { token: admin })).body.field).toBe('id');
    expect((await s.call('POST', '/api/subscribers/import', { token: admin, body: {} })).status).toBe(400);
  });
});

/** The adapter's SMTP classification against the real sink, without the pipeline. */
describe('email adapter against the SMTP sink', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await new SmtpSink().listen();
  });
  afterAll(() => smtp.close());

  const adapter = (smtpUrl: string, extra: Record<string, unknown> = {}) =>
    new EmailAdapter(
      {
        name: 'email', type: 'email', label: 'email', carriers: ['targeted_push'], queue: { concurrency: 1, attempts: 3, backoffMs: 50 },
        settings: { smtpUrl, from: '政务公开 <gk@genhe.gov.cn>', publicBaseUrl: 'https://gk.example', timeoutMs: 800, ignoreTls: true, ...extra },
      } satisfies ChannelConfig,
      {} as PushFanout,
    );
  const ctx = {
    delivery: { id: '00000000-0000-4000-8000-000000000001', carrier: 'targeted_push', channel: 'email', attempt: 1, operation: 'publish', interrupted: false, remoteId: null, remoteUrl: null, state: {} },
    disclosure: {
      id: 'd', title: '标题', body: '正文', metadata: {}, generatedAt: '2026-11-24T00:00:00Z', dueAt: null, revision: 1, catalogueCode: 'genhe-zwfw', itemId: '01-01',
      itemPath: ['履职依据'], publisher: '发布机构', office: '办公室', departmentCode: 'genhe-zwfw',
    },
    saveState: async () => undefined,
  } as DeliveryContext;
  const r = (n: number, address: string) => ({ subscriberId: n, address, unsubscribeToken: `token-${n}-0123456789abcdef` });

  it('reports sent, retry (4xx), failed (5xx) and unknown (timeout) per recipient', async () => {
    smtp.script('defer@x.cn', { at: 'rcpt', code: 421 });
    smtp.script('refuse@x.cn', { at: 'data', code: 554 });
    smtp.script('hang@x.cn', { at: 'hang', ms: 2000 });
    const a = adapter(smtp.url);
    const results = await a.sendChunk(ctx, [r(1, 'ok@x.cn'), r(2, 'defer@x.cn'), r(3, 'refuse@x.cn'), r(4, 'hang@x.cn')]);
    a.close();
    expect(results.map((x) => [x.subscriberId, x.status])).toEqual([[1, 'sent'], [2, 'retry'], [3, 'failed'], [4, 'unknown']]);
    expect(smtp.to('ok@x.cn')[0].headers['list-unsubscribe']).toBe('<https://gk.example/api/subscribers/unsubscribe?token=token-1-0123456789abcdef>');
  });

  it('leaves a recipient whose connection dropped after DATA unknown, and neither it nor the pool sends it again', async () => {
    smtp.script('dropped@x.cn', { at: 'drop' });
    const a = adapter(smtp.url);
    const results = await a.sendChunk(ctx, [r(1, 'dropped@x.cn'), r(2, 'after@x.cn')]);
    a.close();
    expect(results).toEqual([
      expect.objectContaining({ subscriberId: 1, status: 'unknown', error: expect.stringMatching(/^ECONNECTION: /) }),
      expect.objectContaining({ subscriberId: 2, status: 'sent' }),
    ]);
    expect(smtp.to('dropped@x.cn')).toHaveLength(1);
    // and the next chunk (a later batch job) does not resend it either: the fan-out only resends `retry`
    const b = adapter(smtp.url);
    const again = await b.sendChunk(ctx, [r(3, 'third@x.cn')]);
    b.close();
    expect(again[0].status).toBe('sent');
    expect(smtp.to('dropped@x.cn')).toHaveLength(1);
  });

  it('classifies nodemailer 10\'s connection errors by whether anything was handed over', () => {
    const err = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(classifySmtpError(err('ECONNECTION', 'Connection closed unexpectedly')).status).toBe('unknown');
    expect(classifySmtpError(err('ECONNECTION', 'Reached maximum number of retries after connection was closed')).status).toBe('unknown');
    expect(classifySmtpError(err('ESOCKET', 'connect ECONNREFUSED 127.0.0.1:25')).status).toBe('retry');
    expect(classifySmtpError(err('ECONNECTION', 'Connection pool was closed')).status).toBe('retry');
    expect(classifySmtpError(Object.assign(err('ECONNECTION', 'Server closed the connection'), { responseCode: 421 })).status).toBe('retry');
  });

  it('signs List-Unsubscribe and List-Unsubscribe-Post with DKIM', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const a = adapter(smtp.url, { dkim: { domainName: 'genhe.gov.cn', keySelector: 'gk2026', privateKey } });
    const [res] = await a.sendChunk(ctx, [r(1, 'dkim@x.cn')]);
    a.close();
    expect(res.status).toBe('sent');
    const signature = smtp.to('dkim@x.cn')[0].headers['dkim-signature'];
    const signed = /\bh=([^;]+)/.exec(signature.replace(/\s+/g, ''))![1].toLowerCase().split(':');
    expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']));
  });

  it('treats a server that refuses connections as "try later", never as unknown', async () => {
    const a = adapter(`smtp://127.0.0.1:${await freePort()}`);
    const results = await a.sendChunk(ctx, [r(1, 'a@x.cn')]);
    a.close();
    expect(results).toEqual([expect.objectContaining({ subscriberId: 1, status: 'retry' })]);
  });

  it('refuses settings that cannot work, naming each', () => {
    const bad = new EmailAdapter(
      { name: 'email', type: 'email', label: 'e', carriers: ['targeted_push'], queue: { concurrency: 1, attempts: 1, backoffMs: 10 }, settings: { smtpUrl: 'http://x', from: 'nobody', batchSize: 0 } },
      {} as PushFanout,
    );
    const problems = bad.checkConfig().join('\n');
    expect(problems).toContain('settings.smtpUrl');
    expect(problems).toContain('settings.from');
    expect(problems).toContain('settings.publicBaseUrl');
    expect(problems).toContain('settings.batchSize');
  });

  it('refuses http unsubscribe links outside local mode (RFC 8058 wants https), and accepts them on loopback', () => {
    const check = (publicBaseUrl: string) =>
      new EmailAdapter(
        { name: 'email', type: 'email', label: 'e', carriers: ['targeted_push'], queue: { concurrency: 1, attempts: 1, backoffMs: 10 }, settings: { smtpUrl: 'smtp://127.0.0.1:25', from: 'gk@genhe.gov.cn', publicBaseUrl } },
        {} as PushFanout,
      ).checkConfig();
    expect(check('http://gk.genhe.gov.cn').join('\n')).toMatch(/settings\.publicBaseUrl must start with https:\/\//);
    expect(check('https://gk.genhe.gov.cn')).toEqual([]);
    expect(check('http://127.0.0.1:3000')).toEqual([]);
    expect(check('http://localhost:3000')).toEqual([]);
  });
});
