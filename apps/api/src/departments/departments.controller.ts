import { Body, ConflictException, Controller, Get, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { CreateDepartmentDto } from './create-department.dto.js';

/**
 * The publishing bodies of this deployment. Each owns its catalogues and its users; a user publishes only the
 * items of their own department's catalogues, an admin those of all.
 */
@Controller('departments')
@Roles('admin')
export class DepartmentsController {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Every department's name by code, for any signed-in person: pages show a department's name, not its code
   * (the full list with counts stays admin-only).
   */
  @Get('names')
  @Roles('editor', 'reviewer', 'publisher', 'auditor', 'admin')
  async names() {
    const rows = await this.db.query(`SELECT code, name FROM departments ORDER BY code`);
    return { items: rows.map((r: { code: string; name: string }) => ({ code: r.code, name: r.name })) };
  }

  @Get()
  async list() {
    const rows = await this.db.query(
      `SELECT d.code, d.name, d.created_at,
         (SELECT count(*)::int FROM users u WHERE u.department_code = d.code) AS users,
         COALESCE((SELECT array_agg(DISTINCT cv.catalogue_code ORDER BY cv.catalogue_code) FROM catalogue_versions cv WHERE cv.department_code = d.code), '{}') AS catalogues
       FROM departments d ORDER BY d.code`,
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({ code: r.code, name: r.name, createdAt: r.created_at, users: r.users, catalogues: r.catalogues })),
    };
  }

  @Post()
  async create(@Body() dto: CreateDepartmentDto, @CurrentUser() admin: Principal) {
    const created = await this.db.transaction(async (m) => {
      const rows = await m.query(`INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code, name, created_at`, [dto.code, dto.name]);
      if (rows.length === 0) return undefined;
      await this.audit.append(m, { actor: `user:${admin.username}`, action: 'department.created', departmentCode: dto.code, outcome: 'ok', details: { name: dto.name } });
      return rows[0];
    });
    if (!created) throw new ConflictException({ message: `code: 部门 ${dto.code} 已存在`, field: 'code' });
    return { code: created.code, name: created.name, createdAt: created.created_at, users: 0, catalogues: [] };
  }
}
