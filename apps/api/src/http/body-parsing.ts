import express, { type NextFunction, type Request, type Response } from 'express';
import { isAttachmentUpload } from '../attachments/upload-body.js';
import { catalogueImportBody, isCatalogueImport } from '../catalogues/import-body.js';
import { isWechatCallback, wechatCallbackBody } from '../channels/wechat-callback-body.js';
import { isSubscriberForm, subscriberFormBody } from '../subscribers/form-body.js';

export const BODY_LIMIT = '1mb';

/**
 * JSON bodies only, up to 1 MB. Parser failures answer here as JSON naming what was wrong, because they
 * happen before Nest's exception filters can see the request.
 */
export function bodyParsing(app: express.Express | { use: (...h: unknown[]) => unknown }): void {
  app.use(requireJson);
  app.use(catalogueImportBody); // the catalogue import route takes a raw CSV/XLSX body (catalogues/import-body.ts)
  app.use(wechatCallbackBody); // WeChat posts its events as XML (channels/wechat-callback-body.ts)
  app.use(subscriberFormBody); // RFC 8058 one-click unsubscribe posts a form (subscribers/form-body.ts)
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));
  app.use(refuseUnstorableText);
  app.use((err: { type?: string; status?: number; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!err?.type) return next(err);
    if (err.type === 'entity.too.large') {
      return res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: `request body is larger than ${BODY_LIMIT}`, field: 'body' });
    }
    if (err.type === 'entity.parse.failed') {
      return res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `request body is not valid JSON: ${err.message}`, field: 'body' });
    }
    return res.status(err.status ?? 400).json({ statusCode: err.status ?? 400, error: 'Bad Request', message: err.message, field: 'body' });
  });
}

function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody || !req.path.startsWith('/api/')) return next();
  if (req.is('application/json')) return next();
  if (isCatalogueImport(req)) return next();
  if (isWechatCallback(req)) return next();
  if (isSubscriberForm(req)) return next();
  if (isAttachmentUpload(req)) return next(); // multer reads it in the route (attachments.controller.ts)
  res.status(415).json({
    statusCode: 415,
    error: 'Unsupported Media Type',
    message: `Content-Type must be application/json (got ${req.headers['content-type'] ?? 'none'})`,
    field: 'Content-Type',
  });
}

/**
 * Text that cannot be stored as given: PostgreSQL refuses U+0000 in text and jsonb (a query error naming no field),
 * and a lone surrogate is not Unicode at all (UTF-8 cannot encode it; it would come back as U+FFFD, and the request
 * hash of an Idempotency-Key cannot be computed). Refused here, naming the first field — or key — that has one.
 */
function refuseUnstorableText(req: Request, res: Response, next: NextFunction): void {
  const found = badTextAt(req.body, '');
  if (!found) return next();
  const field = found.path || 'body';
  const why = found.nul ? '不能包含 NUL 字符 (U+0000)' : '含有无效的 Unicode 字符 (a lone surrogate: not valid Unicode)';
  res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `${field}: ${why}`, field });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badText(s: string): { nul: boolean } | null {
  if (s.includes('\u0000')) return { nul: true };
  return LONE_SURROGATE.test(s) ? { nul: false } : null;
}

function badTextAt(v: unknown, path: string, depth = 0): { path: string; nul: boolean } | null {
  if (typeof v === 'string') {
    const bad = badText(v);
    return bad && { path, ...bad };
  }
  if (!v || typeof v !== 'object' || Buffer.isBuffer(v) || depth > 32) return null; // raw uploads are not text fields
  for (const [k, child] of Object.entries(v)) {
    const p = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    const badKey = badText(k);
    if (badKey) return { path: p, ...badKey };
    const found = badTextAt(child, p, depth + 1);
    if (found) return found;
  }
  return null;
}
