import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export class CreateScreenDto {
  @IsString() @IsNotEmpty() @MaxLength(100)
  name: string;

  /** a screen group from config/channels.yaml (community, service_centre, reading_point …) */
  @IsString() @IsNotEmpty() @MaxLength(40)
  group: string;

  @IsOptional() @IsString() @MaxLength(200)
  location?: string;
}

export class UpdateScreenDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  name?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(40)
  group?: string;

  @IsOptional() @IsString() @MaxLength(200)
  location?: string;
}

export class ListScreensDto {
  @IsOptional() @IsString() @MaxLength(40)
  group?: string;
}

export class AckDto {
  /** the feed's `version` the screen now shows */
  @IsInt({ message: 'version must be an integer (the feed\'s version)' }) @Min(0)
  version: number;
}

export class PairDto {
  @IsString() @Matches(/^\d{8}$/, { message: 'code must be the 8-digit pairing code' })
  code: string;
}
