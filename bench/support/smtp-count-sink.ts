import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The targeted-push benchmark's mail server: a real SMTP server (smtp-server) that accepts every message and only
 * counts — recipients, duplicates and the moment of the last acceptance — so the measurement is of our sending,
 * not of parsing 100,000 mails (the SmtpSink in libs/channels parses and keeps them, for tests).
 */
export class SmtpCountSink {
  accepted = 0;
  duplicates = 0;
  lastAcceptedAt = 0;
  firstAcceptedAt = 0;
  private readonly recipients = new Set<string>();
  private server?: SMTPServer;

  get url(): string {
    const addr = this.server?.server.address() as AddressInfo | null;
    if (!addr) throw new Error('SMTP sink is not listening');
    return `smtp://127.0.0.1:${addr.port}`;
  }

  async listen(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      maxClients: 1000,
      size: 10 * 1024 * 1024,
      onAuth: (_auth, _session, cb) => cb(null, { user: 'bench' }),
      onData: (stream, session, cb) => {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          const now = performance.timeOrigin + performance.now();
          for (const r of session.envelope.rcptTo) {
            const to = r.address.toLowerCase();
            if (this.recipients.has(to)) this.duplicates++;
            else this.recipients.add(to);
            this.accepted++;
          }
          if (!this.firstAcceptedAt) this.firstAcceptedAt = now;
          this.lastAcceptedAt = now;
          cb();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return this;
  }

  get distinct(): number {
    return this.recipients.size;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
