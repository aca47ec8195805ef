import { fanoutChannels, FANOUT_ITEM, type BenchStack } from '../support/bench-stack.js';
import { cpuMeter, sampleMemory } from '../support/processes.js';
import type { BenchContext } from '../support/result.js';
import { SmtpCountSink } from '../support/smtp-count-sink.js';
import { round, waitFor } from '../support/stats.js';

/** channels.yaml with targeted_push on the email channel (nodemailer to the local SMTP sink), the rest on webhooks. */
function pushChannels(smtpUrl: string): (sinkUrl: string) => string {
  return (sinkUrl) =>
    fanoutChannels(20)(sinkUrl).replace(/  - name: targeted-push[\s\S]*?(?=  - name: |$)/, '') +
    `  - name: email
    type: email
    label: 精准推送（邮件）
    carriers: [targeted_push]
    settings:
      smtpUrl: ${smtpUrl}
      from: 根河市政务公开 <gongkai@example.gov.cn>
      publicBaseUrl: https://gk.example.gov.cn
      ignoreTls: true
      batchSize: 500
      poolSize: 10
      batchConcurrency: 2
      timeoutMs: 30000
    queue: { concurrency: 5, attempts: 5, backoffMs: 2000 }
`;
}

/** Worker processes the benchmark runs (the issue allows a second one for this case). */
const WORKERS = 2;

/**
 * targeted_push_100k: one disclosure to 100,000 verified email subscribers through the email channel (nodemailer,
 * pooled SMTP) to a local SMTP server; seconds from the publish to the last message accepted, and the worker's
 * peak resident memory (the audience must never pass through the process).
 */
export async function targetedPush(s: BenchStack, ctx: BenchContext): Promise<void> {
  const subscribers = Number(ctx.params.subscribers ?? (ctx.quick ? 1000 : 100_000));
  // worker processes (each runs batchConcurrency batches over its own SMTP pool); `--set workers=1` for one
  const workers = Number(ctx.params.workers ?? WORKERS);
  const smtp = await new SmtpCountSink().listen();
  try {
    ctx.log(`targeted_push_100k: ${subscribers} subscribers, restarting the API and ${workers} worker process(es) with an email channel`);
    await s.db.query(
      `INSERT INTO subscribers (name, email, email_verified_at, consent, unsubscribe_token, department_code, source)
       SELECT '订阅者' || i, 'bench-' || i || '@example.cn', now(), '压测数据', 'bench-unsubscribe-' || i, 'genhe-zwfw', 'import'
       FROM generate_series(1, $1::int) AS i`,
      [subscribers],
    );
    await s.db.query(
      `INSERT INTO subscriptions (subscriber_id, topic) SELECT id, 'item:${FANOUT_ITEM}' FROM subscribers WHERE email LIKE 'bench-%@example.cn'`,
    );
    await s.startApps(pushChannels(smtp.url), {}, workers);
    await s.profileMark(null);
    const memory = [s.worker, ...s.extraWorkers].map((w) => sampleMemory(w.pid, 100));
    // CPU per message of each part (the bench process is the SMTP server): steadier than seconds on a shared machine
    // (the bench process on its own, not with its children: the API, workers, postmaster and Redis are those)
    const cpu = cpuMeter({ ...s.pids(), ...Object.fromEntries(s.extraWorkers.map((w) => [w.name, w.pid])) });
    const ownCpu = process.cpuUsage();
    const t0 = performance.timeOrigin + performance.now();
    const r = await s.publish(FANOUT_ITEM, 0);
    if (r.status !== 201) throw new Error(`publish: HTTP ${r.status} ${String(r.body).slice(0, 300)}`);
    const email = r.body.deliveries.find((d: { channel: string }) => d.channel === 'email');
    if (!email) throw new Error('the disclosure has no email delivery: is targeted_push on the email channel?');
    const limit = ctx.quick ? 120000 : 900000;
    await waitFor(`${subscribers} messages at the SMTP sink`, async () => smtp.accepted >= subscribers, limit, 50);
    const seconds = (smtp.lastAcceptedAt - t0) / 1000;
    const settled = await waitFor('the email delivery to settle', async () => {
      const { rows } = await s.db.query(`SELECT status FROM deliveries WHERE id = $1`, [email.id]);
      return ['delivered', 'failed'].includes(rows[0].status) ? rows[0].status : undefined;
    }, 120000, 100);
    const own = process.cpuUsage(ownCpu);
    const used = { ...cpu.stop(), smtp_sink: (own.user + own.system) / 1e6 };
    const mem = memory.map((m) => m.stop());
    const peakMb = Math.max(...mem.map((m) => m.peakMb));
    await s.profileMark('targeted_push_100k');
    const { rows: [counts] } = await s.db.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total FROM push_recipients WHERE delivery_id = $1`,
      [email.id],
    );
    ctx.emit({
      name: 'targeted_push_100k',
      value: round(seconds, 2),
      unit: 's to the last message accepted',
      subscribers,
      accepted: smtp.accepted,
      distinct_recipients: smtp.distinct,
      duplicates: smtp.duplicates,
      messages_per_s: round(subscribers / seconds, 0),
      // the audience snapshot and the batch jobs come before the first message; the rest is the sending rate
      first_accepted_s: round((smtp.firstAcceptedAt - t0) / 1000, 2),
      sending_messages_per_s: round(subscribers / ((smtp.lastAcceptedAt - smtp.firstAcceptedAt) / 1000), 0),
      delivery_status: settled,
      recorded_sent: counts.sent,
      workers,
      cpu_ms_per_message: Object.fromEntries(Object.entries(used).map(([k, v]) => [k, round((v * 1000) / subscribers, 3)])),
      cpu_ms_per_message_total: round((Object.values(used).reduce((a, v) => a + v, 0) * 1000) / subscribers, 3),
      // the largest worker's peak (VmHWM); each worker's, and their sum, beside it
      peak_rss_mb: peakMb,
      peak_rss_mb_per_worker: mem.map((m) => m.peakMb),
      peak_rss_mb_all_workers: mem.reduce((a, m) => a + m.peakMb, 0),
      max_sampled_rss_mb: Math.max(...mem.map((m) => m.maxRssMb)),
      target: '<= 30 s, peak RSS <= 512 MB per worker process (full run)',
      met: seconds <= 30 && peakMb <= 512,
    });
  } finally {
    await smtp.close();
    // the benchmarks after this one use the plain webhook fan-out again
    if (ctx.more) await s.startApps(fanoutChannels(ctx.quick ? 20 : 50));
  }
}
