import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListDisclosuresDto {
  @IsOptional() @IsIn(['dispatching', 'delivered', 'partially_delivered', 'failed', 'withdrawn'])
  status?: string;

  @IsOptional() @IsString() @MaxLength(64)
  department?: string;

  @IsOptional() @IsString() @MaxLength(200)
  item?: string;

  @IsOptional() @IsString() @MaxLength(64)
  channel?: string;

  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}
