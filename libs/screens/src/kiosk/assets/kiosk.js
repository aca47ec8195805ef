// The kiosk page of one screen: shows the screen's current notices in turn, follows live events, keeps the last
// feed in localStorage so it goes on showing notices while the network is down, and acknowledges each content version
// it shows. Text goes in through textContent; the body's HTML (sanitized by the server) is filtered again here and
// inserted only as inert nodes, and the page's Content-Security-Policy forbids any script but this file.
'use strict';
(() => {
  const screenId = document.body.dataset.screen;
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const CACHE = 'gkd-kiosk-v1';
  const POLL_MS = 30000;
  const key = (k) => `gkd.screen.${screenId}.${k}`;
  const load = (k) => {
    try {
      const v = localStorage.getItem(key(k));
      return v ? JSON.parse(v) : null;
    } catch {
      return null;
    }
  };
  const save = (k, v) => {
    try {
      if (v === null) localStorage.removeItem(key(k));
      else localStorage.setItem(key(k), JSON.stringify(v));
    } catch {
      /* storage full or disabled: the page still works while it stays open */
    }
  };

  let token = params.get('token') || load('token');
  if (params.get('token')) save('token', params.get('token'));
  let feed = load('feed'); // { etag, version, items, screen }
  let acked = null;
  let order = [];
  let index = 0;
  let currentId = null;
  let rotateTimer = null;
  let events = null;
  let inFlight = null;
  let again = false;

  // ---- state shown to people ----
  function setOffline(off) {
    $('offline').hidden = !off;
    document.body.dataset.offline = off ? '1' : '0';
  }
  function showMessage(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }
  const dateText = (iso) =>
    new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
  function tick() {
    $('clock').textContent = new Date().toLocaleString('zh-CN', {
      timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
    });
  }

  // ---- the body: sanitized HTML, filtered again, never able to run anything ----
  const ALLOWED = new Set(['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'H1', 'H2', 'H3', 'H4', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'TABLE', 'THEAD',
    'TBODY', 'TR', 'TH', 'TD', 'SPAN', 'DIV', 'HR', 'SUP', 'SUB', 'IMG']);
  const DROP = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH', 'LINK', 'META', 'BASE',
    'FORM', 'INPUT', 'BUTTON', 'TEXTAREA', 'SELECT', 'AUDIO', 'VIDEO', 'SOURCE']);
  function filter(node) {
    for (const el of [...node.children]) {
      const tag = el.tagName.toUpperCase();
      if (DROP.has(tag)) {
        el.remove();
        continue;
      }
      filter(el);
      if (!ALLOWED.has(tag)) {
        el.replaceWith(...el.childNodes);
        continue;
      }
      for (const a of [...el.attributes]) {
        const n = a.name.toLowerCase();
        const keep = n === 'colspan' || n === 'rowspan' ||
          (tag === 'IMG' && (n === 'alt' || (n === 'src' && /^(https?:|data:image\/(png|jpeg|gif|webp);)/i.test(a.value))));
        if (!keep) el.removeAttribute(a.name);
      }
      // a picture the screen cannot show would only leave a gap
      if (tag === 'IMG' && !el.hasAttribute('src')) el.remove();
    }
  }
  function bodyNodes(item) {
    if (typeof item.html === 'string' && item.html) {
      const t = document.createElement('template'); // parsed inert: no script runs, no image loads
      t.innerHTML = item.html;
      filter(t.content);
      return [...t.content.childNodes];
    }
    return (item.text || '').split(/\n{2,}/).map((para) => {
      const p = document.createElement('p');
      p.textContent = para;
      return p;
    });
  }

  // ---- rotation ----
  function current() {
    const now = Date.now();
    return ((feed && feed.items) || [])
      .filter((i) => Date.parse(i.startsAt) <= now && Date.parse(i.endsAt) > now)
      .sort((a, b) => b.priority - a.priority || Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  }

  function show(item) {
    currentId = item ? item.id : null;
    $('notice').hidden = !item;
    $('empty').hidden = !!item;
    $('pager').textContent = item && order.length > 1 ? `${index + 1} / ${order.length}` : '';
    document.body.dataset.showing = item ? item.id : '';
    if (!item) return;
    $('title').textContent = item.title;
    // each field kept on one line, so a date never breaks in two
    $('meta').replaceChildren(...[
      item.indexNo ? `索引号：${item.indexNo}` : '',
      item.publisher ? `发布机构：${item.publisher}` : '',
      `发布日期：${dateText(item.publishedAt)}`,
    ].filter(Boolean).map((t) => {
      const span = document.createElement('span');
      span.textContent = t;
      return span;
    }));
    const body = $('body');
    body.style.transition = 'none';
    body.style.transform = 'translateY(0)';
    body.replaceChildren(...bodyNodes(item));
    const qr = typeof item.qr === 'string' && item.qr.startsWith('data:image/svg+xml;base64,') ? item.qr : null;
    $('qr').hidden = !qr;
    if (qr) $('qr-img').src = qr;
    // a text longer than the screen scrolls through once within the notice's time
    requestAnimationFrame(() => {
      const over = body.scrollHeight - $('body-frame').clientHeight;
      if (over > 0) {
        const secs = Math.max(3, (item.durationSeconds || 20) - 4);
        body.style.transition = `transform ${secs}s linear 2s`;
        body.style.transform = `translateY(-${over}px)`;
      }
    });
  }

  function rotate() {
    clearTimeout(rotateTimer);
    order = current();
    if (order.length === 0) {
      show(null);
      rotateTimer = setTimeout(rotate, 5000);
      return;
    }
    index = index % order.length;
    const item = order[index];
    show(item);
    index = (index + 1) % order.length;
    rotateTimer = setTimeout(rotate, Math.max(3, item.durationSeconds || 20) * 1000);
  }

  /** New content: stay on the notice being shown if it is still there (it may have changed), else start over. */
  function render() {
    $('place').textContent = feed && feed.screen ? [feed.screen.name, feed.screen.location].filter(Boolean).join(' · ') : '';
    document.body.dataset.version = feed ? String(feed.version) : '';
    const list = current();
    const pos = list.findIndex((i) => i.id === currentId);
    index = pos >= 0 ? pos : 0;
    rotate();
  }

  // ---- the server ----
  function api(path, opts = {}) {
    const headers = Object.assign({ authorization: `Bearer ${token}` }, opts.headers || {});
    return fetch(path, Object.assign({}, opts, { headers, cache: 'no-store' }));
  }

  async function refresh() {
    if (!token) return;
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = fetchFeed().finally(() => {
      inFlight = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return inFlight;
  }

  async function fetchFeed() {
    let res;
    try {
      res = await api(`/api/screens/${screenId}/feed`, { headers: feed && feed.etag ? { 'if-none-match': feed.etag } : {} });
    } catch {
      setOffline(true);
      return;
    }
    setOffline(false);
    if (res.status === 304 && feed) {
      void acknowledge(feed.version);
      return;
    }
    if (res.status === 401 || res.status === 403) {
      showMessage('本屏令牌无效或已吊销，请联系管理员重新配对');
      feed = null;
      save('feed', null);
      render();
      stopEvents();
      return;
    }
    if (!res.ok) return;
    const body = await res.json();
    feed = { etag: res.headers.get('etag'), version: body.version, items: body.items, screen: body.screen };
    save('feed', feed);
    showMessage('');
    render();
    void acknowledge(body.version);
  }

  async function acknowledge(version) {
    if (version == null || version === acked) return;
    try {
      const res = await api(`/api/screens/${screenId}/ack`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }),
      });
      if (res.ok) acked = version;
    } catch {
      /* offline: acknowledged after the next successful fetch */
    }
  }

  function stopEvents() {
    if (events) events.close();
    events = null;
  }

  function startEvents() {
    if (!token || !window.EventSource) return;
    stopEvents();
    const es = (events = new EventSource(`/api/screens/${screenId}/events?token=${encodeURIComponent(token)}`));
    for (const kind of ['notice', 'withdrawn', 'expired', 'reset']) es.addEventListener(kind, () => void refresh());
    es.addEventListener('ready', () => {
      setOffline(false);
      void refresh();
    });
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) {
        // refused (token rotated or revoked): try again later rather than hammering the server
        stopEvents();
        setTimeout(startEvents, 15000);
      }
      void refresh();
    };
  }

  async function pair(code) {
    try {
      const res = await fetch(`/api/screens/${screenId}/pair`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }), cache: 'no-store',
      });
      if (!res.ok) {
        showMessage('配对码无效、已使用或已过期，请向管理员索取新的配对码');
        return;
      }
      token = (await res.json()).token;
      save('token', token);
      history.replaceState(null, '', location.pathname); // the code is spent; keep it out of the address
    } catch {
      showMessage('无法连接服务器，稍后将重试配对');
      setTimeout(() => void pair(code).then(start), 15000);
    }
  }

  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker
      .register('/screens/sw.js', { scope: '/screens/' })
      .then(() => navigator.serviceWorker.ready)
      .then(() => caches.open(CACHE))
      .then((c) => c.add(location.pathname))
      .then(() => (document.body.dataset.offlineReady = '1'))
      .catch(() => undefined);
  }

  function start() {
    if (!token) {
      showMessage('本屏尚未配对：请在地址中加入令牌（?token=…）或配对码（?code=…）');
      return;
    }
    void refresh();
    startEvents();
  }

  // cached notices first: a display that starts during an outage shows what it had
  render();
  tick();
  setInterval(tick, 1000);
  setInterval(() => void refresh(), POLL_MS);
  window.addEventListener('offline', () => setOffline(true));
  window.addEventListener('online', () => void refresh());
  registerServiceWorker();
  const code = params.get('code');
  if (!params.get('token') && code) void pair(code).then(start);
  else start();
})();
