import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_ATTACHMENTS } from '../../../../libs/attachments/src/index.js';

/** What the previews show of a file: its name and size (the bytes are not needed to render a list). */
export class PreviewAttachmentDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  filename: string;

  @IsInt() @Min(0)
  sizeBytes: number;
}

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

  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ATTACHMENTS) @ValidateNested({ each: true }) @Type(() => PreviewAttachmentDto)
  attachments?: PreviewAttachmentDto[];
}

export class IndexNumberQuery {
  @IsString() @IsNotEmpty() @MaxLength(200)
  catalogueItemId: string;
}
