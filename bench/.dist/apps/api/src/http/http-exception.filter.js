var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Catch, HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConflictError, ForbiddenError, IdempotencyMismatchError, isDatabaseUnavailable, NotFoundError, ValidationError } from '../../../../libs/dispatch/src/index.js';
/**
 * Every error leaves as JSON {statusCode, error, message[, field]}. Domain errors map to their 4xx; a lost
 * database connection is a 503 that says so; anything else is a logged 500 with no internals leaked.
 */
let HttpExceptionFilter = class HttpExceptionFilter {
    logger = new Logger('HTTP');
    catch(err, host) {
        const res = host.switchToHttp().getResponse();
        const req = host.switchToHttp().getRequest();
        const [status, body] = this.toResponse(err);
        if (status >= 500)
            this.logger.error(`${req.method} ${req.url}: ${err?.stack ?? err}`);
        if (!res.headersSent)
            res.status(status).json({ statusCode: status, ...body });
    }
    toResponse(err) {
        if (err instanceof HttpException) {
            const r = err.getResponse();
            return [err.getStatus(), typeof r === 'string' ? { error: err.name, message: r } : r];
        }
        if (err instanceof ValidationError)
            return [400, { error: 'Bad Request', message: err.message, field: err.field }];
        if (err instanceof NotFoundError)
            return [404, { error: 'Not Found', message: err.message }];
        if (err instanceof ForbiddenError)
            return [403, { error: 'Forbidden', message: err.message }];
        if (err instanceof ConflictError)
            return [409, { error: 'Conflict', message: err.message }];
        if (err instanceof IdempotencyMismatchError)
            return [422, { error: 'Unprocessable Entity', message: err.message, field: 'Idempotency-Key' }];
        if (isDatabaseUnavailable(err))
            return [503, { error: 'Service Unavailable', message: '数据库暂时不可用，请稍后重试 (database unavailable)' }];
        if (err instanceof QueryFailedError && /^22/.test(err.code ?? '')) {
            return [400, { error: 'Bad Request', message: `invalid value: ${err.message}` }];
        }
        return [500, { error: 'Internal Server Error', message: '服务器内部错误，已记录 (internal error, logged)' }];
    }
};
HttpExceptionFilter = __decorate([
    Catch()
], HttpExceptionFilter);
export { HttpExceptionFilter };
