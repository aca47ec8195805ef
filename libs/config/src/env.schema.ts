import { z } from 'zod';

// Every setting the processes read, in one place. Defaults suit the embedded local mode that `npm start`
// sets up; production sets DATABASE_URL, REDIS_URL and JWT_SECRET itself.
const port = z.coerce.number().int().min(1).max(65535);
const ms = z.coerce.number().int().positive();

export const envSchema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  CONFIG_DIR: z.string().default('config'),
  CHANNELS_FILE: z.string().optional(),
  CATALOGUES_DIR: z.string().optional(),
  // A Redis Cluster hash tag keeps every queue of one deployment in one slot.
  QUEUE_PREFIX: z.string().regex(/^\{[a-z0-9_-]+\}$/i, 'must be a hash tag like {gkd}').default('{gkd}'),
  WORKER_LOCK_MS: ms.default(30000),
  OUTBOX_RELAY_MS: ms.default(2000),
  OUTBOX_GRACE_MS: ms.default(3000),
  // the reconciler re-queues an open delivery whose job the queue lost once it has sat this long; unset: the
  // larger of WORKER_LOCK_MS*2 and 60 s (docs/reliability.md)
  RECONCILE_STALE_MS: ms.optional(),
  ENQUEUE_TIMEOUT_MS: ms.default(2000),
  // how often the worker asks remotes about deliveries they accepted but have not finished
  POLL_INTERVAL_MS: ms.default(15000),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  // when set, GET /metrics needs it as a bearer token
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // the worker's own HTTP port for /health and /metrics (0 = off)
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  // Deadline alerts (docs/deadlines.md): e-mail to the responsible office is off unless both SMTP settings are set.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  OFFICES_FILE: z.string().optional(),
  OVERDUE_LEAD_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  // How due dates are counted (docs/calendar.md, DueSettings): whether the day of production counts as day 1, the
  // working days 即时公开 allows after it, and the working days an after_review item has from its review.
  DUE_COUNT_START_DAY: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false').transform((v) => v === 'true'),
  DUE_IMMEDIATE_GRACE_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(0),
  DUE_AFTER_REVIEW_WORKING_DAYS: z.coerce.number().int().min(1).max(365).default(20),
  OVERDUE_SWEEP_MS: ms.default(600000),
  // Screens (docs/screens.md): a screen counts as online while it called in within this many seconds; the API's
  // screens housekeeping (withdrawals, display windows, offline reports) runs this often.
  SCREEN_ONLINE_SECONDS: z.coerce.number().int().min(1).max(86400).default(90),
  SCREEN_HOUSEKEEPING_MS: ms.default(500),
  // Audit (docs/audit.md): the daily verify-then-anchor job's cron pattern and time zone; anchors are also
  // written as text files to AUDIT_ANCHOR_DIR when it is set (a folder synced to somewhere outside the system).
  AUDIT_DAILY_CRON: z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern like "30 2 * * *"').default('30 2 * * *'),
  AUDIT_TIMEZONE: z.string().default('Asia/Shanghai'),
  AUDIT_ANCHOR_DIR: z.string().optional(),
  // The sealer (docs/audit.md §1): how often an idle worker looks for committed entries to chain, and the most it
  // chains in one transaction. A full batch is followed by the next at once.
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  AUDIT_SEAL_BATCH: z.coerce.number().int().min(1).max(100_000).default(5000),
  // Attachments (docs/attachments.md): the largest file one upload may be, and the address readers reach this
  // service at, which channels put in front of each attachment's download path (default http://localhost:PORT).
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(20 * 1024 * 1024),
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be an http(s):// address without query, like https://gk.example.gov.cn')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; on failure returns one line per problem, naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): { env: Env } | { problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { env: result.data };
  return {
    problems: result.error.issues.map((i) => {
      const key = i.path.join('.');
      const message = i.code === 'invalid_type' && cleaned[key] === undefined ? 'is required but not set' : i.message;
      return `config: ${key} ${message}`;
    }),
  };
}
