import { Body, ConflictException, Controller, Get, Post, BadRequestException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { AuthService, CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { CreateUserDto } from './create-user.dto.js';

@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly auth: AuthService,
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list() {
    const rows = await this.db.query(`SELECT id, username, display_name, roles, department_code, disabled, created_at FROM users ORDER BY username`);
    return { items: rows.map((r: Record<string, unknown>) => ({ id: r.id, username: r.username, displayName: r.display_name, roles: r.roles, departmentCode: r.department_code, disabled: r.disabled, createdAt: r.created_at })) };
  }

  @Post()
  async create(@Body() dto: CreateUserDto, @CurrentUser() admin: Principal) {
    if (dto.departmentCode) {
      const [dept] = await this.db.query(`SELECT 1 FROM departments WHERE code = $1`, [dto.departmentCode]);
      if (!dept) throw new BadRequestException({ message: `departmentCode: no department "${dto.departmentCode}"`, field: 'departmentCode' });
    }
    let id: string;
    try {
      id = await this.auth.createUser(dto);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new ConflictException({ message: `username: "${dto.username}" is taken`, field: 'username' });
      throw err;
    }
    await this.audit.record({ actor: `user:${admin.username}`, action: 'user.created', departmentCode: dto.departmentCode ?? null, outcome: 'ok', details: { username: dto.username, roles: dto.roles } });
    return { id, username: dto.username, roles: dto.roles, departmentCode: dto.departmentCode ?? null };
  }
}
