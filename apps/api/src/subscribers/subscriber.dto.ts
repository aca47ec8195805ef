import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';

export class CreateSubscriberDto {
  @IsOptional() @IsString() @MaxLength(100)
  name?: string;

  @IsOptional() @IsString() @MaxLength(254)
  email?: string;

  @IsOptional() @IsString() @MaxLength(32)
  phone?: string;

  /** item:<catalogue>:<item>, group:<catalogue>:<一级事项 or group number>, catalogue:<catalogue> */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(200, { each: true })
  topics: string[];

  /** evidence of consent (e.g. 纸质登记表 2026-11-20 第12号): the addresses count as verified at once */
  @IsOptional() @IsString() @MaxLength(500)
  consent?: string;

  @IsOptional() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'departmentCode must be a department code' })
  departmentCode?: string;
}

/** Rows (objects like CreateSubscriberDto) or a CSV text; each row is checked on its own and reported by number. */
export class ImportSubscribersDto {
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsObject({ each: true })
  rows?: Record<string, unknown>[];

  /** header: name,email,phone,topics,consent (or 姓名,邮箱,手机,订阅,同意凭证); topics separated by ; or | */
  @IsOptional() @IsString() @MaxLength(900_000)
  csv?: string;
}

export class ListSubscribersQuery {
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @IsOptional() @IsString() @MaxLength(200)
  topic?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class TopicsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(200, { each: true })
  topics: string[];
}

export class ConsentDto {
  @IsString() @IsNotEmpty() @MaxLength(500)
  consent: string;
}

export class PushRecipientsQuery {
  @IsOptional() @IsIn(['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled'])
  status?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  after?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

export class ResolveUnknownDto {
  @IsIn(['sent', 'failed'])
  status: 'sent' | 'failed';

  @IsOptional() @IsArray() @ArrayMaxSize(10000) @IsInt({ each: true }) @Min(1, { each: true })
  subscriberIds?: number[];

  /** what was checked, e.g. "QuerySendDetails 2026-11-25: 3 delivered" */
  @IsString() @IsNotEmpty() @MaxLength(1000)
  note: string;
}
