import { ContentCheckOverrideDto } from '../content-check/content-check.dto.js';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { AttachmentIds } from '../attachments/attachment-ids.validator.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 公开目录 metadata of one record (政府信息公开条例 Art. 12 and common practice). */
export class DisclosureMetadataDto {
  @IsOptional() @IsString() @MaxLength(100)
  indexNo?: string; // 索引号

  @IsOptional() @IsString() @MaxLength(100)
  docNo?: string; // 文号

  @IsOptional() @Matches(DATE, { message: 'writtenAt must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true })
  writtenAt?: string; // 成文日期

  @IsOptional() @IsString() @MaxLength(2000)
  summary?: string; // 内容概述

  @IsOptional() @IsString() @MaxLength(100)
  subject?: string; // 主题分类

  @IsOptional() @IsArray() @IsString({ each: true }) @MaxLength(50, { each: true })
  keywords?: string[];

  @IsOptional() @IsString() @MaxLength(100)
  category?: string; // e.g. 规范性文件

  @IsOptional() @IsIn(['in_force', 'repealed', 'expired'])
  validity?: string; // 有效性
}

export class PublishDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  catalogueItemId: string;

  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @IsString() @IsNotEmpty() @MaxLength(900_000)
  body: string;

  @IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00+08:00' })
  generatedAt: string;

  @IsOptional() @ValidateNested() @Type(() => DisclosureMetadataDto)
  metadata?: DisclosureMetadataDto;

  @IsOptional() @Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true })
  approvalDate?: string;

  @IsOptional() @Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true })
  noticeEndDate?: string;

  /** Required for 与政策文件同步发布 (with_policy) items: the disclosure of the policy being interpreted. */
  @IsOptional() @IsUUID('all', { message: 'policyDisclosureId must be the UUID of the policy document\'s disclosure' })
  policyDisclosureId?: string;

  @AttachmentIds()
  attachmentIds?: string[];

  /** Publishing over the pre-publish check's warnings needs a reason (recorded in the audit log). */
  @IsOptional() @ValidateNested() @Type(() => ContentCheckOverrideDto)
  contentCheckOverride?: ContentCheckOverrideDto;
}
