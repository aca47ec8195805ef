import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';
import { deliveriesOf, quiet, registerScreen, screensChannels, SCREENS_ENV, type Registered } from './screens-support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Functions passed to the page run there: they reach its globals through `globalThis as any` because this project
// compiles without the DOM library.

/** Debian's Chromium, a fresh profile, nothing that calls out. A missing browser fails the run: nothing is skipped. */
async function launch(): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (scripts/setup.sh does)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gkd-kiosk-profile-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=zh-CN'],
    viewport: { width: 1600, height: 900 },
    serviceWorkers: 'allow',
  });
}

/** The kiosk page in a real browser: shows a published notice within seconds, acknowledges it, survives going offline. */
describe('kiosk page in headless Chromium', () => {
  let s: Stack;
  let admin: string;
  let screen: Registered;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let serverStopped = false;

  beforeAll(async () => {
    s = await startStack({ channels: screensChannels({ durationSeconds: 30 }), env: SCREENS_ENV });
    admin = await s.token();
    screen = await registerScreen(s, admin, 'community', '和平社区公示屏', '和平社区居委会');
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await context?.close();
    if (serverStopped) {
      await s.worker?.close();
      await s.db.end();
      await s.sink.close();
    } else await s?.close();
  });

  const base = () => s.url.replace('[::1]', '127.0.0.1');
  const showing = () => page.evaluate(() => (globalThis as any).document.body.dataset.showing ?? '');
  const text = (sel: string) => page.locator(sel).innerText();

  it('shows a published notice within seconds and the delivery records the acknowledgement', async () => {
    const res = await page.goto(`${base()}/screens/${screen.id}?token=${encodeURIComponent(screen.token)}`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('#empty').waitFor({ state: 'visible' });
    expect(await text('#empty')).toBe('暂无公告');
    expect(await text('#place')).toBe('和平社区公示屏 · 和平社区居委会');
    // connected and seen: the delivery will wait for this screen
    await eventually(async () => (await s.call('GET', '/api/screens', { token: admin })).body.items[0].health === 'online');

    const body = '<p>因管网检修，本社区将于11月25日停水。</p><script>window.__pwned = 1; alert("x")</script><p><img src="x" onerror="window.__pwned = 2">请提前储水。</p>';
    const t0 = Date.now();
    const d = (await s.call('POST', '/api/disclosures', {
      token: admin, body: publishBody('genhe-zwfw:04-01', { title: '停水通知<script>alert(1)</script>', body, metadata: { indexNo: '11150785MB0000000X/2026-00007' } }),
    })).body;
    await page.waitForFunction((id) => (globalThis as any).document.body.dataset.showing === id, d.id, { timeout: 10_000 });
    const latency = Date.now() - t0;
    expect(latency).toBeLessThan(5_000);
    expect(await text('#title')).toBe('停水通知');
    expect(await text('#meta')).toContain('索引号：11150785MB0000000X/2026-00007');
    expect(await text('#body')).toContain('因管网检修');
    expect(await text('#body')).toContain('请提前储水。');
    expect(await page.locator('#body script, #body [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(await page.locator('#qr-img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.locator('#qr').isVisible()).toBe(true);
    expect(await page.locator('#offline').isVisible()).toBe(false);

    const x = await eventually(async () => {
      const y = (await deliveriesOf(s, admin, d.id)).find((z) => z.channel === 'screens');
      return y.status === 'delivered' ? y : undefined;
    }, 10_000);
    expect(x.state.screens).toEqual(expect.objectContaining({ settled: 'acknowledged', acknowledgedCount: 1, total: 1 }));
    expect(x.state.screens.acknowledged[0]).toEqual(expect.objectContaining({ id: screen.id, name: '和平社区公示屏' }));
    expect(problems).toEqual([]);
  });

  it('lays the notice out for landscape and portrait displays', async () => {
    const box = async (sel: string) => (await page.locator(sel).boundingBox())!;
    let frame = await box('#body-frame');
    let qr = await box('#qr');
    expect(qr.x).toBeGreaterThanOrEqual(frame.x + frame.width); // landscape: QR beside the text
    const landscapeTitle = await page.locator('#title').evaluate((el) => parseFloat((globalThis as any).getComputedStyle(el).fontSize));
    expect(landscapeTitle).toBeGreaterThanOrEqual(48); // readable from a distance
    await page.setViewportSize({ width: 900, height: 1600 });
    frame = await box('#body-frame');
    qr = await box('#qr');
    expect(qr.y).toBeGreaterThanOrEqual(frame.y + frame.height); // portrait: QR under the text
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it('keeps showing its notices offline, says so discreetly, and drops a withdrawn one when back', async () => {
    const id = await showing();
    await page.waitForFunction(() => (globalThis as any).document.body.dataset.offlineReady === '1', undefined, { timeout: 10_000 });
    await context.setOffline(true);
    await page.locator('#offline').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await text('#offline')).toBe('离线');
    expect(await showing()).toBe(id);
    expect(await page.locator('#title').isVisible()).toBe(true);

    await context.setOffline(false);
    await page.locator('#offline').waitFor({ state: 'hidden', timeout: 10_000 });
    await quiet(s, id);
    const t0 = Date.now();
    await s.call('POST', `/api/disclosures/${id}/withdraw`, { token: admin, body: { reason: '已恢复供水' } });
    await page.waitForFunction((gone) => (globalThis as any).document.body.dataset.showing !== gone, id, { timeout: 5_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    await page.locator('#empty').waitFor({ state: 'visible' });
  });

  it('pairs a new display with a one-time code', async () => {
    const second = await registerScreen(s, admin, 'community', '二号屏');
    const code = (await s.call('POST', `/api/screens/${second.id}/pairing-code`, { token: admin })).body.code;
    const p2 = await context.newPage();
    try {
      await p2.goto(`${base()}/screens/${second.id}?code=${code}`);
      await p2.waitForFunction(() => (globalThis as any).document.body.dataset.version !== '', undefined, { timeout: 10_000 });
      expect(new URL(p2.url()).search).toBe(''); // the spent code is gone from the address
      // the old token no longer works: pairing issued a new one, kept by the page
      expect((await s.call('GET', `/api/screens/${second.id}/feed`, { headers: { authorization: `Bearer ${second.token}` } })).status).toBe(401);
      const stored = await p2.evaluate((id) => (globalThis as any).localStorage.getItem(`gkd.screen.${id}.token`), second.id);
      expect(stored).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    } finally {
      await p2.close();
    }
  });

  it('reopens with its cached notices while the server is down', async () => {
    const d = (await s.call('POST', '/api/disclosures', { token: admin, body: publishBody('genhe-zwfw:04-01', { title: '供暖开始通知' }) })).body;
    await page.waitForFunction((id) => (globalThis as any).document.body.dataset.showing === id, d.id, { timeout: 10_000 });

    // the server goes away entirely; the display restarts its page
    const server = s.api.getHttpServer();
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    serverStopped = true;
    await s.api.close().catch(() => undefined);
    await page.reload();
    await page.waitForFunction((id) => (globalThis as any).document.body.dataset.showing === id, d.id, { timeout: 10_000 });
    expect(await text('#title')).toBe('供暖开始通知');
    await page.locator('#offline').waitFor({ state: 'visible', timeout: 10_000 });
    expect(problems).toEqual([]);
  });
});
