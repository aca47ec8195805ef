import { BadRequestException, Controller, Get, Param, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../../../libs/auth/src/index.js';
import { isEncryptedMessage, parsePublishEvent } from '../../../../libs/channels/src/index.js';
import { WechatCallbackQuery } from './wechat-callback.query.js';
import { WechatPublishResults } from './wechat-publish-results.service.js';

/**
 * The server URL configured in the official account (基本配置 → 服务器配置), one per wechat_oa channel:
 * https://<host>/api/callbacks/wechat/<channel>. WeChat authenticates with its signature, not a bearer token.
 * Plaintext mode only (明文模式); safe mode's AES envelope is refused with a message saying so.
 */
@Public()
@Controller('callbacks/wechat')
export class WechatCallbackController {
  constructor(private readonly results: WechatPublishResults) {}

  /** The URL check WeChat makes when the address is saved: echo echostr if the signature holds. */
  @Get(':channel')
  verify(@Param('channel') channel: string, @Query() q: WechatCallbackQuery, @Res() res: Response): void {
    this.authenticate(channel, q);
    if (!q.echostr) throw new BadRequestException({ error: 'Bad Request', message: 'echostr is required for the URL check', field: 'echostr' });
    res.status(200).type('text/plain').send(q.echostr);
  }

  @Post(':channel')
  async event(@Param('channel') channel: string, @Query() q: WechatCallbackQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.authenticate(channel, q);
    const xml = typeof req.body === 'string' ? req.body : '';
    if (isEncryptedMessage(xml) || q.encrypt_type === 'aes') {
      throw new BadRequestException({ error: 'Bad Request', message: '不支持安全模式（AES 加密）消息：请在公众号后台将消息加解密方式设为明文模式', field: 'encrypt_type' });
    }
    const event = parsePublishEvent(xml);
    if (!event) throw new BadRequestException({ error: 'Bad Request', message: 'body must be WeChat event XML (<xml>…</xml>)', field: 'body' });
    if (event.msgType === 'event' && event.event === 'PUBLISHJOBFINISH') {
      if (!event.publishId || !Number.isInteger(event.publishStatus)) {
        throw new BadRequestException({ error: 'Bad Request', message: 'PUBLISHJOBFINISH without publish_id or publish_status', field: 'body' });
      }
      await this.results.settle(channel, event);
    }
    // WeChat re-sends an event until it reads "success"; other events (menus, follows) are not ours to handle
    res.status(200).type('text/plain').send('success');
  }

  private authenticate(channel: string, q: WechatCallbackQuery): void {
    const adapter = this.results.adapter(channel);
    if (!adapter.verifyCallback(q.timestamp, q.nonce, q.signature)) {
      throw new UnauthorizedException({ error: 'Unauthorized', message: '签名校验失败：signature 与 callbackToken 不符', field: 'signature' });
    }
  }
}
