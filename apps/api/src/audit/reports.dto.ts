import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { realDay } from './audit-query.dto.js';

@ValidatorConstraint({ name: 'realDay' })
class RealDay implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return typeof v === 'string' && realDay(v);
  }
  defaultMessage(): string {
    return '$property is not a real date';
  }
}

export class ComplianceQueryDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD (Beijing), the first day of the period' }) @Validate(RealDay)
  from: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD (Beijing), the last day of the period' }) @Validate(RealDay)
  to: string;

  @IsOptional() @IsString() @MaxLength(64)
  department?: string;

  @IsOptional() @IsIn(['json', 'xlsx', 'html'], { message: 'format must be json, xlsx or html' })
  format?: 'json' | 'xlsx' | 'html';
}

export class AnnualQueryDto {
  @Type(() => Number) @IsInt({ message: 'year must be a year like 2026' }) @Min(2000) @Max(2100)
  year: number;

  @IsOptional() @IsString() @MaxLength(64)
  department?: string;
}
