var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var OfficeMailer_1;
var _a;
import { Injectable, Logger } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { AppConfig } from '../../../../libs/config/src/index.js';
/** SMTP to the responsible offices (SMTP_URL, MAIL_FROM); off, and saying so, unless both are set. */
let OfficeMailer = OfficeMailer_1 = class OfficeMailer {
    config;
    logger = new Logger(OfficeMailer_1.name);
    transport;
    constructor(config) {
        this.config = config;
        if (!this.configured)
            this.logger.log('deadline e-mail is off: set SMTP_URL and MAIL_FROM to send it');
    }
    get configured() {
        return !!this.config.get('SMTP_URL') && !!this.config.get('MAIL_FROM');
    }
    /** Resolves with the server's message id; rejects with the server's answer when it refuses. */
    async send(mail) {
        if (!this.configured)
            throw new Error('e-mail is not configured (SMTP_URL, MAIL_FROM)');
        this.transport ??= nodemailer.createTransport({
            url: this.config.get('SMTP_URL'),
            // a hung relay must not hold the sweep: the alert stays failed and the next sweep tries again
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
        });
        const info = await this.transport.sendMail({ from: this.config.get('MAIL_FROM'), to: mail.to, subject: mail.subject, text: mail.text });
        return String(info.messageId ?? '');
    }
    onApplicationShutdown() {
        this.transport?.close();
    }
};
OfficeMailer = OfficeMailer_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [typeof (_a = typeof AppConfig !== "undefined" && AppConfig) === "function" ? _a : Object])
], OfficeMailer);
export { OfficeMailer };
