import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../../../../../libs/auth/src/index.js';
import { ChannelRegistry } from '../../../../../libs/channels/src/index.js';
import { DISCLOSURE_QUEUE, DispatchProducer } from '../../../../../libs/dispatch/src/index.js';
import { adminQueues } from '../admin-queues.js';
import { BOARD_COOKIE, BOARD_PATH, BOARD_SCOPE } from './board.constants.js';

/**
 * Bull Board at /api/admin/queues/board/, admin only and read-only. Postgres is the truth about every delivery:
 * retrying, removing or promoting a job here would bypass the delivery rows and the audit log, so the adapters are
 * read-only and any method but GET/HEAD is refused before the board sees it. Retries go through the back office.
 */
export function serveQueueBoard(app: NestExpressApplication): void {
  const auth = app.get(AuthService);
  const channels = app.get(ChannelRegistry);
  const producer = app.get(DispatchProducer);
  const disclosures = app.get<Queue>(getQueueToken(DISCLOSURE_QUEUE), { strict: false });

  const current = () =>
    adminQueues(disclosures, producer, channels).map(
      (q) => new BullMQAdapter(q.queue, { readOnlyMode: true, allowRetries: false, displayName: !q.channel || q.label === q.channel ? q.label : `${q.label}（${q.channel}）` }),
    );
  const server = new ExpressAdapter().setBasePath(BOARD_PATH);
  const board = createBullBoard({
    queues: current(),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: '队列看板', locale: { lng: 'zh-CN' }, hideDocsLink: true, miscLinks: [{ text: '返回后台', url: '/admin/queues' }] } },
  });
  let known = channels.list().map((c) => c.name).join(',');

  const guard = async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).json({ statusCode: 405, message: '队列看板为只读：请在后台的公开记录页面重新发送' });
      return;
    }
    let roles: string[];
    try {
      const token = readCookie(req.headers.cookie, BOARD_COOKIE); // a malformed %-escape throws: no session either
      if (!token) throw new Error('no cookie');
      roles = (await auth.authenticate(token, BOARD_SCOPE)).roles;
    } catch {
      deny(res, 401, '队列看板的会话已失效或不存在：请登录后台，在「队列」页面点击「打开队列看板」。');
      return;
    }
    if (!roles.includes('admin')) {
      deny(res, 403, '只有系统管理员可以查看队列看板。');
      return;
    }
    // Channels added at runtime appear without a restart.
    const now = channels.list().map((c) => c.name).join(',');
    if (now !== known) {
      known = now;
      board.replaceQueues(current());
    }
    next();
  };
  app.use(BOARD_PATH, guard, server.getRouter());
}

function deny(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(message);
}

/** One cookie's value; the board needs only its own, so a full cookie parser would add nothing. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
