import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ChannelPreviewDto {
  @IsString() @MaxLength(300)
  title: string;

  @IsString() @MaxLength(900_000)
  body: string;

  @IsOptional() @IsString() @MaxLength(2000)
  summary?: string;

  @IsOptional() @IsString() @MaxLength(200)
  publisher?: string;

  @IsOptional() @IsString() @MaxLength(100)
  indexNo?: string;
}

export class IndexNumberQuery {
  @IsString() @IsNotEmpty() @MaxLength(200)
  catalogueItemId: string;
}
