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
import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { CurrentUser, Public, Roles } from '../../../../libs/auth/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { GazetteIssuesService } from './gazette-issues.service.js';
/** Printed documents must not run anything; the gazette is public, its files never change once published. */
const FILE_HEADERS = {
    'content-security-policy': "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
};
/**
 * 政府公报 issues. Published issues are public documents (HTML and PDF, at the URL every delivery in them
 * records); listing, previews and publishing need a login.
 */
let GazetteController = class GazetteController {
    issues;
    constructor(issues) {
        this.issues = issues;
    }
    // the file routes come first: "/issues/<id>.html" would otherwise match ":id"
    async html(id, res) {
        await this.sendFile(res, await this.issues.publishedFile(id, 'html'), 'html', id);
    }
    async pdf(id, res) {
        await this.sendFile(res, await this.issues.publishedFile(id, 'pdf'), 'pdf', id);
    }
    async previewHtml(id, res) {
        await this.sendFile(res, await this.issues.previewFile(id, 'html'), 'html', id, true);
    }
    async previewPdf(id, res) {
        await this.sendFile(res, await this.issues.previewFile(id, 'pdf'), 'pdf', id, true);
    }
    list(channel) {
        return this.issues.list(channel);
    }
    get(id) {
        return this.issues.get(id);
    }
    /** Prints a preview of the issue as it stands; nothing is published or settled. */
    compile(id) {
        return this.issues.compile(id);
    }
    /** Closes, numbers, prints and publishes the issue, then settles every delivery in it as delivered. */
    publish(id, user) {
        return this.issues.publish(id, user);
    }
    async sendFile(res, file, kind, id, preview = false) {
        if (!file)
            throw new NotFoundException({ message: preview ? `no preview of issue ${id}: compile it first` : `gazette issue ${id} is not published`, field: 'id' });
        res.set({
            ...FILE_HEADERS,
            'content-type': kind === 'html' ? 'text/html; charset=utf-8' : 'application/pdf',
            'cache-control': preview ? 'no-store' : 'public, max-age=300',
            ...(kind === 'pdf' ? { 'content-disposition': `inline; filename="gazette-${id}.pdf"` } : {}),
        });
        await new Promise((resolve, reject) => res.sendFile(file, (err) => (err ? reject(err) : resolve())));
    }
};
__decorate([
    Get(':id.html'),
    Public(),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], GazetteController.prototype, "html", null);
__decorate([
    Get(':id.pdf'),
    Public(),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], GazetteController.prototype, "pdf", null);
__decorate([
    Get(':id/preview.html'),
    Roles('editor', 'reviewer', 'publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], GazetteController.prototype, "previewHtml", null);
__decorate([
    Get(':id/preview.pdf'),
    Roles('editor', 'reviewer', 'publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], GazetteController.prototype, "previewPdf", null);
__decorate([
    Get(),
    __param(0, Query('channel')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GazetteController.prototype, "list", null);
__decorate([
    Get(':id'),
    __param(0, Param('id', uuidPipe('id'))),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GazetteController.prototype, "get", null);
__decorate([
    Post(':id/compile'),
    HttpCode(200),
    Roles('editor', 'publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], GazetteController.prototype, "compile", null);
__decorate([
    Post(':id/publish'),
    HttpCode(200),
    Roles('publisher'),
    __param(0, Param('id', uuidPipe('id'))),
    __param(1, CurrentUser()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], GazetteController.prototype, "publish", null);
GazetteController = __decorate([
    Controller('gazette/issues'),
    __metadata("design:paramtypes", [typeof (_a = typeof GazetteIssuesService !== "undefined" && GazetteIssuesService) === "function" ? _a : Object])
], GazetteController);
export { GazetteController };
