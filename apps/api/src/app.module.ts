import { MulterModule } from '@nestjs/platform-express';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard, AuthModule, AuthService } from '../../../libs/auth/src/index.js';
import { AppConfig, AppConfigModule } from '../../../libs/config/src/index.js';
import { DatabaseModule } from '../../../libs/database/src/index.js';
import { dispatchModule } from '../../../libs/dispatch/src/index.js';
import { AuditController } from './audit/audit.controller.js';
import { ReportsController } from './audit/reports.controller.js';
import { DisclosureTimelineController } from './audit/timeline.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CataloguesController } from './catalogues/catalogues.controller.js';
import { ChannelsController } from './channels/channels.controller.js';
import { WechatCallbackController } from './channels/wechat-callback.controller.js';
import { WechatPublishResults } from './channels/wechat-publish-results.service.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { DisclosuresController } from './disclosures/disclosures.controller.js';
import { DraftsController } from './drafts/drafts.controller.js';
import { DisclosureWatch } from './disclosures/disclosure-watch.service.js';
import { ReviewService } from '../../../libs/review/src/index.js';
import { HealthController } from './health/health.controller.js';
import { loggingModule } from '../../../libs/observability/src/index.js';
import { HttpExceptionFilter } from './http/http-exception.filter.js';
import { UsersController } from './users/users.controller.js';
import { AdminQueuesController } from './admin/queues.controller.js';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { BoardSessionController } from './admin/queue-board/board-session.controller.js';
import { ComposeHelpersController } from './web/compose-helpers.controller.js';
import { DepartmentsController } from './departments/departments.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { OverdueController } from './overdue/overdue.controller.js';
import { OverdueReport } from './overdue/overdue-report.service.js';
import { ReviewRecordController } from './disclosures/review-record.controller.js';
import { ReviewRecordService } from './disclosures/review-record.service.js';
import { ScreensApiModule } from './screens/screens-api.module.js';
import { SubscribersModule } from '../../../libs/subscribers/src/index.js';
import { SubscribersController } from './subscribers/subscribers.controller.js';
import { PushRecordsController } from './subscribers/push-records.controller.js';
import { GazetteController } from './gazette/gazette.controller.js';
import { FreshnessController } from './freshness/freshness.controller.js';
import { FreshnessModule } from '../../../libs/freshness/src/index.js';
import { GazetteIssuesService } from './gazette/gazette-issues.service.js';
import { ContentCheckService } from '../../../libs/content-check/src/index.js';
import { ContentCheckController } from './content-check/content-check.controller.js';
import { WordImportController } from './word-import/word-import.controller.js';

// Uploads (POST /api/attachments) stay in memory (multer's default without `dest`/`storage`): they go straight into Postgres, never onto the API's disk.
// Browsers send the file name as UTF-8 without saying so, hence defParamCharset (multer's default is latin1).
const uploads = MulterModule.registerAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    limits: { fileSize: config.get('ATTACHMENT_MAX_BYTES'), files: 1, fields: 5 },
    defParamCharset: 'utf8',
  }),
});

@Module({
  imports: [AppConfigModule.forRoot(), loggingModule, DatabaseModule, AuthModule, dispatchModule('api'), ScreensApiModule, SubscribersModule, FreshnessModule, uploads],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    CataloguesController,
    ChannelsController,
    WechatCallbackController,
    CalendarController,
    DisclosuresController,
    DraftsController,
    DeliveriesController,
    AuditController,
    DisclosureTimelineController,
    ReportsController,
    DepartmentsController,
    NotificationsController,
    OverdueController,
    ReviewRecordController,
    AdminQueuesController,
    BoardSessionController,
    AttachmentsController,
    ComposeHelpersController,
    SubscribersController,
    PushRecordsController,
    GazetteController,
    FreshnessController,
    ContentCheckController,
    WordImportController,
  ],
  providers: [
    WechatPublishResults,
    ReviewService,
    DisclosureWatch,
    OverdueReport,
    ReviewRecordService,
    GazetteIssuesService,
    ContentCheckService,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ApiModule implements OnApplicationBootstrap {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.auth.ensureBootstrapAdmin(this.config.get('BOOTSTRAP_ADMIN_PASSWORD'));
  }
}
