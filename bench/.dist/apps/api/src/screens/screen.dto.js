var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
export class CreateScreenDto {
    name;
    /** a screen group from config/channels.yaml (community, service_centre, reading_point …) */
    group;
    location;
}
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
    __metadata("design:type", String)
], CreateScreenDto.prototype, "name", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(40),
    __metadata("design:type", String)
], CreateScreenDto.prototype, "group", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], CreateScreenDto.prototype, "location", void 0);
export class UpdateScreenDto {
    name;
    group;
    location;
}
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
    __metadata("design:type", String)
], UpdateScreenDto.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(40),
    __metadata("design:type", String)
], UpdateScreenDto.prototype, "group", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], UpdateScreenDto.prototype, "location", void 0);
export class ListScreensDto {
    group;
}
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(40),
    __metadata("design:type", String)
], ListScreensDto.prototype, "group", void 0);
export class AckDto {
    /** the feed's `version` the screen now shows */
    version;
}
__decorate([
    IsInt({ message: 'version must be an integer (the feed\'s version)' }),
    Min(0),
    __metadata("design:type", Number)
], AckDto.prototype, "version", void 0);
export class PairDto {
    code;
}
__decorate([
    IsString(),
    Matches(/^\d{8}$/, { message: 'code must be the 8-digit pairing code' }),
    __metadata("design:type", String)
], PairDto.prototype, "code", void 0);
