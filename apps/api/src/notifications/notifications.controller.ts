import { Controller, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentUser, type Principal } from '../../../../libs/auth/src/index.js';
import { returning } from '../../../../libs/database/src/index.js';

export class NotificationsQuery {
  @IsOptional() @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value)) @IsBoolean()
  unread?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** only this kind and its sub-kinds: `deadline` gives deadline.warning and deadline.overdue, `screen` the screens' */
  @IsOptional() @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'kind must be a kind like deadline or screen.offline' })
  kind?: string;

  /** ids below this one: the next page */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  before?: number;
}

/** The back office's inbox: deadline warnings and overdue notices, screens going offline and back (admins). */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@Query() q: NotificationsQuery, @CurrentUser() user: Principal) {
    const args: unknown[] = [];
    const where: string[] = [];
    if (!seesAll(user)) {
      args.push(user.departmentCode ?? '');
      where.push(`department_code = $${args.length}`);
    }
    if (q.unread) where.push('read_at IS NULL');
    if (q.kind) {
      args.push(q.kind, `${q.kind}.%`);
      where.push(`(kind = $${args.length - 1} OR kind LIKE $${args.length})`);
    }
    if (q.before) {
      args.push(q.before);
      where.push(`id < $${args.length}`);
    }
    const limit = q.limit ?? 50;
    args.push(limit + 1);
    const rows = await this.db.query(
      `SELECT * FROM notifications ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${args.length}`,
      args,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(view), nextBefore: rows.length > limit ? Number(page[page.length - 1].id) : null };
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: Principal) {
    const args: unknown[] = [id, user.username];
    const scope = seesAll(user) ? '' : `AND department_code = $3`;
    if (!seesAll(user)) args.push(user.departmentCode ?? '');
    const [row] = returning(await this.db.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()), read_by = COALESCE(read_by, $2) WHERE id = $1 ${scope} RETURNING *`,
      args,
    ));
    if (!row) throw new NotFoundException({ message: `notification ${id} not found`, field: 'id' });
    return view(row);
  }
}

function seesAll(user: Principal): boolean {
  return user.roles.includes('admin') || user.roles.includes('auditor');
}

function view(r: Record<string, any>) {
  return {
    id: Number(r.id), kind: r.kind, severity: r.severity, departmentCode: r.department_code, disclosureId: r.disclosure_id, office: r.office,
    title: r.title, message: r.message, data: r.data, createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null, readBy: r.read_by,
  };
}
