import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  at: string;
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * What the sink answers for one recipient: a reply at RCPT TO or after DATA, silence until the client gives up,
 * or `drop`: the message is taken and the connection cut before the 250 reply (a server or link dying mid-reply).
 */
type Behaviour = { at: 'rcpt' | 'data'; code: number } | { at: 'hang'; ms: number } | { at: 'drop' };

/**
 * A local SMTP server that parses and keeps every message it accepts (smtp-server + mailparser): the protocol
 * fake for the email channel in tests, and the mailbox `npm start` shows at its HTTP page. Failures are
 * scripted per recipient address: a 4xx/5xx reply at RCPT TO or at the end of DATA, a hang mid-transaction, or a
 * connection dropped after the message was accepted.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  private view?: http.Server;
  private readonly scripts = new Map<string, Behaviour[]>();
  private readonly hanging = new Set<NodeJS.Timeout>();
  /** open client sockets by client port (all clients are local), so a scripted drop can cut the very connection of a transaction */
  private readonly sockets = new Map<string, Socket>();

  /** `keep: false` only counts, for sends too large to keep in memory */
  constructor(private readonly opts: { keep?: boolean; maxKept?: number } = {}) {}

  get port(): number {
    const addr = this.server?.server.address() as AddressInfo | null;
    if (!addr) throw new Error('SmtpSink is not listening');
    return addr.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get viewUrl(): string {
    const addr = this.view?.address() as AddressInfo | null;
    if (!addr) throw new Error('SmtpSink view is not listening');
    return `http://127.0.0.1:${addr.port}`;
  }

  /** The next transactions for `address` get these answers in order, then it accepts again. */
  script(address: string, ...behaviours: Behaviour[]): void {
    const key = address.toLowerCase();
    this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...behaviours]);
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to === address.toLowerCase());
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<this> {
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
    this.server.server.on('connection', (socket: Socket) => {
      const key = String(socket.remotePort);
      this.sockets.set(key, socket);
      socket.once('close', () => this.sockets.delete(key));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this;
  }

  /** An HTML page of the last messages, for local mode. */
  async listenView(port = 0, host = '127.0.0.1'): Promise<string> {
    this.view = http.createServer((req, res) => this.show(req, res));
    await new Promise<void>((resolve, reject) => {
      this.view!.once('error', reject);
      this.view!.listen(port, host, () => resolve());
    });
    return this.viewUrl;
  }

  async close(): Promise<void> {
    for (const t of this.hanging) clearTimeout(t);
    if (this.view) {
      this.view.closeAllConnections();
      await new Promise<void>((r) => this.view!.close(() => r()));
    }
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }

  private peek(address: string): Behaviour | undefined {
    return this.scripts.get(address.toLowerCase())?.[0];
  }

  private shift(address: string): void {
    this.scripts.get(address.toLowerCase())?.shift();
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, cb: (err?: Error | null, message?: string) => void): Promise<void> {
    const rcpts = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const next = rcpts.length === 1 ? this.peek(rcpts[0]) : undefined;
    let parsed;
    try {
      parsed = await simpleParser(stream);
    } catch (err) {
      return cb(replyError(554, `unparseable message: ${(err as Error).message}`));
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
    if (next?.at === 'drop') {
      // taken and stored, then the line goes dead before "250 queued": the client cannot know it arrived
      this.shift(rcpts[0]);
      this.store(session, rcpts, parsed);
      this.sockets.get(String(session.remotePort))?.destroy();
      return;
    }
    if (next?.at === 'data') {
      this.shift(rcpts[0]);
      return cb(replyError(next.code, next.code >= 500 ? 'message refused' : 'temporary failure'));
    }
    this.store(session, rcpts, parsed);
    cb(null, `queued as ${this.messages.length}`);
  }

  private store(session: SMTPServerSession, rcpts: string[], parsed: Awaited<ReturnType<typeof simpleParser>>): void {
    const headers: Record<string, string> = {};
    for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
    for (const to of rcpts) {
      const mail: ReceivedMail = {
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
      if (this.messages.length > max) this.messages.splice(0, this.messages.length - max);
    }
  }

  private show(req: http.IncomingMessage, res: http.ServerResponse): void {
    const m = /^\/messages\/(\d+)$/.exec(req.url ?? '');
    if (m) {
      const mail = this.messages[Number(m[1])];
      if (!mail) return void res.writeHead(404).end();
      // the mail's own HTML, shown in a sandbox: no script of a received message runs in the viewer
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'" });
      return void res.end(mail.html || `<pre>${esc(mail.text)}</pre>`);
    }
    const rows = this.messages
      .map((mail, i) => ({ mail, i }))
      .slice(-200)
      .reverse()
      .map(({ mail, i }) =>
        `<tr><td>${esc(mail.at)}</td><td>${esc(mail.to)}</td><td><a href="/messages/${i}">${esc(mail.subject)}</a></td><td>${esc(mail.headers['list-unsubscribe'] ?? '')}</td></tr>`,
      )
      .join('');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>本地邮件接收端</title><meta http-equiv="refresh" content="5">` +
          `<body style="font-family:sans-serif"><h1>本地邮件接收端（共 ${this.messages.length} 封）</h1><table border="1" cellpadding="4">` +
          `<tr><th>时间</th><th>收件人</th><th>主题</th><th>List-Unsubscribe</th></tr>${rows}</table></body></html>`,
      );
  }
}

function replyError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
