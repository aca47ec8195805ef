var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../../../../libs/auth/src/index.js';
export class CreateUserDto {
    username;
    password;
    roles;
    departmentCode;
    displayName;
}
__decorate([
    IsString(),
    Matches(/^[a-zA-Z0-9._-]{2,64}$/, { message: 'username must be 2-64 letters, digits, dot, dash or underscore' }),
    __metadata("design:type", String)
], CreateUserDto.prototype, "username", void 0);
__decorate([
    IsString(),
    MinLength(10),
    MaxLength(200),
    __metadata("design:type", String)
], CreateUserDto.prototype, "password", void 0);
__decorate([
    IsArray(),
    ArrayMinSize(1),
    IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` }),
    __metadata("design:type", Array)
], CreateUserDto.prototype, "roles", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], CreateUserDto.prototype, "departmentCode", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], CreateUserDto.prototype, "displayName", void 0);
export class UpdateUserDto {
    roles;
    departmentCode;
    displayName;
    disabled;
    password;
}
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMinSize(1),
    IsIn(ROLES, { each: true, message: `roles must each be one of ${ROLES.join(', ')}` }),
    __metadata("design:type", Array)
], UpdateUserDto.prototype, "roles", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(64),
    __metadata("design:type", String)
], UpdateUserDto.prototype, "departmentCode", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], UpdateUserDto.prototype, "displayName", void 0);
__decorate([
    IsOptional(),
    IsBoolean(),
    __metadata("design:type", Boolean)
], UpdateUserDto.prototype, "disabled", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MinLength(10),
    MaxLength(200),
    __metadata("design:type", String)
], UpdateUserDto.prototype, "password", void 0);
