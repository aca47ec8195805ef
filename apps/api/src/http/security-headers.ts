import type { NextFunction, Request, Response } from 'express';
import type helmetFn from 'helmet';
import { BOARD_PATH } from '../admin/queue-board/board.constants.js';

/**
 * helmet's headers everywhere. The back office and kiosk load only their own bundled scripts, so the strict
 * default CSP holds; Swagger UI (/api/docs) needs inline script and style, so it gets a CSP of its own. Bull Board
 * needs inline style only; its page links a web font from Google, which style-src 'self' keeps from loading, so
 * nothing leaves a closed network.
 */
export function securityHeaders(helmet: typeof helmetFn) {
  const strict = helmet({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:', 'http:'] } } });
  const docs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  const board = helmet({ contentSecurityPolicy: { directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  return (req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/api/docs') ? docs(req, res, next) : req.path.startsWith(`${BOARD_PATH}/`) ? board(req, res, next) : strict(req, res, next);
}
