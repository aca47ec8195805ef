import {
  BadRequestException, ConflictException, Controller, Get, HttpException, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { CalendarService, type DueResult } from '../../../../libs/calendar/src/index.js';
import {
  CatalogueError, CatalogueService, CatalogueTransfer, MEDIA_TYPES, type CatalogueItem, type CatalogueVersion, type TableFormat,
} from '../../../../libs/catalogue/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { canSee } from '../../../../libs/dispatch/src/index.js';
import { ExportQuery, ImportQuery, PreviewQuery } from './catalogue-transfer.dto.js';

/** Catalogues and their items, with the channels each item resolves to, for composing a disclosure. */
@Controller('catalogues')
export class CataloguesController {
  constructor(
    private readonly catalogues: CatalogueService,
    private readonly transfer: CatalogueTransfer,
    private readonly channels: ChannelRegistry,
    private readonly calendar: CalendarService,
    private readonly db: DataSource,
  ) {}

  @Get()
  async list() {
    await this.catalogues.ensureFresh();
    return {
      items: this.catalogues.list().map((c) => ({
        code: c.code, name: c.name, department: c.department, publisher: c.publisher, version: c.version, versionId: c.id, itemCount: c.items.length,
      })),
    };
  }

  @Get(':code/items')
  async items(@Param('code') code: string) {
    const c = await this.find(code);
    return { catalogue: c.code, version: c.version, items: c.items.map((i) => this.item(c, i)) };
  }

  /**
   * What publishing this item now would do: the channels it reaches and its legal due date, so the publisher
   * sees the deadline before pressing publish.
   */
  @Get(':code/items/:itemId/preview')
  async preview(@Param('code') code: string, @Param('itemId') itemId: string, @Query() q: PreviewQuery, @CurrentUser() user: Principal) {
    const c = await this.find(code);
    const item = c.byId.get(itemId);
    if (!item) throw new NotFoundException({ message: `目录 ${code} 中没有事项 ${itemId}`, field: 'itemId' });
    const policy = q.policyDisclosureId ? await this.policyDue(q.policyDisclosureId, user) : undefined;
    let due: DueResult;
    try {
      due = this.calendar.computeDue(item.timeLimit, {
        generatedAt: q.generatedAt ? new Date(q.generatedAt) : new Date(),
        approvalDate: q.approvalDate,
        noticeEndDate: q.noticeEndDate,
        reviewedAt: q.reviewedAt ? new Date(q.reviewedAt) : undefined,
        policyDueAt: policy?.dueAt,
        policyProvisional: policy?.provisional,
      });
    } catch (err) {
      if (err instanceof RangeError) throw new BadRequestException({ message: err.message, field: 'generatedAt' });
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

  @Get(':code/versions')
  async versions(@Param('code') code: string) {
    await this.find(code);
    return { items: await this.catalogues.versions(code) };
  }

  @Get(':code/versions/:version')
  async version(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    const v = await this.catalogues.getVersion(code, version);
    if (!v) throw new NotFoundException(`catalogue ${code} has no version ${version}`);
    return { catalogue: v.code, version: v.version, items: v.items.map((i) => this.item(v, i)) };
  }

  /** The standard table of the catalogue in force (or of ?version=N) as an XLSX or CSV download. */
  @Get(':code/export')
  @Roles('admin')
  async export(@Param('code') code: string, @Query() q: ExportQuery, @CurrentUser() user: Principal, @Res() res: Response) {
    const format: TableFormat = q.format ?? 'xlsx';
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
  @Post(':code/import')
  @Roles('admin')
  async import(@Param('code') code: string, @Query() q: ImportQuery, @Req() req: Request, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response) {
    const format: TableFormat | undefined = req.is(MEDIA_TYPES.xlsx) ? 'xlsx' : req.is(MEDIA_TYPES.csv) ? 'csv' : undefined;
    if (!format || !Buffer.isBuffer(req.body)) {
      throw new UnsupportedMediaTypeException({ message: `请上传目录表格：Content-Type 须为 ${MEDIA_TYPES.csv} 或 ${MEDIA_TYPES.xlsx}`, field: 'Content-Type' });
    }
    if (req.body.length === 0) throw new BadRequestException({ message: '上传的文件为空', field: 'body' });
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(code)) throw new BadRequestException({ message: 'code must be lower-case letters, digits and dashes', field: 'code' });
    if (q.create) {
      if (!q.name) throw new BadRequestException({ message: 'name: 新建目录须给出名称 (name is required with create=1)', field: 'name' });
      if (!q.department) throw new BadRequestException({ message: 'department: 新建目录须给出部门代码 (department is required with create=1)', field: 'department' });
    } else if (q.name || q.department || q.publisher) {
      throw new BadRequestException({ message: 'name, department and publisher are only for create=1; an existing catalogue keeps its own', field: q.name ? 'name' : q.department ? 'department' : 'publisher' });
    }
    const result = await this.transfer
      .import({
        code, format, data: req.body, actor: `user:${user.username}`, dryRun: q.dryRun,
        create: q.create ? { name: q.name!, department: q.department!, publisher: q.publisher } : undefined,
      })
      .catch(rethrow);
    if (!result.ok) {
      throw new HttpException(
        { statusCode: 422, error: 'Unprocessable Entity', message: `导入失败：共 ${result.problems.length} 处问题，未导入任何内容`, field: 'body', problems: result.problems },
        422,
      );
    }
    res.status(result.created ? 201 : 200);
    return result;
  }

  private async find(code: string): Promise<CatalogueVersion> {
    await this.catalogues.ensureFresh();
    const c = this.catalogues.get(code);
    if (!c) throw new NotFoundException(`no catalogue "${code}"`);
    return c;
  }

  private async policyDue(id: string, user: Principal): Promise<{ dueAt?: Date; provisional: boolean }> {
    const [row] = await this.db.query(`SELECT due_at, due_provisional, department_code FROM disclosures WHERE id = $1`, [id]);
    // another department's disclosure answers as if it did not exist: its existence is not this user's to learn
    if (!row || !canSee(user, row.department_code)) throw new BadRequestException({ message: `policyDisclosureId: 没有公开记录 ${id}`, field: 'policyDisclosureId' });
    return { dueAt: row.due_at ? new Date(row.due_at) : undefined, provisional: row.due_provisional };
  }

  private resolve(i: CatalogueItem) {
    return this.channels.resolve(i.carriers).map((r) => ({ carrier: r.carrier, channel: r.channel.name, type: r.channel.type, label: r.channel.label }));
  }

  private item(c: CatalogueVersion, i: CatalogueItem) {
    return { ...i, id: `${c.code}:${i.id}`, itemId: i.id, catalogue: c.code, channels: this.resolve(i) };
  }
}

function rethrow(err: unknown): never {
  if (err instanceof CatalogueError) {
    const body = { message: `${err.field}: ${err.message}`, field: err.field };
    if (err.kind === 'not_found') throw new NotFoundException(body);
    if (err.kind === 'conflict') throw new ConflictException(body);
    throw new BadRequestException(body);
  }
  throw err;
}
