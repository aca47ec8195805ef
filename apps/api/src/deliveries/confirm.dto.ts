import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Evidence that a manual task was done: what, when, where, and a reference to the proof. */
export class ConfirmDto {
  @IsString() @IsNotEmpty() @MaxLength(2000)
  note: string;

  @IsOptional() @IsISO8601({ strict: true })
  date?: string;

  @IsOptional() @IsString() @MaxLength(300)
  place?: string;

  @IsOptional() @IsString() @MaxLength(2000)
  evidence?: string;
}
