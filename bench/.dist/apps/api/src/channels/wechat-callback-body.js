import express from 'express';
/** A PUBLISHJOBFINISH event is a few hundred bytes; anything near this is not from WeChat. */
export const WECHAT_CALLBACK_LIMIT = '64kb';
const CALLBACK_PATH = /^\/api\/callbacks\/wechat\/[^/]+$/;
/** WeChat posts its events as XML (text/xml), unlike every other route under /api/, which takes JSON. */
export function isWechatCallback(req) {
    return req.method === 'POST' && CALLBACK_PATH.test(req.path);
}
const text = express.text({ type: () => true, limit: WECHAT_CALLBACK_LIMIT });
export function wechatCallbackBody(req, res, next) {
    if (!isWechatCallback(req))
        return next();
    text(req, res, (err) => {
        if (!err)
            return next();
        const tooLarge = err.type === 'entity.too.large';
        res.status(tooLarge ? 413 : (err.status ?? 400)).json({
            statusCode: tooLarge ? 413 : (err.status ?? 400),
            error: tooLarge ? 'Payload Too Large' : 'Bad Request',
            message: tooLarge ? `回调请求体超过 ${WECHAT_CALLBACK_LIMIT} 上限` : `无法读取回调请求体：${err.message}`,
            field: 'body',
        });
    });
}
