import { Controller, Get, NotFoundException, Param, Post, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { AttachmentsService, metaOf, type AttachmentMeta } from '../../../../libs/attachments/src/index.js';
import { CurrentUser, Public, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { UploadErrorsFilter } from './upload-errors.filter.js';

/** What multer hands over with memory storage (the fields used here). */
interface UploadedPart {
  originalname: string;
  buffer: Buffer;
}

/**
 * 附件. Staff upload a file (multipart, field `file`) and get its id; the id goes into a draft's or a
 * disclosure's `attachmentIds`. Readers download a published file at /api/public/attachments/:id/:filename.
 */
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('attachments')
  @Roles('editor', 'publisher')
  @UseFilters(UploadErrorsFilter)
  @UseInterceptors(FileInterceptor('file'))
  async upload(@UploadedFile() file: UploadedPart | undefined, @CurrentUser() user: Principal): Promise<AttachmentMeta> {
    return metaOf(await this.attachments.store(file, user));
  }

  @Get('attachments/:id')
  async download(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal, @Res() res: Response): Promise<void> {
    send(res, await this.attachments.readForStaff(id, user), 'private, no-store');
  }

  /** Public while a disclosure that is not withdrawn links the file; after a withdrawal: 404, like any unknown file. */
  @Public()
  @Get('public/attachments/:id/:filename')
  async published(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const file = await this.attachments.readPublic(id);
    if (!file) throw new NotFoundException({ message: '附件不存在或已随公开信息撤回', field: 'id' });
    // revalidated on every use, so a withdrawal takes effect at once; the hash makes the revalidation cheap
    res.setHeader('ETag', `"${file.sha256}"`);
    if (req.headers['if-none-match'] === `"${file.sha256}"`) {
      res.status(304).end();
      return;
    }
    send(res, file, 'public, no-cache');
  }
}

function send(res: Response, file: AttachmentMeta & { content: Buffer }, cache: string): void {
  // Images open in the browser; everything else downloads under its own name (RFC 6266 filename*, UTF-8).
  res.attachment(file.filename);
  if (file.contentType.startsWith('image/')) res.setHeader('Content-Disposition', String(res.getHeader('Content-Disposition')).replace(/^attachment/, 'inline'));
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Cache-Control', cache);
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Content-Length', String(file.content.length));
  res.end(file.content);
}
