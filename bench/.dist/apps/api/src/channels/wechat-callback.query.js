var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
/** The query WeChat signs every request to the server URL with (plaintext mode; safe mode adds the last two). */
export class WechatCallbackQuery {
    signature;
    timestamp;
    nonce;
    echostr;
    openid;
    encrypt_type;
    msg_signature;
}
__decorate([
    Matches(/^[0-9a-fA-F]{40}$/, { message: 'signature must be the 40-character hex SHA-1 WeChat sends' }),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "signature", void 0);
__decorate([
    Matches(/^\d{1,12}$/, { message: 'timestamp must be unix seconds' }),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "timestamp", void 0);
__decorate([
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "nonce", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(256),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "echostr", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(128),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "openid", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(16),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "encrypt_type", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], WechatCallbackQuery.prototype, "msg_signature", void 0);
