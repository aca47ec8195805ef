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
var _a, _b, _c, _d, _e, _f, _g, _h;
import { BadRequestException, ConflictException, Controller, Get, HttpException, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, UnsupportedMediaTypeException, } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles } from '../../../../libs/auth/src/index.js';
import { CalendarService } from '../../../../libs/calendar/src/index.js';
import { CatalogueError, CatalogueService, CatalogueTransfer, MEDIA_TYPES, } from '../../../../libs/catalogue/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { ExportQuery, ImportQuery, PreviewQuery } from './catalogue-transfer.dto.js';
/** Catalogues and their items, with the channels each item resolves to, for composing a disclosure. */
let CataloguesController = class CataloguesController {
    catalogues;
    transfer;
    channels;
    calendar;
    db;
    constructor(catalogues, transfer, channels, calendar, db) {
        this.catalogues = catalogues;
        this.transfer = transfer;
        this.channels = channels;
        this.calendar = calendar;
        this.db = db;
    }
    async list() {
        await this.catalogues.ensureFresh();
        return {
            items: this.catalogues.list().map((c) => ({
                code: c.code, name: c.name, department: c.department, publisher: c.publisher, version: c.version, versionId: c.id, itemCount: c.items.length,
            })),
        };
    }
    async items(code) {
        const c = await this.find(code);
        return { catalogue: c.code, version: c.version, items: c.items.map((i) => this.item(c, i)) };
    }
    /**
     * What publishing this item now would do: the channels it reaches and its legal due date, so the publisher
     * sees the deadline before pressing publish.
     */
    async preview(code, itemId, q) {
        const c = await this.find(code);
        const item = c.byId.get(itemId);
        if (!item)
            throw new NotFoundException({ message: `目录 ${code} 中没有事项 ${itemId}`, field: 'itemId' });
        const policy = q.policyDisclosureId ? await this.policyDue(q.policyDisclosureId) : undefined;
        let due;
        try {
            due = this.calendar.computeDue(item.timeLimit, {
                generatedAt: q.generatedAt ? new Date(q.generatedAt) : new Date(),
                approvalDate: q.approvalDate,
                noticeEndDate: q.noticeEndDate,
                reviewedAt: q.reviewedAt ? new Date(q.reviewedAt) : undefined,
                policyDueAt: policy?.dueAt,
                policyProvisional: policy?.provisional,
            });
        }
        catch (err) {
            if (err instanceof RangeError)
                throw new BadRequestException({ message: err.message, field: 'generatedAt' });
            throw err;
        }
        return {
            catalogue: c.code,
            version: c.version,
            itemId: item.id,
            timeLimit: item.timeLimit,
            channels: this.resolve(item),
            due: {
                dueAt: due.dueAt?.toISOString() ?? null,
                dueDate: due.dueDate,
                provisional: due.provisional,
                waiting: due.waiting ?? null,
                warning: due.warning ?? null,
            },
        };
    }
    async versions(code) {
        await this.find(code);
        return { items: await this.catalogues.versions(code) };
    }
    async version(code, version) {
        const v = await this.catalogues.getVersion(code, version);
        if (!v)
            throw new NotFoundException(`catalogue ${code} has no version ${version}`);
        return { catalogue: v.code, version: v.version, items: v.items.map((i) => this.item(v, i)) };
    }
    /** The standard table of the catalogue in force (or of ?version=N) as an XLSX or CSV download. */
    async export(code, q, user, res) {
        const format = q.format ?? 'xlsx';
        const out = await this.transfer.export(code, format, `user:${user.username}`, q.version).catch(rethrow);
        res.setHeader('Content-Type', format === 'csv' ? `${MEDIA_TYPES.csv}; charset=utf-8` : MEDIA_TYPES.xlsx);
        res.setHeader('Content-Disposition', `attachment; filename="${out.filename}"; filename*=UTF-8''${encodeURIComponent(out.filename)}`);
        res.setHeader('X-Catalogue-Version', String(out.version));
        res.status(200).send(out.data);
    }
    /**
     * Replaces the catalogue's items with the uploaded standard table (Content-Type text/csv or the XLSX type),
     * as a new version. Every row is checked first; any problem → 422 listing them all, and nothing changes.
     */
    async import(code, q, req, user, res) {
        const format = req.is(MEDIA_TYPES.xlsx) ? 'xlsx' : req.is(MEDIA_TYPES.csv) ? 'csv' : undefined;
        if (!format || !Buffer.isBuffer(req.body)) {
            throw new UnsupportedMediaTypeException({ message: `请上传目录表格：Content-Type 须为 ${MEDIA_TYPES.csv} 或 ${MEDIA_TYPES.xlsx}`, field: 'Content-Type' });
        }
        if (req.body.length === 0)
            throw new BadRequestException({ message: '上传的文件为空', field: 'body' });
        if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(code))
            throw new BadRequestException({ message: 'code must be lower-case letters, digits and dashes', field: 'code' });
        if (q.create) {
            if (!q.name)
                throw new BadRequestException({ message: 'name: 新建目录须给出名称 (name is required with create=1)', field: 'name' });
            if (!q.department)
                throw new BadRequestException({ message: 'department: 新建目录须给出部门代码 (department is required with create=1)', field: 'department' });
        }
        else if (q.name || q.department || q.publisher) {
            throw new BadRequestException({ message: 'name, department and publisher are only for create=1; an existing catalogue keeps its own', field: q.name ? 'name' : q.department ? 'department' : 'publisher' });
        }
        const result = await this.transfer
            .import({
            code, format, data: req.body, actor: `user:${user.username}`, dryRun: q.dryRun,
            create: q.create ? { name: q.name, department: q.department, publisher: q.publisher } : undefined,
        })
            .catch(rethrow);
        if (!result.ok) {
            throw new HttpException({ statusCode: 422, error: 'Unprocessable Entity', message: `导入失败：共 ${result.problems.length} 处问题，未导入任何内容`, field: 'body', problems: result.problems }, 422);
        }
        res.status(result.created ? 201 : 200);
        return result;
    }
    async find(code) {
        await this.catalogues.ensureFresh();
        const c = this.catalogues.get(code);
        if (!c)
            throw new NotFoundException(`no catalogue "${code}"`);
        return c;
    }
    async policyDue(id) {
        const [row] = await this.db.query(`SELECT due_at, due_provisional FROM disclosures WHERE id = $1`, [id]);
        if (!row)
            throw new BadRequestException({ message: `policyDisclosureId: 没有公开记录 ${id}`, field: 'policyDisclosureId' });
        return { dueAt: row.due_at ? new Date(row.due_at) : undefined, provisional: row.due_provisional };
    }
    resolve(i) {
        return this.channels.resolve(i.carriers).map((r) => ({ carrier: r.carrier, channel: r.channel.name, type: r.channel.type, label: r.channel.label }));
    }
    item(c, i) {
        return { ...i, id: `${c.code}:${i.id}`, itemId: i.id, catalogue: c.code, channels: this.resolve(i) };
    }
};
__decorate([
    Get(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "list", null);
__decorate([
    Get(':code/items'),
    __param(0, Param('code')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "items", null);
__decorate([
    Get(':code/items/:itemId/preview'),
    __param(0, Param('code')),
    __param(1, Param('itemId')),
    __param(2, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, typeof (_f = typeof PreviewQuery !== "undefined" && PreviewQuery) === "function" ? _f : Object]),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "preview", null);
__decorate([
    Get(':code/versions'),
    __param(0, Param('code')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "versions", null);
__decorate([
    Get(':code/versions/:version'),
    __param(0, Param('code')),
    __param(1, Param('version', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Number]),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "version", null);
__decorate([
    Get(':code/export'),
    Roles('admin'),
    __param(0, Param('code')),
    __param(1, Query()),
    __param(2, CurrentUser()),
    __param(3, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_g = typeof ExportQuery !== "undefined" && ExportQuery) === "function" ? _g : Object, Object, Object]),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "export", null);
__decorate([
    Post(':code/import'),
    Roles('admin'),
    __param(0, Param('code')),
    __param(1, Query()),
    __param(2, Req()),
    __param(3, CurrentUser()),
    __param(4, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, typeof (_h = typeof ImportQuery !== "undefined" && ImportQuery) === "function" ? _h : Object, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], CataloguesController.prototype, "import", null);
CataloguesController = __decorate([
    Controller('catalogues'),
    __metadata("design:paramtypes", [typeof (_a = typeof CatalogueService !== "undefined" && CatalogueService) === "function" ? _a : Object, typeof (_b = typeof CatalogueTransfer !== "undefined" && CatalogueTransfer) === "function" ? _b : Object, typeof (_c = typeof ChannelRegistry !== "undefined" && ChannelRegistry) === "function" ? _c : Object, typeof (_d = typeof CalendarService !== "undefined" && CalendarService) === "function" ? _d : Object, typeof (_e = typeof DataSource !== "undefined" && DataSource) === "function" ? _e : Object])
], CataloguesController);
export { CataloguesController };
function rethrow(err) {
    if (err instanceof CatalogueError) {
        const body = { message: `${err.field}: ${err.message}`, field: err.field };
        if (err.kind === 'not_found')
            throw new NotFoundException(body);
        if (err.kind === 'conflict')
            throw new ConflictException(body);
        throw new BadRequestException(body);
    }
    throw err;
}
