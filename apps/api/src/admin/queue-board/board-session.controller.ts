import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditService } from '../../../../../libs/audit/src/index.js';
import { AuthService, CurrentUser, Roles, type Principal } from '../../../../../libs/auth/src/index.js';
import { BOARD_COOKIE, BOARD_PATH, BOARD_SCOPE, BOARD_TTL_SECONDS } from './board.constants.js';

/**
 * The back office keeps its token in memory and sends it as a header; a new browser tab showing Bull Board cannot.
 * So an admin first asks for a board session: a short-lived, scoped token in an HttpOnly cookie that only the
 * board's path receives. SameSite=Strict keeps other sites from riding on it.
 */
@Controller('admin/queues/board-session')
@Roles('admin')
export class BoardSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @HttpCode(200)
  async open(@CurrentUser() user: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = await this.auth.issueScoped(user, BOARD_SCOPE, BOARD_TTL_SECONDS);
    res.cookie(BOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: BOARD_PATH,
      maxAge: BOARD_TTL_SECONDS * 1000,
    });
    await this.audit.record({ actor: `user:${user.username}`, action: 'queues.board_opened', outcome: 'ok', departmentCode: user.departmentCode, details: { ip: req.ip } });
    return { url: `${BOARD_PATH}/`, expiresIn: BOARD_TTL_SECONDS };
  }
}
