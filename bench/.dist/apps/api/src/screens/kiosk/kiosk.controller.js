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
var _a;
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Public } from '../../../../../libs/auth/src/index.js';
import { KIOSK_CSP, kioskAsset, kioskErrorPage, kioskPage, ScreenAuth } from '../../../../../libs/screens/src/index.js';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ERROR_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";
/** The full-screen kiosk page a display opens: GET /screens/:id?token=… (or ?code=… to pair). See KIOSK_ROUTES. */
let KioskController = class KioskController {
    auth;
    constructor(auth) {
        this.auth = auth;
    }
    /** Served from /screens/ so it may control the kiosk pages under it. */
    serviceWorker(res) {
        const a = kioskAsset('sw.js');
        res.setHeader('Service-Worker-Allowed', '/screens/');
        res.setHeader('Cache-Control', 'no-cache');
        res.type(a.type).send(a.body);
    }
    asset(file, res) {
        const a = file === 'sw.js' ? undefined : kioskAsset(file);
        if (!a) {
            res.status(404).type('text/plain; charset=utf-8').send('未找到该文件');
            return;
        }
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.type(a.type).send(a.body);
    }
    async page(id, token, res) {
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
            }
            catch (err) {
                const status = err.getStatus?.() ?? 401;
                res.status(status).setHeader('Content-Security-Policy', ERROR_CSP);
                res.type('text/html; charset=utf-8').send(kioskErrorPage(status === 403 ? '此令牌属于另一块电子屏' : '本屏令牌无效或已吊销，请联系管理员'));
                return;
            }
        }
        res.setHeader('Content-Security-Policy', KIOSK_CSP);
        res.type('text/html; charset=utf-8').send(kioskPage(id));
    }
};
__decorate([
    Get('sw.js'),
    __param(0, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], KioskController.prototype, "serviceWorker", null);
__decorate([
    Get('assets/:file'),
    __param(0, Param('file')),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], KioskController.prototype, "asset", null);
__decorate([
    Get(':id'),
    __param(0, Param('id')),
    __param(1, Query('token')),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], KioskController.prototype, "page", null);
KioskController = __decorate([
    Controller('screens'),
    Public(),
    __metadata("design:paramtypes", [typeof (_a = typeof ScreenAuth !== "undefined" && ScreenAuth) === "function" ? _a : Object])
], KioskController);
export { KioskController };
