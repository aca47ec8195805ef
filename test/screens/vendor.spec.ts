import { ScreenVendorFake } from '../../libs/channels/src/index.js';
import { eventually, publishBody, SINK_SECRET, startStack, type Stack } from '../support/stack.js';
import { deliveriesOf } from './screens-support.js';

const VENDOR_SECRET = 'vendor-secret-0123456789';

/** Screens that cannot pull: the screen_vendor channel POSTs each notice to the vendor's controller, signed. */
describe('screen vendor push', () => {
  let s: Stack;
  let admin: string;
  let vendor: ScreenVendorFake;

  beforeAll(async () => {
    vendor = await new ScreenVendorFake(VENDOR_SECRET).listen();
    s = await startStack({
      channels: (sinkUrl) => `channels:
  - name: website
    type: webhook
    label: 政府网站
    carriers: [website]
    settings: { url: ${sinkUrl}/sink/website, secret: ${SINK_SECRET}, timeoutMs: 2000, idempotent: true, allowPrivateNetwork: true }
    queue: { attempts: 3, backoffMs: 50 }
  - name: led
    type: screen_vendor
    label: LED 屏
    carriers: [bulletin_board, reading_point, service_centre]
    settings: { url: ${vendor.url}, secret: ${VENDOR_SECRET}, timeoutMs: 1000, allowPrivateNetwork: true, durationSeconds: 12, qrBaseUrl: https://www.genhe.gov.cn/xxgk }
    queue: { attempts: 3, backoffMs: 50 }
`,
    });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await vendor.close();
  });

  const led = (id: string) => deliveriesOf(s, admin, id).then((l) => l.filter((d) => d.channel === 'led'));

  it('posts the rendered notice, then its update and its withdrawal, each signed and keyed once', async () => {
    const d = (await s.call('POST', '/api/disclosures', {
      token: admin,
      body: publishBody('genhe-zwfw:04-01', { title: 'LED 公告', body: '<p>正文<script>alert(1)</script></p>', metadata: { indexNo: 'ABC/2026-00001' } }),
    })).body;
    const [x] = (await eventually(async () => {
      const l = await led(d.id);
      return l.length && l.every((y) => y.status === 'delivered') ? l : undefined;
    }))!;
    expect(x.remoteId).toBe(`board-${d.id}`);
    const req = vendor.requests.find((r) => r.body.deliveryId === x.id)!;
    expect(req).toEqual(expect.objectContaining({ event: 'notice.publish', idempotencyKey: x.id, signatureValid: true, answered: 200 }));
    expect(req.body.notice).toEqual(expect.objectContaining({
      id: d.id, revision: 1, title: 'LED 公告', indexNo: 'ABC/2026-00001', durationSeconds: 12, url: `https://www.genhe.gov.cn/xxgk/${d.id}`,
    }));
    expect(req.body.notice.html).toBe('<p>正文</p>');
    expect(req.body.notice.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(vendor.showing.get(d.id)?.title).toBe('LED 公告');

    await s.call('PATCH', `/api/disclosures/${d.id}`, { token: admin, body: { title: 'LED 公告（更正）' } });
    await eventually(async () => vendor.showing.get(d.id)?.revision === 2);
    const upd = vendor.requests.find((r) => r.event === 'notice.update')!;
    expect(upd.idempotencyKey).toBe(`${x.id}:r2`);
    expect(upd.body.notice.startsAt).toBe(req.body.notice.startsAt);
    expect(upd.body.notice.endsAt).toBe(req.body.notice.endsAt);

    await s.call('POST', `/api/disclosures/${d.id}/withdraw`, { token: admin, body: { reason: '测试撤回' } });
    expect(await eventually(async () => (await led(d.id)).every((y) => y.status === 'withdrawn'))).toBe(true);
    expect(vendor.showing.has(d.id)).toBe(false);
    const w = vendor.requests.find((r) => r.event === 'notice.withdraw')!;
    expect(w.idempotencyKey).toBe(`${x.id}:withdraw`);
    expect(vendor.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('retries a controller that is down and gives up on one that refuses the notice', async () => {
    vendor.script({ kind: 'status', status: 503 });
    const ok = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '重试公告' }) })).body;
    const [x] = (await eventually(async () => {
      const l = await led(ok.id);
      return l.length && l.every((y) => y.status === 'delivered') ? l : undefined;
    }))!;
    expect(x.attempts).toBe(2);
    expect(vendor.requests.filter((r) => r.body.deliveryId === x.id).map((r) => r.answered)).toEqual([503, 200]);

    vendor.script({ kind: 'status', status: 422 });
    const bad = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '被拒公告' }) })).body;
    const [y] = (await eventually(async () => {
      const l = await led(bad.id);
      return l.length && l.every((z) => z.status === 'failed') ? l : undefined;
    }))!;
    expect(y.attempts).toBe(1);
    expect(y.lastError).toMatch(/HTTP 422/);
  });
});
