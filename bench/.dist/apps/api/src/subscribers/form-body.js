import express from 'express';
/**
 * RFC 8058: a mail provider's one-click unsubscribe is a POST whose body (List-Unsubscribe=One-Click) comes as
 * application/x-www-form-urlencoded or multipart/form-data, and the confirmation pages post plain HTML forms.
 * These two public routes therefore take form bodies; the token always travels in the URL, so the body's
 * content is never needed and a multipart body is only drained.
 */
const FORM_PATHS = new Set(['/api/subscribers/unsubscribe', '/api/subscribers/verify']);
const LIMIT = 16 * 1024;
export function isSubscriberForm(req) {
    return req.method === 'POST' && FORM_PATHS.has(req.path) && !req.is('application/json');
}
const urlencoded = express.urlencoded({ extended: false, limit: LIMIT });
export function subscriberFormBody(req, res, next) {
    if (!isSubscriberForm(req))
        return next();
    if (req.is('application/x-www-form-urlencoded')) {
        return urlencoded(req, res, (err) => {
            if (err)
                return void res.status(400).json({ statusCode: 400, error: 'Bad Request', message: '无法读取表单内容', field: 'body' });
            next();
        });
    }
    let size = 0;
    req.on('data', (chunk) => {
        size += chunk.length;
        if (size > LIMIT)
            req.destroy();
    });
    req.on('end', () => {
        req.body = {};
        next();
    });
    if (req.readableEnded) {
        req.body = {};
        next();
    }
}
