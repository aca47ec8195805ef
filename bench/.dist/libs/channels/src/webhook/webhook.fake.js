import http from 'node:http';
import { verify } from './webhook.signature.js';
/**
 * A local receiver that speaks the signed-webhook protocol: it checks the signature, records every request,
 * and answers like a real CMS would — including the failures tests script (5xx, 4xx, hanging past the
 * timeout). `npm start` serves one as the demo sinks so a newcomer sees the fan-out arrive.
 */
export class WebhookFake {
    secret;
    receipts = [];
    server;
    scripts = new Map();
    listeners = new Set();
    constructor(secret) {
        this.secret = secret;
    }
    get url() {
        const addr = this.server?.address();
        if (!addr)
            throw new Error('WebhookFake is not listening');
        return `http://127.0.0.1:${addr.port}`;
    }
    /** The next requests to `sink` get these answers in order, then it answers 200 again. */
    script(sink, ...behaviours) {
        this.scripts.set(sink, [...(this.scripts.get(sink) ?? []), ...behaviours]);
    }
    failNext(sink, times, status = 503) {
        this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'status', status })));
    }
    hangNext(sink, times, ms) {
        this.script(sink, ...Array.from({ length: times }, () => ({ kind: 'hang', ms })));
    }
    for(sink) {
        return this.receipts.filter((r) => r.sink === sink);
    }
    onReceipt(fn) {
        this.listeners.add(fn);
        return () => this.listeners.delete(fn);
    }
    async listen(port = 0, host = '127.0.0.1') {
        this.server = http.createServer((req, res) => void this.handle(req, res));
        this.server.keepAliveTimeout = 30000;
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, host, () => resolve());
        });
        return this;
    }
    async close() {
        if (!this.server)
            return;
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
    async handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://sink');
        const match = /^\/sink\/([a-z0-9_-]+)$/.exec(url.pathname);
        if (req.method === 'GET')
            return this.show(match?.[1], res);
        if (req.method !== 'POST' || !match) {
            res.writeHead(404).end();
            return;
        }
        const sink = match[1];
        const chunks = [];
        for await (const c of req)
            chunks.push(c);
        const raw = Buffer.concat(chunks).toString('utf8');
        let body = {};
        try {
            body = JSON.parse(raw);
        }
        catch {
            res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"body is not JSON"}');
            return;
        }
        const ts = Number(req.headers['x-gongkai-timestamp']);
        const signatureValid = this.secret ? verify(this.secret, ts, raw, req.headers['x-gongkai-signature']) : null;
        const behaviour = this.scripts.get(sink)?.shift();
        const status = signatureValid === false ? 401 : behaviour?.kind === 'status' ? behaviour.status : 200;
        const receipt = {
            sink,
            at: new Date().toISOString(),
            idempotencyKey: req.headers['idempotency-key'],
            signatureValid,
            body,
            answered: behaviour?.kind === 'hang' ? 0 : status,
        };
        this.receipts.push(receipt);
        for (const fn of this.listeners)
            fn(receipt);
        if (behaviour?.kind === 'hang') {
            await new Promise((r) => setTimeout(r, behaviour.ms).unref());
            if (!res.destroyed)
                res.writeHead(504).end();
            return;
        }
        const id = String(body.remoteId ?? `${sink}-${receipt.idempotencyKey ?? this.receipts.length}`);
        const answer = status < 300 ? { id, url: `${this.url}/sink/${sink}#${id}` } : { error: `scripted ${status}` };
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    }
    show(sink, res) {
        const list = sink ? this.for(sink) : this.receipts;
        if (sink) {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(list, null, 2));
            return;
        }
        const rows = list
            .slice(-200)
            .reverse()
            .map((r) => {
            const d = (r.body.disclosure ?? {});
            return `<tr><td>${esc(r.at)}</td><td>${esc(r.sink)}</td><td>${esc(String(r.body.carrier ?? ''))}</td><td>${esc(String(d.title ?? ''))}</td><td>${r.signatureValid === false ? '签名无效' : '签名有效'}</td><td>${r.answered}</td></tr>`;
        })
            .join('');
        res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>演示接收端</title><meta http-equiv="refresh" content="5">` +
            `<body style="font-family:sans-serif"><h1>演示渠道接收端（共 ${list.length} 条）</h1><table border="1" cellpadding="4">` +
            `<tr><th>时间</th><th>渠道</th><th>载体</th><th>标题</th><th>签名</th><th>应答</th></tr>${rows}</table></body></html>`);
    }
}
function esc(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
