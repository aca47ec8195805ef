import net from 'node:net';

/**
 * The targeted-push benchmark's mail server: a minimal SMTP server (EHLO with PIPELINING, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) that accepts every message and only counts — recipients, duplicates and the moment of the last
 * acceptance — so the measurement is of our sending, not of the receiving side.
 *
 * It was smtp-server (nodemailer's), which parses and streams every message through several async steps; in
 * targeted_push_100k that cost about 0.15 ms of CPU per message on the same 2 cores the sending side runs on, and
 * a turn of its event loop per command. A real mail server runs elsewhere; this one speaks the same protocol
 * (answering a pipelined envelope in one write) at about half the cost. The protocol fakes the specs use
 * (libs/channels/src/email/smtp.sink.ts, with failure scripts) stay smtp-server.
 */
export class SmtpCountSink {
  accepted = 0;
  duplicates = 0;
  lastAcceptedAt = 0;
  firstAcceptedAt = 0;
  private readonly recipients = new Set<string>();
  private readonly sockets = new Set<net.Socket>();
  private server?: net.Server;

  get url(): string {
    const addr = this.server?.address();
    if (!addr || typeof addr === 'string') throw new Error('SMTP sink is not listening');
    return `smtp://127.0.0.1:${addr.port}`;
  }

  async listen(): Promise<this> {
    this.server = net.createServer((socket) => this.session(socket));
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  get distinct(): number {
    return this.recipients.size;
  }

  async close(): Promise<void> {
    // the sender's pool keeps its connections open: end them, or close() would wait for it
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private session(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    let buf = '';
    let inData = false;
    let rcpts: string[] = [];
    socket.write('220 bench-sink ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      let out = '';
      for (;;) {
        if (inData) {
          // the body ends at CRLF "." CRLF (a message is never empty: it has headers)
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) {
            buf = buf.slice(-4); // a terminator split across packets is found next time
            break;
          }
          buf = buf.slice(end + 5);
          inData = false;
          this.accept(rcpts);
          rcpts = [];
          out += '250 2.0.0 accepted\r\n';
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) break;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        switch (line.slice(0, 4).toUpperCase()) {
          case 'EHLO':
            out += '250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n';
            break;
          case 'HELO':
            out += '250 bench-sink\r\n';
            break;
          case 'MAIL':
          case 'RSET':
            rcpts = [];
            out += '250 2.0.0 OK\r\n';
            break;
          case 'RCPT':
            rcpts.push(line.slice(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase());
            out += '250 2.1.5 OK\r\n';
            break;
          case 'DATA':
            inData = true;
            out += '354 end with <CRLF>.<CRLF>\r\n';
            break;
          case 'NOOP':
            out += '250 2.0.0 OK\r\n';
            break;
          case 'QUIT':
            socket.end(out + '221 2.0.0 bye\r\n');
            return;
          default:
            out += '502 5.5.2 not implemented\r\n';
        }
      }
      if (out) socket.write(out);
    });
  }

  private accept(rcpts: string[]): void {
    const now = performance.timeOrigin + performance.now();
    for (const to of rcpts) {
      if (this.recipients.has(to)) this.duplicates++;
      else this.recipients.add(to);
      this.accepted++;
    }
    if (!this.firstAcceptedAt) this.firstAcceptedAt = now;
    this.lastAcceptedAt = now;
  }
}
