import express from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
/** Paths the back office never claims: the API, the screens' feeds and the metrics endpoint keep their own 404s. */
const NOT_SPA = /^\/(api|screens|metrics)(\/|$)/;
// The page loads only its own bundle: no CDN, no font service (closed government networks). Inline styles are
// allowed because echarts and React's style attributes use them; body previews may show http(s) images.
const CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
].join('; ');
/** dist/web beside the repository root, found from this file whether it runs from source (tests) or from dist/. */
export function defaultWebDir() {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        if (fs.existsSync(path.join(dir, 'package.json')))
            return path.join(dir, 'dist', 'web');
        const up = path.dirname(dir);
        if (up === dir)
            return path.resolve('dist', 'web');
        dir = up;
    }
}
/**
 * Serves the back office build at /: hashed files under /assets/ are cached for a year (their names change with
 * their content); index.html is revalidated on every load so a release shows at once. Any other GET path that is
 * no file gets index.html, so a reload on /disclosures/… opens that page (SPA fallback).
 */
export function serveWeb(app, dir = defaultWebDir()) {
    const index = path.join(dir, 'index.html');
    const files = express.static(dir, {
        index: false,
        redirect: false,
        setHeaders(res, file) {
            const hashed = file.startsWith(path.join(dir, 'assets') + path.sep);
            res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
    });
    app.use((req, res, next) => {
        if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_SPA.test(req.path))
            return next();
        files(req, res, (err) => {
            if (err)
                return next(err);
            // a missing hashed file is an old tab asking for a previous release: 404, never HTML posing as JS
            if (req.path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(req.path)) {
                res.status(404).type('text/plain; charset=utf-8').send('未找到该文件');
                return;
            }
            res.setHeader('Content-Security-Policy', CSP);
            res.setHeader('X-Content-Type-Options', 'nosniff');
            res.setHeader('Referrer-Policy', 'same-origin');
            res.setHeader('Cache-Control', 'no-cache');
            if (!fs.existsSync(index)) {
                res.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
                return;
            }
            res.sendFile(index);
        });
    });
}
const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>后台尚未构建</title>
<body style="font-family:'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;line-height:1.7;padding:2em">
<h1>后台页面尚未构建</h1><p>请在项目目录运行 <code>npm run build:web</code>（或 <code>npm run build</code>）后刷新本页。接口仍可在 /api 下使用。</p></body></html>`;
