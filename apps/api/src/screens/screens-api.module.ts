import { Module } from '@nestjs/common';
import { ScreensModule } from '../../../../libs/screens/src/index.js';
import { KioskController } from './kiosk/kiosk.controller.js';
import { ScreenFeedController } from './screen-feed.controller.js';
import { ScreenGroupsController, ScreensAdminController } from './screens-admin.controller.js';

/** Electronic notice screens over HTTP (docs/screens.md). */
@Module({
  imports: [ScreensModule],
  controllers: [ScreensAdminController, ScreenGroupsController, ScreenFeedController, KioskController],
})
export class ScreensApiModule {}
