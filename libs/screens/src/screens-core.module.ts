import { Module } from '@nestjs/common';
import { DeliveryProgressService } from './notices/delivery-progress.js';
import { NoticePublisher } from './notices/notice-publisher.js';
import { NoticeStore } from './notices/notice-store.js';
import { ScreenSignals } from './signals/screen-signals.js';

const providers = [ScreenSignals, NoticeStore, NoticePublisher, DeliveryProgressService];

/**
 * What both processes need: the worker's screens adapter puts notices on groups, the API serves them. Depends only on
 * the global config and database, so the channels module can import it without a cycle.
 */
@Module({ providers, exports: providers })
export class ScreensCoreModule {}
