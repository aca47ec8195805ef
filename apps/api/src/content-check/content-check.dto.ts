import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AttachmentIds } from '../attachments/attachment-ids.validator.js';

export class ContentCheckDto {
  @IsString() @MaxLength(300)
  title: string;

  @IsString() @MaxLength(900_000)
  body: string;

  @AttachmentIds()
  attachmentIds?: string[];
}

/** Publishing over the check's warnings: the reason goes into the audit log. */
export class ContentCheckOverrideDto {
  @IsString({ message: 'contentCheckOverride.reason 须为文字：说明仍要发布的理由' })
  @IsNotEmpty({ message: 'contentCheckOverride.reason 不能为空：说明仍要发布的理由' })
  @MaxLength(1000)
  reason: string;
}
