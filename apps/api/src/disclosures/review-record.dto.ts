import { IsISO8601 } from 'class-validator';

export class ReviewRecordDto {
  /** When the reviewing office (e.g. 市本级督查室) completed its review. */
  @IsISO8601({ strict: true }, { message: 'reviewedAt must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00+08:00' })
  reviewedAt: string;
}
