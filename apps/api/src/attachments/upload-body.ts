import type { Request } from 'express';

/** POST /api/attachments with multipart/form-data: the back office's file field, parsed by multer in the route. */
export function isAttachmentUpload(req: Request): boolean {
  return req.method === 'POST' && req.path === '/api/attachments' && !!req.is('multipart/form-data');
}
