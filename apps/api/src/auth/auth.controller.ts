import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../../libs/audit/src/index.js';
import { AuthService, CurrentUser, Public, type Principal } from '../../../../libs/auth/src/index.js';
import { ChangePasswordDto } from './change-password.dto.js';
import { LoginDto } from './login.dto.js';
import { changePassword } from './password-change.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login(dto.username, dto.password, req.ip);
  }

  @Get('me')
  me(@CurrentUser() user: Principal) {
    return user;
  }

  /** Every other session of this user ends; the answer carries a new token so this one goes on. */
  @Post('password')
  @HttpCode(200)
  async password(@Body() dto: ChangePasswordDto, @CurrentUser() user: Principal, @Req() req: Request) {
    await changePassword(this.db, this.audit, user, dto.currentPassword, dto.newPassword);
    return this.auth.login(user.username, dto.newPassword, req.ip);
  }
}
