/**
 * Every API answer the suite got, by status. A 5xx is a server error, except a 503 given while the scenario
 * itself had a server down (then 503 is the correct answer): scenarios open and close those windows.
 */
export class ResponseLog {
    total = 0;
    byStatus = new Map();
    /** 5xx answers outside an outage window, and dropped connections: the API must always answer */
    serverErrors = 0;
    serverErrorSamples = [];
    outageSince = null;
    outageGraceUntil = 0;
    outageStarted() {
        this.outageSince = Date.now();
    }
    /** A few seconds after a server is back, pooled connections that died with it may still fail once. */
    outageEnded(graceMs = 3000) {
        this.outageSince = null;
        this.outageGraceUntil = Date.now() + graceMs;
    }
    get inOutage() {
        return this.outageSince !== null || Date.now() < this.outageGraceUntil;
    }
    record(what, status, detail = '') {
        this.total++;
        this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
        const excused = status === 503 && this.inOutage;
        if ((status >= 500 || status === 0) && !excused) {
            this.serverErrors++;
            if (this.serverErrorSamples.length < 10)
                this.serverErrorSamples.push(`${what} → ${status || 'no answer'} ${detail}`.slice(0, 300));
        }
    }
    summary() {
        return [...this.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s || 'none'}×${n}`).join(' ');
    }
}
/** A signed-in admin talking to one API process over keep-alive connections (Node's fetch). */
export class ApiClient {
    baseUrl;
    log;
    token;
    constructor(baseUrl, log, token) {
        this.baseUrl = baseUrl;
        this.log = log;
        this.token = token;
    }
    static async login(baseUrl, log, password) {
        const c = new ApiClient(baseUrl, log, '');
        for (let i = 0;; i++) {
            const r = await c.call('POST', '/api/auth/login', { body: { username: 'admin', password } });
            if (r.status === 200) {
                c.token = r.body.accessToken;
                return c;
            }
            if (i > 50)
                throw new Error(`login at ${baseUrl}: ${r.status} ${JSON.stringify(r.body)}`);
            await new Promise((res) => setTimeout(res, 200));
        }
    }
    async call(method, path, o = {}) {
        let status = 0;
        let body = null;
        let contentType = '';
        try {
            const res = await fetch(this.baseUrl + path, {
                method,
                headers: {
                    ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
                    ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
                    ...o.headers,
                },
                body: o.body === undefined ? undefined : JSON.stringify(o.body),
                signal: AbortSignal.timeout(o.timeoutMs ?? 30000),
            });
            status = res.status;
            contentType = res.headers.get('content-type') ?? '';
            const text = await res.text();
            try {
                body = JSON.parse(text);
            }
            catch {
                body = text;
            }
        }
        catch (err) {
            body = { error: err.message };
        }
        if (o.record !== false)
            this.log.record(`${method} ${path}`, status, typeof body === 'string' ? body : JSON.stringify(body));
        return { status, body, contentType };
    }
}
/** Catalogue items the load can publish without extra dates or a linked policy document. */
export async function publishableItems(client) {
    const r = await client.call('GET', '/api/catalogues/genhe-zwfw/items', { record: false });
    if (r.status !== 200)
        throw new Error(`catalogue items: ${r.status} ${JSON.stringify(r.body)}`);
    const items = (Array.isArray(r.body) ? r.body : r.body.items);
    const out = items.filter((i) => ['working_days', 'immediate'].includes(i.timeLimit.kind) && i.channels.length > 0).map((i) => ({ id: i.id, deliveries: i.channels.length }));
    if (out.length === 0)
        throw new Error('no publishable catalogue item');
    return out;
}
/**
 * What a busy office does: publishes, each with its own Idempotency-Key. A 503 or a dropped connection is
 * retried with the same key after a pause, as the back office does, so a publish that committed before its
 * answer was lost is not published twice.
 */
export async function publishLoad(o) {
    const result = { accepted: new Map(), deliveries: 0, refused: [], abandoned: [] };
    const deadline = Date.now() + o.deadlineMs;
    let next = 0;
    let planned = 0;
    const worker = async () => {
        while (planned < o.deliveries) {
            const n = next++;
            const item = o.items[n % o.items.length];
            planned += item.deliveries;
            const key = `${o.keyPrefix}-${n}`;
            const client = o.clients[n % o.clients.length];
            const body = {
                catalogueItemId: item.id,
                title: `混沌测试公告 ${o.keyPrefix} 第${n}号`,
                body: `<p>第 ${n} 号测试公告正文。</p>`,
                generatedAt: new Date().toISOString(),
            };
            for (;;) {
                const r = await client.call('POST', '/api/disclosures', { body, headers: { 'idempotency-key': key } });
                if (r.status === 200 || r.status === 201) {
                    result.accepted.set(key, r.body.id);
                    result.deliveries += r.body.deliveries.length;
                    o.onAccepted?.(result);
                    break;
                }
                if (r.status >= 400 && r.status < 500 && r.status !== 429) {
                    result.refused.push(`${key}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
                    break;
                }
                if (Date.now() > deadline) {
                    result.abandoned.push(`${key}: last answer ${r.status}`);
                    break;
                }
                await new Promise((res) => setTimeout(res, 500));
            }
        }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    return result;
}
//# sourceMappingURL=api-client.js.map