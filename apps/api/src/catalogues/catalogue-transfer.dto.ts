import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const flag = ({ value }: { value: unknown }) => (value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : value);

export class ExportQuery {
  @IsOptional() @IsIn(['xlsx', 'csv'], { message: 'format must be xlsx or csv' })
  format?: 'xlsx' | 'csv';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  version?: number;
}

export class ImportQuery {
  /** 1: make a new catalogue (name and department required) instead of a new version of an existing one. */
  @IsOptional() @Transform(flag) @IsIn([true, false], { message: 'create must be 1 or 0' })
  create?: boolean;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'department must be a department code (lower-case letters, digits, dashes)' })
  department?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  publisher?: string;

  /** 1: check the file and report, store nothing. */
  @IsOptional() @Transform(flag) @IsIn([true, false], { message: 'dryRun must be 1 or 0' })
  dryRun?: boolean;
}

export class PreviewQuery {
  @IsOptional() @IsISO8601({ strict: true }, { message: 'generatedAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00+08:00' })
  generatedAt?: string;

  @IsOptional() @Matches(DATE, { message: 'approvalDate must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true })
  approvalDate?: string;

  @IsOptional() @Matches(DATE, { message: 'noticeEndDate must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true })
  noticeEndDate?: string;

  @IsOptional() @IsUUID('all', { message: 'policyDisclosureId must be a UUID' })
  policyDisclosureId?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'reviewedAt must be an ISO 8601 date-time' })
  reviewedAt?: string;
}
