import type { Request } from 'express';

/** The routes that take one file as multipart/form-data, parsed by multer in the route. */
const UPLOAD_PATHS = new Set(['/api/attachments', '/api/import/docx']);

/** POST /api/attachments (附件) and /api/import/docx (Word import) with multipart/form-data. */
export function isAttachmentUpload(req: Request): boolean {
  return req.method === 'POST' && UPLOAD_PATHS.has(req.path) && !!req.is('multipart/form-data');
}
