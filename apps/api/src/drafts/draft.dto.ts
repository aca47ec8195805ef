import { ContentCheckOverrideDto } from '../content-check/content-check.dto.js';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DisclosureMetadataDto } from '../disclosures/publish.dto.js';
import { AttachmentIds } from '../attachments/attachment-ids.validator.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateDraftDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  catalogueItemId: string;

  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @IsString() @IsNotEmpty() @MaxLength(900_000)
  body: string;

  @IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time' })
  generatedAt: string;

  @IsOptional() @ValidateNested() @Type(() => DisclosureMetadataDto)
  metadata?: DisclosureMetadataDto;

  @IsOptional() @Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' })
  approvalDate?: string;

  @IsOptional() @Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' })
  noticeEndDate?: string;

  @AttachmentIds()
  attachmentIds?: string[];
}

export class UpdateDraftDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  catalogueItemId?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300)
  title?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(900_000)
  body?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time' })
  generatedAt?: string;

  @IsOptional() @ValidateNested() @Type(() => DisclosureMetadataDto)
  metadata?: DisclosureMetadataDto;

  @IsOptional() @Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' })
  approvalDate?: string;

  @IsOptional() @Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' })
  noticeEndDate?: string;

  @AttachmentIds()
  attachmentIds?: string[];
}

export class ReviewChecksDto {
  @IsBoolean() secrecy: boolean; // 保密关
  @IsBoolean() political: boolean; // 政治关
  @IsBoolean() legal: boolean; // 法律关
  @IsBoolean() wording: boolean; // 文字关
}

export class ReviewDto {
  @IsIn(['approve', 'return'])
  decision: 'approve' | 'return';

  @ValidateNested() @Type(() => ReviewChecksDto)
  checks: ReviewChecksDto;

  @IsOptional() @IsString() @MaxLength(5000)
  comments?: string;

  /** Publishing over the pre-publish check's warnings needs a reason (recorded in the audit log). */
  @IsOptional() @ValidateNested() @Type(() => ContentCheckOverrideDto)
  contentCheckOverride?: ContentCheckOverrideDto;
}

export class PublishDraftDto {
  @IsOptional() @IsISO8601({ strict: true }, { message: 'scheduledAt must be an ISO 8601 date-time' })
  scheduledAt?: string;

  /** Publishing over the pre-publish check's warnings needs a reason (recorded in the audit log). */
  @IsOptional() @ValidateNested() @Type(() => ContentCheckOverrideDto)
  contentCheckOverride?: ContentCheckOverrideDto;
}
