var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
export class CreateDepartmentDto {
    /** Stable code used in catalogues (department:), users and disclosures; never renamed. */
    code;
    /** The publishing body's name, e.g. 根河市民政局. */
    name;
}
__decorate([
    IsString(),
    Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'code must be 1-64 lower-case letters, digits and dashes' }),
    __metadata("design:type", String)
], CreateDepartmentDto.prototype, "code", void 0);
__decorate([
    IsString(),
    IsNotEmpty(),
    MaxLength(200),
    __metadata("design:type", String)
], CreateDepartmentDto.prototype, "name", void 0);
