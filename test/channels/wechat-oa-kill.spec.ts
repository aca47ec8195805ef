import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pngImage, WechatOaFake } from '../../libs/channels/src/index.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-0123456789abcdef0123456789' };

/**
 * A worker process SIGKILLed while WeChat's submit is in flight: the draft is saved, whether the submit arrived
 * is unknown, so the restarted worker marks the delivery unconfirmed instead of submitting again. A person's
 * retry then publishes the saved draft: one draft, one publish.
 */
describe('wechat_oa: a worker killed mid-publish', () => {
  let s: Stack;
  let admin: string;
  let fake: WechatOaFake;
  const workers: ChildProcess[] = [];
  const startWorker = () => {
    const child = fork(path.resolve('dist/apps/worker/src/main.js'), [], { env: { ...process.env, ...s.env }, stdio: 'pipe' });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    fake = await new WechatOaFake({ ...APP, publishDelayMs: 200, callbackToken: 'cbToken2026' }).listen();
    const cover = path.join(fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'wechat-kill-')), 'cover.png');
    fs.writeFileSync(cover, pngImage(90, 38));
    s = await startStack({
      worker: false,
      channels: () => `channels:
  - name: wechat-oa
    type: wechat_oa
    label: 微信公众号
    carriers: [new_media]
    settings: { apiBase: ${fake.url}, appId: ${APP.appId}, appSecret: ${APP.appSecret}, callbackToken: cbToken2026, coverImage: ${cover}, timeoutMs: 30000, allowPrivateNetwork: true }
    queue: { attempts: 3, backoffMs: 100 }
`,
    });
    admin = await s.token();
    fake.callbackUrl = `${s.url.replace('[::1]', '127.0.0.1')}/api/callbacks/wechat/wechat-oa`;
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await s.close();
    await fake.close();
  });

  it('ends unconfirmed after the restart, and a retry publishes the saved draft exactly once', async () => {
    fake.script('freepublish/submit', { kind: 'hang', ms: 60000 });
    const first = startWorker();
    const r = await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:09-01', { title: '根河市政务服务工作动态' }) });
    const id = r.body.deliveries.find((d: { channel: string }) => d.channel === 'wechat-oa').id;
    const get = async () => (await s.call('GET', `/api/deliveries/${id}`, { token: admin })).body;

    // a forked worker boots slowly on a busy machine
    expect(await eventually(async () => fake.requests.some((q) => q.endpoint === 'freepublish/submit'), 90000)).toBe(true);
    first.kill('SIGKILL');
    await new Promise((res) => first.once('exit', res));
    expect((await get()).status).toBe('in_progress');

    startWorker();
    const after = await eventually(async () => ((await get()).status === 'unconfirmed' ? get() : undefined), 90000);
    expect(after.lastError).toContain('公众号后台核对');
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(0);

    expect((await s.call('POST', `/api/deliveries/${id}/retry`, { token: admin })).status).toBe(202);
    const done = await eventually(async () => ((await get()).status === 'delivered' ? get() : undefined), 90000);
    expect(done.remoteUrl).toBe([...fake.publishes.values()][0].articleUrl);
    expect(fake.draftCount).toBe(1);
    expect(fake.publishCount).toBe(1);
  }, 240000);
});
