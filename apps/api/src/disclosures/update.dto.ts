import { ContentCheckOverrideDto } from '../content-check/content-check.dto.js';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DisclosureMetadataDto } from './publish.dto.js';
import { AttachmentIds } from '../attachments/attachment-ids.validator.js';

export class UpdateDisclosureDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  title?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(900_000)
  body?: string;

  @IsOptional() @ValidateNested() @Type(() => DisclosureMetadataDto)
  metadata?: DisclosureMetadataDto;

  /** replaces the list of 附件 (omit to keep it) */
  @AttachmentIds()
  attachmentIds?: string[];

  /** Publishing over the pre-publish check's warnings needs a reason (recorded in the audit log). */
  @IsOptional() @ValidateNested() @Type(() => ContentCheckOverrideDto)
  contentCheckOverride?: ContentCheckOverrideDto;
}

export class WithdrawDto {
  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason: string;
}
