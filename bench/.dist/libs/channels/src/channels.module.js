var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { ADAPTER_FACTORIES } from './adapter.contract.js';
import { ChannelRegistry } from './channel-registry.service.js';
import { ManualAdapterFactory } from './manual/manual.adapter.js';
import { WebhookAdapterFactory } from './webhook/webhook.adapter.js';
import { ScreensAdapterFactory } from './screens/screens.adapter.js';
import { ScreenVendorAdapterFactory } from './screens/screen-vendor.adapter.js';
import { WechatOaAdapterFactory } from './wechat-oa/wechat-oa.adapter.js';
import { WeiboAdapterFactory } from './weibo/weibo.adapter.js';
import { AppPushAdapterFactory } from './app-push/app-push.adapter.js';
import { ScreensCoreModule } from '../../screens/src/screens-core.module.js';
import { EmailAdapterFactory } from './email/email.adapter.js';
import { SmsAdapterFactory } from './sms/sms.adapter.js';
import { GazetteAdapterFactory } from './gazette/gazette.adapter.js';
import { SubscribersModule } from '../../subscribers/src/subscribers.module.js';
/** Every adapter type is a factory provider; add a new one to `factories` and it can be named in channels.yaml. */
const factories = [WebhookAdapterFactory, ManualAdapterFactory, ScreensAdapterFactory, ScreenVendorAdapterFactory, WechatOaAdapterFactory, WeiboAdapterFactory, AppPushAdapterFactory, EmailAdapterFactory, SmsAdapterFactory, GazetteAdapterFactory];
let ChannelsModule = class ChannelsModule {
};
ChannelsModule = __decorate([
    Module({
        // the screens adapters put notices on screen groups through the screens store
        // email and SMS fan out to subscribers through the push records
        imports: [ScreensCoreModule, SubscribersModule],
        providers: [
            ...factories,
            { provide: ADAPTER_FACTORIES, inject: factories, useFactory: (...list) => list },
            ChannelRegistry,
        ],
        exports: [ChannelRegistry],
    })
], ChannelsModule);
export { ChannelsModule };
