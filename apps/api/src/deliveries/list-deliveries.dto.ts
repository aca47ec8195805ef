import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DELIVERY_STATUSES } from '../../../../libs/dispatch/src/index.js';

/** `status` takes one status or several, comma-separated (awaiting_confirmation,unconfirmed). */
export class ListDeliveriesDto {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value))
  @IsIn(DELIVERY_STATUSES, { each: true, message: `status must be one or more of ${DELIVERY_STATUSES.join(', ')}, comma-separated` })
  status?: string[];

  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;

  @IsOptional() @IsString() @MaxLength(64)
  department?: string;

  @IsOptional() @IsString() @MaxLength(200)
  office?: string;

  @IsOptional() @IsUUID('all', { message: 'disclosure must be a UUID' })
  disclosure?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
