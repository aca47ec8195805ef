import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DisclosureMetadataDto } from './publish.dto.js';

export class UpdateDisclosureDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  title?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(900_000)
  body?: string;

  @IsOptional() @ValidateNested() @Type(() => DisclosureMetadataDto)
  metadata?: DisclosureMetadataDto;
}

export class WithdrawDto {
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;
}
