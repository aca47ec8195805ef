import type { IncomingMessage, OutgoingHttpHeader, Server, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { screenFeedNotModified } from '../../../../libs/observability/src/index.js';
import { FeedService, PresenceService, ScreenAuth, tokenFrom } from '../../../../libs/screens/src/index.js';
import { notModified } from './not-modified.js';

type Middleware = (req: any, res: any, next: (err?: unknown) => void) => void;

const FEED_PATH = /^\/api\/screens\/([0-9a-f-]{36})\/feed(?:\?.*)?$/;

/**
 * The screens' polls, answered ahead of Express. A thousand screens polling every few seconds are almost all
 * "unchanged": the profile (docs/benchmarks.md) showed the API's CPU going to Express's router, pino-http and
 * Nest's pipeline, not to the feed, so a poll that can be answered 304 from memory is answered here, on the
 * http server's own request event, and everything else goes on to Express untouched.
 *
 * Security is the ordinary path's, by construction: this answers only when the token is already in ScreenAuth's
 * cache for exactly this screen (a token the ordinary path checked against Postgres within the last 10 s, dropped at
 * once on rotation, revocation or a group move, in every process through Redis) and the If-None-Match equals the
 * group's current ETag (GroupVersions: moved by Redis signals, re-read every second). A missing, unknown, expired,
 * revoked or another screen's token, a changed feed, HEAD or any other shape of request falls through to the
 * controller, which answers 401/403/200 as before. The screen's sighting is recorded the same way.
 *
 * Not logged per request (the ordinary path's request log already skipped /feed); counted in
 * gkd_screen_feed_not_modified_total instead.
 */
export function serveFeedFastPath(app: NestExpressApplication, securityHeaders: Middleware): void {
  const auth = app.get(ScreenAuth);
  const feeds = app.get(FeedService);
  const presence = app.get(PresenceService);
  const fixed = [...captureHeaders(securityHeaders), 'Cache-Control', 'private, no-cache', 'Vary', 'Authorization'];
  const server: Server = app.getHttpServer();
  const express = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!answer(req, res)) for (const l of express) l(req, res);
  });

  function answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET') return false;
    const inm = req.headers['if-none-match'];
    if (!inm) return false;
    const m = FEED_PATH.exec(req.url ?? '');
    if (!m) return false;
    const screen = auth.cachedScreen(m[1], tokenFrom(req.headers.authorization));
    if (!screen) return false;
    const etag = feeds.currentEtag(screen.group);
    if (!notModified(inm, etag)) return false;
    presence.seen(screen.id);
    screenFeedNotModified.inc();
    res.writeHead(304, [...fixed, 'ETag', etag]);
    res.end();
    return true;
  }
}

/**
 * The security headers the ordinary path sets on this route (helmet's, through the same middleware), taken once:
 * they depend on the route, not on the request.
 */
function captureHeaders(mw: Middleware): string[] {
  const out: string[] = [];
  const res = {
    setHeader: (k: string, v: OutgoingHttpHeader) => out.push(k, String(v)),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  };
  let called = false;
  mw({ path: '/api/screens/00000000-0000-0000-0000-000000000000/feed', url: '/api/screens/00000000-0000-0000-0000-000000000000/feed', method: 'GET', headers: {} }, res, (err) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('security headers middleware did not finish synchronously; the feed fast path cannot copy its headers');
  return out;
}
