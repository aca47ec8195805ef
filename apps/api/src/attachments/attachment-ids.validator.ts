import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { MAX_ATTACHMENTS } from '../../../../libs/attachments/src/index.js';

/** `attachmentIds`: the ids POST /api/attachments returned, in the order the files should be listed. */
export function AttachmentIds() {
  return applyDecorators(
    IsOptional(),
    IsArray({ message: 'attachmentIds must be a list of attachment ids' }),
    ArrayMaxSize(MAX_ATTACHMENTS, { message: `attachmentIds: at most ${MAX_ATTACHMENTS} attachments` }),
    IsUUID('all', { each: true, message: 'attachmentIds must hold the ids POST /api/attachments returned' }),
  );
}
