import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * The kiosk page's files are plain HTML, JS and CSS kept beside this module. The TypeScript build does not copy
 * them, so from dist/ they are read from the source tree (the same checkout the process runs in).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const candidates = [path.join(here, 'assets'), path.resolve(here, '../../../../../libs/screens/src/kiosk/assets')];
export const KIOSK_ASSETS = {
    'kiosk.js': 'text/javascript; charset=utf-8',
    'kiosk.css': 'text/css; charset=utf-8',
    'sw.js': 'text/javascript; charset=utf-8',
};
/**
 * No inline script or style, no other origin: a notice's text can never become code on a screen. Images may come from
 * the web (pictures in a notice body); everything else from this server.
 */
export const KIOSK_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https: http:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
].join('; ');
const cache = new Map();
function read(name) {
    let body = cache.get(name);
    if (body === undefined) {
        const dir = candidates.find((d) => fs.existsSync(path.join(d, name)));
        if (!dir)
            throw new Error(`kiosk asset ${name} not found (looked in ${candidates.join(', ')})`);
        body = fs.readFileSync(path.join(dir, name), 'utf8');
        cache.set(name, body);
    }
    return body;
}
export function kioskAsset(name) {
    const type = KIOSK_ASSETS[name];
    return type ? { body: read(name), type } : undefined;
}
export function kioskPage(screenId) {
    return read('kiosk.html').replace('{{SCREEN_ID}}', screenId.replace(/[^0-9a-f-]/gi, ''));
}
export function kioskErrorPage(message) {
    const esc = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>信息公开电子屏</title>` +
        `<body style="background:#000;color:#ffd600;font:2rem sans-serif;text-align:center;padding-top:30vh">${esc}</body></html>`;
}
