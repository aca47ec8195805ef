import http from 'node:http';
import { smsParts } from './sms.text.js';
/**
 * What both SMS gateway fakes share: an HTTP server, scripted answers for the next requests, the messages
 * "delivered" (one per number, so a duplicate send is visible), and a page that shows them in local mode.
 */
export class SmsFakeBase {
    requests = [];
    delivered = [];
    server;
    scripts = [];
    templates = new Map();
    signs = new Set();
    timers = new Set();
    seq = 0;
    get url() {
        const addr = this.server?.address();
        if (!addr)
            throw new Error(`${this.constructor.name} is not listening`);
        return `http://127.0.0.1:${addr.port}/`;
    }
    /** The next requests get these answers in order; then the fake answers normally again. */
    script(...behaviours) {
        this.scripts.push(...behaviours);
    }
    /** An approved template; the text uses the provider's own placeholders (${name} or {1}). */
    template(code, text) {
        this.templates.set(code, text);
        return this;
    }
    sign(name) {
        this.signs.add(name);
        return this;
    }
    to(number) {
        return this.delivered.filter((m) => m.number === number);
    }
    async listen(port = 0, host = '127.0.0.1') {
        this.server = http.createServer((req, res) => {
            void this.route(req, res).catch(() => {
                if (!res.headersSent)
                    res.writeHead(500).end();
            });
        });
        this.server.keepAliveTimeout = 30000;
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, host, () => resolve());
        });
        return this;
    }
    async close() {
        for (const t of this.timers)
            clearTimeout(t);
        if (!this.server)
            return;
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(() => resolve()));
    }
    requestId() {
        this.seq += 1;
        return `FAKE-${Date.now().toString(36).toUpperCase()}-${this.seq}`;
    }
    deliver(numbers, text, requestId) {
        const at = new Date().toISOString();
        const parts = smsParts(Array.from(text).length);
        for (const number of numbers)
            this.delivered.push({ at, number, text, parts, requestId });
    }
    /** Holds the answer past the client's timeout; the SMS already went out. */
    hang(res, ms) {
        return new Promise((resolve) => {
            const t = setTimeout(() => {
                this.timers.delete(t);
                if (!res.destroyed)
                    res.writeHead(504).end();
                resolve();
            }, ms);
            this.timers.add(t);
        });
    }
    json(res, status, body) {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    }
    async route(req, res) {
        if (req.method === 'GET')
            return this.show(res);
        const chunks = [];
        for await (const c of req)
            chunks.push(c);
        await this.handle(req, res, Buffer.concat(chunks).toString('utf8'));
    }
    show(res) {
        const rows = this.delivered
            .slice(-300)
            .reverse()
            .map((m) => `<tr><td>${esc(m.at)}</td><td>${esc(m.number)}</td><td>${esc(m.text)}</td><td>${m.parts}</td></tr>`)
            .join('');
        const reqs = this.requests
            .slice(-50)
            .reverse()
            .map((r) => `<tr><td>${esc(r.at)}</td><td>${r.numbers.length}</td><td>${r.signatureValid ? '签名有效' : '签名无效'}</td><td>${esc(r.answered)}</td></tr>`)
            .join('');
        res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${esc(this.title)}</title><meta http-equiv="refresh" content="5">` +
            `<body style="font-family:sans-serif"><h1>${esc(this.title)}（已发送 ${this.delivered.length} 条）</h1>` +
            `<h2>最近的请求</h2><table border="1" cellpadding="4"><tr><th>时间</th><th>号码数</th><th>签名</th><th>应答</th></tr>${reqs}</table>` +
            `<h2>短信</h2><table border="1" cellpadding="4"><tr><th>时间</th><th>号码</th><th>内容</th><th>计费条数</th></tr>${rows}</table></body></html>`);
    }
}
export function esc(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
