import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../../../../libs/auth/src/index.js';
import { KIOSK_CSP, kioskAsset, kioskErrorPage, kioskPage, ScreenAuth } from '../../../../../libs/screens/src/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ERROR_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/** The full-screen kiosk page a display opens: GET /screens/:id?token=… (or ?code=… to pair). See KIOSK_ROUTES. */
@Controller('screens')
@Public()
export class KioskController {
  constructor(private readonly auth: ScreenAuth) {}

  /** Served from /screens/ so it may control the kiosk pages under it. */
  @Get('sw.js')
  serviceWorker(@Res() res: Response) {
    const a = kioskAsset('sw.js')!;
    res.setHeader('Service-Worker-Allowed', '/screens/');
    res.setHeader('Cache-Control', 'no-cache');
    res.type(a.type).send(a.body);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response) {
    const a = file === 'sw.js' ? undefined : kioskAsset(file);
    if (!a) {
      res.status(404).type('text/plain; charset=utf-8').send('未找到该文件');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type(a.type).send(a.body);
  }

  @Get(':id')
  async page(@Param('id') id: string, @Query('token') token: unknown, @Res() res: Response) {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer'); // the token in the address must not leak to image hosts
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!UUID.test(id)) {
      res.status(404).setHeader('Content-Security-Policy', ERROR_CSP);
      res.type('text/html; charset=utf-8').send(kioskErrorPage('没有这块电子屏'));
      return;
    }
    if (typeof token === 'string' && token) {
      try {
        await this.auth.authenticate(id, token);
      } catch (err) {
        const status = (err as { getStatus?: () => number }).getStatus?.() ?? 401;
        res.status(status).setHeader('Content-Security-Policy', ERROR_CSP);
        res.type('text/html; charset=utf-8').send(kioskErrorPage(status === 403 ? '此令牌属于另一块电子屏' : '本屏令牌无效或已吊销，请联系管理员'));
        return;
      }
    }
    res.setHeader('Content-Security-Policy', KIOSK_CSP);
    res.type('text/html; charset=utf-8').send(kioskPage(id));
  }
}
