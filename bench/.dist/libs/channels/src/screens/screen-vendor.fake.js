import http from 'node:http';
import { verify } from '../webhook/webhook.signature.js';
/**
 * A screen vendor's controller, as the screen_vendor channel meets it: it rejects unsigned or stale requests (401),
 * applies each Idempotency-Key once, keeps the notices its boards show (`showing`), and fails the way tests script
 * it (5xx, 4xx, no answer).
 */
export class ScreenVendorFake {
    secret;
    toleranceSeconds;
    requests = [];
    /** what the boards show now, by notice id */
    showing = new Map();
    seenKeys = new Map();
    scripts = [];
    server;
    constructor(secret, toleranceSeconds = 300) {
        this.secret = secret;
        this.toleranceSeconds = toleranceSeconds;
    }
    get url() {
        const addr = this.server?.address();
        if (!addr)
            throw new Error('ScreenVendorFake is not listening');
        return `http://127.0.0.1:${addr.port}/api/notices`;
    }
    script(...behaviours) {
        this.scripts.push(...behaviours);
    }
    async listen(port = 0) {
        this.server = http.createServer((req, res) => void this.handle(req, res));
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, '127.0.0.1', () => resolve());
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
        const reply = (status, body) => {
            res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        };
        if (req.method === 'GET' && req.url === '/api/notices')
            return reply(200, [...this.showing.values()]);
        if (req.method !== 'POST' || req.url !== '/api/notices')
            return reply(404, { error: 'not found' });
        const chunks = [];
        for await (const c of req)
            chunks.push(c);
        const raw = Buffer.concat(chunks).toString('utf8');
        const ts = Number(req.headers['x-gongkai-timestamp']);
        const fresh = Math.abs(Date.now() / 1000 - ts) <= this.toleranceSeconds;
        const signatureValid = fresh && verify(this.secret, ts, raw, req.headers['x-gongkai-signature']);
        let body = {};
        try {
            body = JSON.parse(raw);
        }
        catch {
            return reply(400, { error: 'body is not JSON' });
        }
        const key = req.headers['idempotency-key'];
        const behaviour = signatureValid ? this.scripts.shift() : undefined;
        const record = { at: new Date().toISOString(), event: String(body.event), idempotencyKey: key, signatureValid, answered: 0, body };
        this.requests.push(record);
        if (!signatureValid)
            return reply((record.answered = 401), { error: 'bad signature' });
        if (behaviour?.kind === 'hang') {
            await new Promise((r) => setTimeout(r, behaviour.ms));
            if (!res.destroyed)
                res.writeHead(504).end();
            return undefined;
        }
        if (behaviour?.kind === 'status')
            return reply((record.answered = behaviour.status), { error: `scripted ${behaviour.status}` });
        const notice = body.notice;
        if (!notice?.id)
            return reply((record.answered = 422), { error: 'notice.id missing' });
        if (key && this.seenKeys.has(key))
            return reply((record.answered = 200), { id: this.seenKeys.get(key), duplicate: true });
        const id = `board-${notice.id}`;
        if (body.event === 'notice.withdraw')
            this.showing.delete(notice.id);
        else if (body.event === 'notice.publish' || body.event === 'notice.update')
            this.showing.set(notice.id, notice);
        else
            return reply((record.answered = 422), { error: `unknown event ${body.event}` });
        if (key)
            this.seenKeys.set(key, id);
        return reply((record.answered = 200), { id });
    }
}
