import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { AppConfig } from '../../../../libs/config/src/index.js';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

/** SMTP to the responsible offices (SMTP_URL, MAIL_FROM); off, and saying so, unless both are set. */
@Injectable()
export class OfficeMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(OfficeMailer.name);
  private transport?: ReturnType<typeof nodemailer.createTransport>;

  constructor(private readonly config: AppConfig) {
    if (!this.configured) this.logger.log('deadline e-mail is off: set SMTP_URL and MAIL_FROM to send it');
  }

  get configured(): boolean {
    return !!this.config.get('SMTP_URL') && !!this.config.get('MAIL_FROM');
  }

  /** Resolves with the server's message id; rejects with the server's answer when it refuses. */
  async send(mail: OutgoingMail): Promise<string> {
    if (!this.configured) throw new Error('e-mail is not configured (SMTP_URL, MAIL_FROM)');
    this.transport ??= nodemailer.createTransport({
      url: this.config.get('SMTP_URL'),
      // a hung relay must not hold the sweep: the alert stays failed and the next sweep tries again
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    const info = await this.transport.sendMail({ from: this.config.get('MAIL_FROM'), to: mail.to, subject: mail.subject, text: mail.text });
    return String(info.messageId ?? '');
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
