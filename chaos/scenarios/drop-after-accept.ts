import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AliyunSmsFake, AppPushFake, pngImage, SmtpSink, WechatOaFake, WeiboFake,
} from '../../libs/channels/src/index.js';
import { publishLoad } from '../support/api-client.js';
import { Deployment, SINK_SECRET, STALL_MS } from '../support/deployment.js';
import type { Figures } from '../support/verdict.js';
import type { Scenario } from './scenario.js';

const WECHAT = { appId: 'wxchaos000000000', appSecret: 'chaos-wechat-secret-0123456789' };
const WEIBO_TOKEN = 'chaos-weibo-token-0123456789';
const PUSH = { appKey: 'chaos-app', appSecret: 'chaos-push-secret-0123456789' };
const SMS_KEYS = { LTAIchaoskey: 'chaos-aliyun-secret-0123' };
const DOMAIN = 'www.example.gov.cn';
const ARTICLE = `https://${DOMAIN}/gk/{id}`;
/** 01-01 reaches the website and targeted push (email, SMS); 09-01 the website and the three new-media channels; one each in turn */
const ITEMS = [{ id: 'genhe-zwfw:01-01', deliveries: 1 }, { id: 'genhe-zwfw:09-01', deliveries: 1 }];
const SUBSCRIBERS = 6;

/**
 * Every channel's remote takes the message and then the connection drops before it answers — the case in which a
 * blind resend publishes twice. Each channel must end without a second copy at its fake: WeChat and Weibo end
 * `unconfirmed`, email and SMS leave the recipients `unknown`, the website (its receiver deduplicates by
 * webhook-id) and App push (409 on a repeated messageId) resend and are deduplicated by the remote.
 */
