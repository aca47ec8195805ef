import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentUser, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { ScreenGroupsService, ScreenRegistry } from '../../../../libs/screens/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { CreateScreenDto, ListScreensDto, UpdateScreenDto } from './screen.dto.js';

const kioskUrl = (id: string, token: string) => `/screens/${id}?token=${encodeURIComponent(token)}`;

/** The screen registry: admins register screens and manage their tokens; auditors and publishers see their health. */
@Controller('screens')
export class ScreensAdminController {
  constructor(private readonly registry: ScreenRegistry) {}

  /** Registers a screen. The token is shown once here (stored hashed): put it in the kiosk URL or the vendor's controller. */
  @Post()
  @Roles('admin')
  async create(@Body() dto: CreateScreenDto, @CurrentUser() user: Principal) {
    const { screen, token } = await this.registry.create(dto, `user:${user.username}`);
    return { ...screen, token, kioskUrl: kioskUrl(screen.id, token) };
  }

  @Get()
  @Roles('auditor', 'publisher')
  async list(@Query() q: ListScreensDto) {
    return { items: await this.registry.list({ group: q.group }) };
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id', uuidPipe('id')) id: string, @Body() dto: UpdateScreenDto, @CurrentUser() user: Principal) {
    return this.registry.update(id, dto, `user:${user.username}`);
  }

  /** A new token; the old one stops working at once. Also brings a revoked screen back. */
  @Post(':id/token')
  @HttpCode(200)
  @Roles('admin')
  async rotate(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    const { screen, token } = await this.registry.rotate(id, `user:${user.username}`);
    return { ...screen, token, kioskUrl: kioskUrl(screen.id, token) };
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin')
  revoke(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.registry.revoke(id, `user:${user.username}`);
  }

  /** A one-time 8-digit code (10 minutes) to open the kiosk page without typing a token: /screens/:id?code=… */
  @Post(':id/pairing-code')
  @Roles('admin')
  async pairingCode(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    const p = await this.registry.issuePairingCode(id, `user:${user.username}`);
    return { ...p, pairingUrl: `/screens/${id}?code=${p.code}` };
  }
}

/** The screen groups config/channels.yaml defines, and the carrier each shows. */
@Controller('screen-groups')
export class ScreenGroupsController {
  constructor(private readonly groups: ScreenGroupsService) {}

  @Get()
  list() {
    return { items: this.groups.list() };
  }
}
