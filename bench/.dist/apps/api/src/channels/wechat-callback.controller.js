var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var _a, _b, _c, _d;
import { BadRequestException, Controller, Get, Param, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { Public } from '../../../../libs/auth/src/index.js';
import { isEncryptedMessage, parsePublishEvent } from '../../../../libs/channels/src/index.js';
import { WechatCallbackQuery } from './wechat-callback.query.js';
import { WechatPublishResults } from './wechat-publish-results.service.js';
/**
 * The server URL configured in the official account (基本配置 → 服务器配置), one per wechat_oa channel:
 * https://<host>/api/callbacks/wechat/<channel>. WeChat authenticates with its signature, not a bearer token.
 * Plaintext mode only (明文模式); safe mode's AES envelope is refused with a message saying so.
 */
let WechatCallbackController = class WechatCallbackController {
    results;
    constructor(results) {
        this.results = results;
    }
    /** The URL check WeChat makes when the address is saved: echo echostr if the signature holds. */
    verify(channel, q, res) {
        this.authenticate(channel, q);
        if (!q.echostr)
            throw new BadRequestException({ error: 'Bad Request', message: 'echostr is required for the URL check', field: 'echostr' });
        res.status(200).type('text/plain').send(q.echostr);
    }
    async event(channel, q, req, res) {
        this.authenticate(channel, q);
        const xml = typeof req.body === 'string' ? req.body : '';
        if (isEncryptedMessage(xml) || q.encrypt_type === 'aes') {
            throw new BadRequestException({ error: 'Bad Request', message: '不支持安全模式（AES 加密）消息：请在公众号后台将消息加解密方式设为明文模式', field: 'encrypt_type' });
        }
        const event = parsePublishEvent(xml);
        if (!event)
            throw new BadRequestException({ error: 'Bad Request', message: 'body must be WeChat event XML (<xml>…</xml>)', field: 'body' });
        if (event.msgType === 'event' && event.event === 'PUBLISHJOBFINISH') {
            if (!event.publishId || !Number.isInteger(event.publishStatus)) {
                throw new BadRequestException({ error: 'Bad Request', message: 'PUBLISHJOBFINISH without publish_id or publish_status', field: 'body' });
            }
            await this.results.settle(channel, event);
        }
        // WeChat re-sends an event until it reads "success"; other events (menus, follows) are not ours to handle
        res.status(200).type('text/plain').send('success');
    }
    authenticate(channel, q) {
        const adapter = this.results.adapter(channel);
        if (!adapter.verifyCallback(q.timestamp, q.nonce, q.signature)) {
            throw new UnauthorizedException({ error: 'Unauthorized', message: '签名校验失败：signature 与 callbackToken 不符', field: 'signature' });
        }
    }
};
__decorate([
    Get(':channel'),
    __param(0, Param('channel')),
    __param(1, Query()),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_b = typeof WechatCallbackQuery !== "undefined" && WechatCallbackQuery) === "function" ? _b : Object, Object]),
    __metadata("design:returntype", void 0)
], WechatCallbackController.prototype, "verify", null);
__decorate([
    Post(':channel'),
    __param(0, Param('channel')),
    __param(1, Query()),
    __param(2, Req()),
    __param(3, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_c = typeof WechatCallbackQuery !== "undefined" && WechatCallbackQuery) === "function" ? _c : Object, Object, Object]),
    __metadata("design:returntype", typeof (_d = typeof Promise !== "undefined" && Promise) === "function" ? _d : Object)
], WechatCallbackController.prototype, "event", null);
WechatCallbackController = __decorate([
    Public(),
    Controller('callbacks/wechat'),
    __metadata("design:paramtypes", [typeof (_a = typeof WechatPublishResults !== "undefined" && WechatPublishResults) === "function" ? _a : Object])
], WechatCallbackController);
export { WechatCallbackController };
