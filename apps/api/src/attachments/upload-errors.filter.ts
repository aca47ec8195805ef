import { ArgumentsHost, Catch, HttpException, Injectable, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AttachmentsService, mib } from '../../../../libs/attachments/src/index.js';

/**
 * multer's refusals (too large, a second file, a field named otherwise) come out of Nest in English without a
 * field; the upload form needs them in Chinese, naming `file`. Everything else keeps its own answer.
 */
@Catch(HttpException)
@Injectable()
export class UploadErrorsFilter implements ExceptionFilter {
  constructor(private readonly attachments: AttachmentsService) {}

  catch(err: HttpException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const code = (err.cause as { code?: string } | undefined)?.code;
    const status = err.getStatus();
    const message =
      code === 'LIMIT_FILE_SIZE'
        ? `文件超过 ${mib(this.attachments.maxBytes)} 的上限，请压缩或拆分后再上传`
        : code === 'LIMIT_FILE_COUNT' || code === 'LIMIT_UNEXPECTED_FILE'
          ? '一次上传一个文件，表单字段名为 file'
          : code
            ? `无法读取上传的文件：${err.message}`
            : undefined;
    const body = err.getResponse();
    if (res.headersSent) return;
    if (message) res.status(status).json({ statusCode: status, error: err.name, message, field: 'file' });
    else res.status(status).json(typeof body === 'string' ? { statusCode: status, message: body } : body);
  }
}
