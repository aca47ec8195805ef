import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type Principal } from '../../../../libs/auth/src/index.js';
import { uuidPipe } from '../disclosures/disclosures.controller.js';
import { GazetteIssuesService } from './gazette-issues.service.js';

/** Printed documents must not run anything; the gazette is public, its files never change once published. */
const FILE_HEADERS = {
  'content-security-policy': "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

/**
 * 政府公报 issues. Published issues are public documents (HTML and PDF, at the URL every delivery in them
 * records); listing, previews and publishing need a login.
 */
@Controller('gazette/issues')
export class GazetteController {
  constructor(private readonly issues: GazetteIssuesService) {}

  // the file routes come first: "/issues/<id>.html" would otherwise match ":id"
  @Get(':id.html')
  @Public()
  async html(@Param('id', uuidPipe('id')) id: string, @Res() res: Response) {
    await this.sendFile(res, await this.issues.publishedFile(id, 'html'), 'html', id);
  }

  @Get(':id.pdf')
  @Public()
  async pdf(@Param('id', uuidPipe('id')) id: string, @Res() res: Response) {
    await this.sendFile(res, await this.issues.publishedFile(id, 'pdf'), 'pdf', id);
  }

  @Get(':id/preview.html')
  @Roles('editor', 'reviewer', 'publisher')
  async previewHtml(@Param('id', uuidPipe('id')) id: string, @Res() res: Response) {
    await this.sendFile(res, await this.issues.previewFile(id, 'html'), 'html', id, true);
  }

  @Get(':id/preview.pdf')
  @Roles('editor', 'reviewer', 'publisher')
  async previewPdf(@Param('id', uuidPipe('id')) id: string, @Res() res: Response) {
    await this.sendFile(res, await this.issues.previewFile(id, 'pdf'), 'pdf', id, true);
  }

  @Get()
  list(@Query('channel') channel?: string) {
    return this.issues.list(channel);
  }

  @Get(':id')
  get(@Param('id', uuidPipe('id')) id: string) {
    return this.issues.get(id);
  }

  /** Prints a preview of the issue as it stands; nothing is published or settled. */
  @Post(':id/compile')
  @HttpCode(200)
  @Roles('editor', 'publisher')
  compile(@Param('id', uuidPipe('id')) id: string) {
    return this.issues.compile(id);
  }

  /** Closes, numbers, prints and publishes the issue, then settles every delivery in it as delivered. */
  @Post(':id/publish')
  @HttpCode(200)
  @Roles('publisher')
  publish(@Param('id', uuidPipe('id')) id: string, @CurrentUser() user: Principal) {
    return this.issues.publish(id, user);
  }

  private async sendFile(res: Response, file: string | null, kind: 'html' | 'pdf', id: string, preview = false): Promise<void> {
    if (!file) throw new NotFoundException({ message: preview ? `no preview of issue ${id}: compile it first` : `gazette issue ${id} is not published`, field: 'id' });
    res.set({
      ...FILE_HEADERS,
      'content-type': kind === 'html' ? 'text/html; charset=utf-8' : 'application/pdf',
      'cache-control': preview ? 'no-store' : 'public, max-age=300',
      ...(kind === 'pdf' ? { 'content-disposition': `inline; filename="gazette-${id}.pdf"` } : {}),
    });
    await new Promise<void>((resolve, reject) => res.sendFile(file, (err) => (err ? reject(err) : resolve())));
  }
}
