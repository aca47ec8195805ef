import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { beijingDayStart, nextDay, type AuditFilter } from '../../../../libs/audit/src/index.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The filters GET /api/audit and its exports share. */
export class AuditFilterDto {
  @IsOptional() @Matches(DAY_OR_INSTANT, { message: 'from must be a date (YYYY-MM-DD, Beijing) or an ISO 8601 instant with offset' })
  from?: string;

  @IsOptional() @Matches(DAY_OR_INSTANT, { message: 'to must be a date (YYYY-MM-DD, Beijing, inclusive) or an ISO 8601 instant with offset (exclusive)' })
  to?: string;

  @IsOptional() @IsString() @MaxLength(200)
  actor?: string;

  @IsOptional() @Matches(/^[a-z][a-z_]*(\.[a-z_]+)*(\.\*)?$/, { message: 'action must be an action name like delivery.attempt, or a prefix like delivery.*' })
  action?: string;

  @IsOptional() @IsString() @MaxLength(64)
  department?: string;

  @IsOptional() @IsUUID('all', { message: 'disclosure must be a UUID' })
  disclosure?: string;

  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;

  @IsOptional() @IsString() @MaxLength(64)
  outcome?: string;
}

export class ListAuditDto extends AuditFilterDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor a previous page returned' })
  cursor?: string;

  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export class ExportAuditDto extends AuditFilterDto {
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format: 'csv' | 'xlsx';
}

export class VerifyAuditDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  anchorSeq?: number;

  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'anchorHash must be 64 lowercase hex characters (a SHA-256)' })
  anchorHash?: string;
}

export class ListAnchorsDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor a previous page returned' })
  cursor?: string;
}

const bad = (field: string, message: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message, field });

/** A Beijing date means that whole day: `from` its start, `to` the end of it. An instant is taken as given. */
export function toInstant(v: string, field: string, end: boolean): Date {
  const d = DAY.test(v) ? beijingDayStart(end ? nextDay(v) : v) : new Date(v);
  if (Number.isNaN(d.getTime()) || !realDay(v)) throw bad(field, `${field} is not a real date`);
  return d;
}

export function toFilter(q: AuditFilterDto): AuditFilter {
  const from = q.from ? toInstant(q.from, 'from', false) : undefined;
  const to = q.to ? toInstant(q.to, 'to', true) : undefined;
  if (from && to && from >= to) throw bad('to', 'to must be after from');
  return { from, to, actor: q.actor, action: q.action, department: q.department, disclosure: q.disclosure, channel: q.channel, outcome: q.outcome };
}

/** 2026-02-30 matches the pattern but is not a day. */
export function realDay(v: string): boolean {
  const day = v.slice(0, 10);
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export { bad as badParam };
