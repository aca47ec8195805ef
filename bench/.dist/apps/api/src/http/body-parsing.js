import express from 'express';
import { catalogueImportBody, isCatalogueImport } from '../catalogues/import-body.js';
import { isWechatCallback, wechatCallbackBody } from '../channels/wechat-callback-body.js';
import { isSubscriberForm, subscriberFormBody } from '../subscribers/form-body.js';
export const BODY_LIMIT = '1mb';
/**
 * JSON bodies only, up to 1 MB. Parser failures answer here as JSON naming what was wrong, because they
 * happen before Nest's exception filters can see the request.
 */
export function bodyParsing(app) {
    app.use(requireJson);
    app.use(catalogueImportBody); // the catalogue import route takes a raw CSV/XLSX body (catalogues/import-body.ts)
    app.use(wechatCallbackBody); // WeChat posts its events as XML (channels/wechat-callback-body.ts)
    app.use(subscriberFormBody); // RFC 8058 one-click unsubscribe posts a form (subscribers/form-body.ts)
    app.use(express.json({ limit: BODY_LIMIT, strict: true }));
    app.use((err, _req, res, next) => {
        if (!err?.type)
            return next(err);
        if (err.type === 'entity.too.large') {
            return res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: `request body is larger than ${BODY_LIMIT}`, field: 'body' });
        }
        if (err.type === 'entity.parse.failed') {
            return res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `request body is not valid JSON: ${err.message}`, field: 'body' });
        }
        return res.status(err.status ?? 400).json({ statusCode: err.status ?? 400, error: 'Bad Request', message: err.message, field: 'body' });
    });
}
function requireJson(req, res, next) {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody || !req.path.startsWith('/api/'))
        return next();
    if (req.is('application/json'))
        return next();
    if (isCatalogueImport(req))
        return next();
    if (isWechatCallback(req))
        return next();
    if (isSubscriberForm(req))
        return next();
    res.status(415).json({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: `Content-Type must be application/json (got ${req.headers['content-type'] ?? 'none'})`,
        field: 'Content-Type',
    });
}
