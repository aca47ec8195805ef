import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on loopback that keeps what it receives, parsed. failNext(n) answers the next n messages
 * with a temporary failure after DATA (451), the way a busy relay does, so a sender's retry can be tested.
 */
export class SmtpFake {
  readonly received: ReceivedMail[] = [];
  private failures = 0;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        if (this.failures > 0) {
          this.failures--;
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('4.3.0 Temporary local problem, try again later'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            this.received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
  }

  failNext(n: number): void {
    this.failures = n;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  listen(): Promise<this> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve(this));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