export const dropAfterAccept: Scenario = {
  id: 'drop-after-accept',
  title: 'Connection dropped after the remote accepted (every channel)',
  async run({ infra, quick, log }) {
    const drops = quick ? 2 : 5;
    const publishes = quick ? 10 : 40;
    const wechat = await new WechatOaFake({ ...WECHAT, publishDelayMs: 200 }).listen();
    const weibo = await new WeiboFake({ accessToken: WEIBO_TOKEN, safeDomain: DOMAIN }).listen();
    const push = await new AppPushFake(PUSH).listen();
    const smtp = await new SmtpSink().listen();
    const sms = await new AliyunSmsFake(SMS_KEYS).sign('根河政务').template('SMS_CHAOS', '${office}发布了《${title}》，详见政府网站。').listen();
    const fakes = [wechat, weibo, push, smtp, sms];
    const cover = path.join(infra.root, 'drop-cover.png');
    fs.writeFileSync(cover, pngImage(900, 383, [178, 34, 34]));

    wechat.script('freepublish/submit', ...Array.from({ length: drops }, () => ({ kind: 'drop' as const })));
    weibo.script('share', ...Array.from({ length: drops }, () => ({ kind: 'drop' as const })));
    push.script('create', ...Array.from({ length: drops }, () => ({ kind: 'drop' as const })));
    sms.script(...Array.from({ length: drops }, () => ({ kind: 'drop' as const })));
    for (let i = 1; i <= drops; i++) smtp.script(`chaos${i}@example.cn`, { at: 'drop' });

    let d: Deployment | undefined;
    try {
      d = await Deployment.create(infra, {
        label: 'drop',
        env: { POLL_INTERVAL_MS: '1000' },
        channelsYaml: (sinkUrl) => yaml(sinkUrl, { wechat: wechat.url, weibo: weibo.url, push: push.url, smtp: smtp.url, sms: sms.url, cover }),
      });
      d.sink.dropNext('website', drops);
      await seed(d);
      const load = await publishLoad({ clients: d.allClients, items: ITEMS, deliveries: publishes, concurrency: 2, keyPrefix: 'dr', deadlineMs: 120000 });
      const open = await d.settle(STALL_MS, log);
      const disclosures = new Set(load.accepted.values());

      // what each remote published, per disclosure (or per recipient): any count above one is a duplicate
      const dup = (counts: Map<string, number>) => [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
      const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
      const idIn = (text: string) => [...disclosures].find((id) => text.includes(id)) ?? '?';
      const perChannel: Record<string, number> = {
        website: dup(count(d.sink.appliedFor('website').map((r) => String((r.body.disclosure as { id?: string } | undefined)?.id)))),
        'wechat-oa': dup(count([...wechat.publishes.values()].map((p) => idIn(String(wechat.drafts.get(p.mediaId)?.articles[0]?.content_source_url ?? ''))))),
        weibo: dup(count(weibo.posted.map((s) => idIn(s.text)))),
        'app-push': dup(count([...push.messages.values()].map((m) => idIn(m.url)))),
        email: dup(count(smtp.messages.map((m) => `${m.headers['x-gongkai-delivery']}|${m.to}`))),
        sms: dup(count(sms.delivered.map((m) => `${m.number}|${m.text}`))),
      };
      const duplicates = Object.values(perChannel).reduce((a, b) => a + b, 0);

      const { rows } = await d.db.query(
        `SELECT channel, status, count(*)::int AS n FROM deliveries WHERE channel <> 'manual' AND follow_up_of IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      const recipients = await d.db.query(`SELECT status, count(*)::int AS n FROM push_recipients GROUP BY 1 ORDER BY 1`);
      const total = await d.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE follow_up_of IS NULL`);
      const chain = await d.client(0).call('GET', '/api/audit/verify', { timeoutMs: 120000 });
      const crashed = d.crashed();
      const lost = open + load.refused.length + load.abandoned.length;
      const figures: Figures = {
        deliveries: total.rows[0].n,
        lost,
        duplicates,
        serverErrors: d.responses.serverErrors + crashed.length,
        chainValid: chain.status === 200 && chain.body.valid === true,
        notes: [
          `${drops} connections dropped after acceptance at each remote (SMTP: ${drops} recipients; the website sink: ${drops} requests)`,
          `copies beyond the first at the fakes: ${Object.entries(perChannel).map(([c, n]) => `${c} ${n}`).join(', ')}`,
          `end states: ${rows.map((r) => `${r.channel} ${r.status} ${r.n}`).join(', ')}`,
          `push recipients: ${recipients.rows.map((r) => `${r.status} ${r.n}`).join(', ')}`,
          `requests: website ${d.sink.for('website').length} (${d.sink.for('website').filter((r) => r.duplicate).length} deduplicated), app push ${push.requests.filter((r) => r.method === 'POST').length}, weibo ${weibo.requests.length}, SMS ${sms.requests.length}; API answers: ${d.responses.summary()}`,
          ...(open ? [`${open} deliveries still open when the wait ended`] : []),
          ...(crashed.length ? [`processes that died on their own: ${crashed.join(', ')}`] : []),
          ...[...load.refused, ...load.abandoned].slice(0, 3).map((r) => `publish not accepted: ${r}`),
        ],
      };
      // the scenario proves nothing unless every remote really dropped connections
      const shortfall = [
        wechat.count('freepublish/submit') < drops ? 'wechat' : '', weibo.posted.length < drops ? 'weibo' : '',
        sms.requests.filter((r) => r.answered === 'drop').length < drops ? 'sms' : '', d.sink.for('website').filter((r) => r.answered === 0).length < drops ? 'website' : '',
      ].filter(Boolean);
      return shortfall.length ? { ...figures, shortfall: `fewer drops than planned at ${shortfall.join(', ')}` } : figures;
    } finally {
      await d?.close();
      await Promise.all(fakes.map((f) => f.close()));
    }
  },
};

async function seed(d: Deployment): Promise<void> {
  const email = await d.db.query(
    `INSERT INTO subscribers (name, email, email_verified_at, unsubscribe_token)
     SELECT 'chaos' || g, 'chaos' || g || '@example.cn', now(), md5('e' || g) || md5(g::text || 'e') FROM generate_series(1, $1::int) g RETURNING id`,
    [SUBSCRIBERS],
  );
  const phone = await d.db.query(
    `INSERT INTO subscribers (name, phone, phone_verified_at, unsubscribe_token)
     SELECT 'chaos-sms' || g, '+86' || (13700000000 + g)::text, now(), md5('s' || g) || md5(g::text || 's') FROM generate_series(1, $1::int) g RETURNING id`,
    [SUBSCRIBERS],
  );
  const ids = [...email.rows, ...phone.rows].map((r) => Number(r.id));
  await d.db.query(`INSERT INTO subscriptions (subscriber_id, topic) SELECT id, 'catalogue:genhe-zwfw' FROM unnest($1::bigint[]) id`, [ids]);
}

function yaml(sinkUrl: string, u: { wechat: string; weibo: string; push: string; smtp: string; sms: string; cover: string }): string {
  const queue = '{ concurrency: 4, attempts: 4, backoffMs: 200 }';
  const channel = (name: string, type: string, carrier: string, settings: Record<string, unknown>) =>
    `  - name: ${name}\n    type: ${type}\n    label: ${name}\n    carriers: [${carrier}]\n    settings: ${JSON.stringify({ allowPrivateNetwork: true, timeoutMs: 3000, ...settings })}\n    queue: ${queue}\n`;
  return (
    'channels:\n' +
    channel('website', 'webhook', 'website', { url: `${sinkUrl}/sink/website`, secret: SINK_SECRET, idempotent: true }) +
    channel('wechat-oa', 'wechat_oa', 'new_media', { apiBase: u.wechat, ...WECHAT, coverImage: u.cover, contentSourceBaseUrl: ARTICLE }) +
    channel('weibo', 'weibo', 'new_media', { apiBase: u.weibo, accessToken: WEIBO_TOKEN, safeDomain: DOMAIN, articleBaseUrl: ARTICLE, clientIp: '127.0.0.1', statusUrlBase: `${u.weibo}/status` }) +
    channel('app-push', 'app_push', 'new_media', { apiBase: u.push, ...PUSH, articleBaseUrl: ARTICLE }) +
    channel('email', 'email', 'targeted_push', { smtpUrl: u.smtp, from: '政务公开 <gk@example.gov.cn>', publicBaseUrl: 'http://127.0.0.1:3000', ignoreTls: true, poolSize: 2 }) +
    channel('sms', 'sms', 'targeted_push', {
      provider: 'aliyun', endpoint: u.sms, accessKeyId: 'LTAIchaoskey', accessKeySecret: SMS_KEYS.LTAIchaoskey, signName: '根河政务', templateCode: 'SMS_CHAOS',
      templateText: '{office}发布了《{title}》，详见政府网站。',
    })
  );
}
