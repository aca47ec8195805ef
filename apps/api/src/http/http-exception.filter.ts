import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ContentBlockedError, ContentWarningsError } from '../../../../libs/content-check/src/index.js';
import { ConflictError, ForbiddenError, IdempotencyMismatchError, isDatabaseUnavailable, NotFoundError, ValidationError } from '../../../../libs/dispatch/src/index.js';

/**
 * Every error leaves as JSON {statusCode, error, message[, field]}. Domain errors map to their 4xx; a lost
 * database connection is a 503 that says so; anything else is a logged 500 with no internals leaked.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest();
    const [status, body] = this.toResponse(err);
    if (status >= 500) this.logger.error(`${req.method} ${req.url}: ${(err as Error)?.stack ?? err}`);
    if (!res.headersSent) res.status(status).json({ statusCode: status, ...body });
  }

  private toResponse(err: unknown): [number, Record<string, unknown>] {
    if (err instanceof HttpException) {
      const r = err.getResponse();
      return [err.getStatus(), typeof r === 'string' ? { error: err.name, message: r } : (r as Record<string, unknown>)];
    }
    // 422 with the findings, so a page (or an API caller) can show each one where it is, with its fix
    if (err instanceof ContentBlockedError || err instanceof ContentWarningsError) {
      return [422, { error: 'Unprocessable Entity', message: err.message, field: err.field, findings: err.findings }];
    }
    if (err instanceof ValidationError) return [400, { error: 'Bad Request', message: err.message, field: err.field }];
    if (err instanceof NotFoundError) return [404, { error: 'Not Found', message: err.message }];
    if (err instanceof ForbiddenError) return [403, { error: 'Forbidden', message: err.message }];
    if (err instanceof ConflictError) return [409, { error: 'Conflict', message: err.message }];
    if (err instanceof IdempotencyMismatchError) return [422, { error: 'Unprocessable Entity', message: err.message, field: 'Idempotency-Key' }];
    if (isDatabaseUnavailable(err)) return [503, { error: 'Service Unavailable', message: '数据库暂时不可用，请稍后重试 (database unavailable)' }];
    if (err instanceof QueryFailedError && /^22/.test((err as { code?: string }).code ?? '')) {
      return [400, { error: 'Bad Request', message: `invalid value: ${(err as Error).message}` }];
    }
    return [500, { error: 'Internal Server Error', message: '服务器内部错误，已记录 (internal error, logged)' }];
  }
}
