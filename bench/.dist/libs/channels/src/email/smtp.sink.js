import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
/**
 * A local SMTP server that parses and keeps every message it accepts (smtp-server + mailparser): the protocol
 * fake for the email channel in tests, and the mailbox `npm start` shows at its HTTP page. Failures are
 * scripted per recipient address: a 4xx/5xx reply at RCPT TO or at the end of DATA, or a hang mid-transaction.
 */
export class SmtpSink {
    opts;
    messages = [];
    server;
    view;
    scripts = new Map();
    hanging = new Set();
    /** `keep: false` only counts, for sends too large to keep in memory */
    constructor(opts = {}) {
        this.opts = opts;
    }
    get port() {
        const addr = this.server?.server.address();
        if (!addr)
            throw new Error('SmtpSink is not listening');
        return addr.port;
    }
    get url() {
        return `smtp://127.0.0.1:${this.port}`;
    }
    get viewUrl() {
        const addr = this.view?.address();
        if (!addr)
            throw new Error('SmtpSink view is not listening');
        return `http://127.0.0.1:${addr.port}`;
    }
    /** The next transactions for `address` get these answers in order, then it accepts again. */
    script(address, ...behaviours) {
        const key = address.toLowerCase();
        this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...behaviours]);
    }
    to(address) {
        return this.messages.filter((m) => m.to === address.toLowerCase());
    }
    async listen(port = 0, host = '127.0.0.1') {
        this.server = new SMTPServer({
            authOptional: true,
            disabledCommands: ['STARTTLS'],
            logger: false,
            size: 10 * 1024 * 1024,
            maxClients: 200,
            onAuth: (_auth, _session, cb) => cb(null, { user: 'sink' }),
            onRcptTo: (address, _session, cb) => {
                const next = this.peek(address.address);
                if (next?.at === 'rcpt') {
                    this.shift(address.address);
                    return cb(replyError(next.code, next.code >= 500 ? 'mailbox unavailable' : 'try again later'));
                }
                cb();
            },
            onData: (stream, session, cb) => void this.receive(stream, session, cb),
        });
        this.server.on('error', () => undefined);
        await new Promise((resolve, reject) => {
            this.server.server.once('error', reject);
            this.server.listen(port, host, () => resolve());
        });
        return this;
    }
    /** An HTML page of the last messages, for local mode. */
    async listenView(port = 0, host = '127.0.0.1') {
        this.view = http.createServer((req, res) => this.show(req, res));
        await new Promise((resolve, reject) => {
            this.view.once('error', reject);
            this.view.listen(port, host, () => resolve());
        });
        return this.viewUrl;
    }
    async close() {
        for (const t of this.hanging)
            clearTimeout(t);
        if (this.view) {
            this.view.closeAllConnections();
            await new Promise((r) => this.view.close(() => r()));
        }
        if (this.server)
            await new Promise((r) => this.server.close(() => r()));
    }
    peek(address) {
        return this.scripts.get(address.toLowerCase())?.[0];
    }
    shift(address) {
        this.scripts.get(address.toLowerCase())?.shift();
    }
    async receive(stream, session, cb) {
        const rcpts = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const next = rcpts.length === 1 ? this.peek(rcpts[0]) : undefined;
        let parsed;
        try {
            parsed = await simpleParser(stream);
        }
        catch (err) {
            return cb(replyError(554, `unparseable message: ${err.message}`));
        }
        if (next?.at === 'hang') {
            // the message arrived, but the client never hears so: the case a sender must treat as "unknown"
            this.shift(rcpts[0]);
            this.store(session, rcpts, parsed);
            const t = setTimeout(() => {
                this.hanging.delete(t);
                cb(replyError(421, 'timed out'));
            }, next.ms);
            this.hanging.add(t);
            return;
        }
        if (next?.at === 'data') {
            this.shift(rcpts[0]);
            return cb(replyError(next.code, next.code >= 500 ? 'message refused' : 'temporary failure'));
        }
        this.store(session, rcpts, parsed);
        cb(null, `queued as ${this.messages.length}`);
    }
    store(session, rcpts, parsed) {
        const headers = {};
        for (const line of parsed.headerLines)
            headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
        for (const to of rcpts) {
            const mail = {
                at: new Date().toISOString(),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to,
                subject: parsed.subject ?? '',
                messageId: parsed.messageId ?? '',
                text: this.opts.keep === false ? '' : parsed.text ?? '',
                html: this.opts.keep === false ? '' : typeof parsed.html === 'string' ? parsed.html : '',
                headers,
            };
            this.messages.push(mail);
            const max = this.opts.maxKept ?? Infinity;
            if (this.messages.length > max)
                this.messages.splice(0, this.messages.length - max);
        }
    }
    show(req, res) {
        const m = /^\/messages\/(\d+)$/.exec(req.url ?? '');
        if (m) {
            const mail = this.messages[Number(m[1])];
            if (!mail)
                return void res.writeHead(404).end();
            // the mail's own HTML, shown in a sandbox: no script of a received message runs in the viewer
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'" });
            return void res.end(mail.html || `<pre>${esc(mail.text)}</pre>`);
        }
        const rows = this.messages
            .map((mail, i) => ({ mail, i }))
            .slice(-200)
            .reverse()
            .map(({ mail, i }) => `<tr><td>${esc(mail.at)}</td><td>${esc(mail.to)}</td><td><a href="/messages/${i}">${esc(mail.subject)}</a></td><td>${esc(mail.headers['list-unsubscribe'] ?? '')}</td></tr>`)
            .join('');
        res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>本地邮件接收端</title><meta http-equiv="refresh" content="5">` +
            `<body style="font-family:sans-serif"><h1>本地邮件接收端（共 ${this.messages.length} 封）</h1><table border="1" cellpadding="4">` +
            `<tr><th>时间</th><th>收件人</th><th>主题</th><th>List-Unsubscribe</th></tr>${rows}</table></body></html>`);
    }
}
function replyError(code, message) {
    return Object.assign(new Error(message), { responseCode: code });
}
function esc(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
