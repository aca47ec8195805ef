import { randomBytes } from 'node:crypto';

/**
 * What `npm start` prints once everything is up, and the choices behind it. Kept apart from main.ts so the
 * wording and the choices are unit-tested without starting PostgreSQL and Redis.
 */

/** How the `admin` account stands after this start: the launcher decides it before the API starts. */
export type AdminState = { kind: 'generated'; password: string } | { kind: 'from-env' } | { kind: 'exists' };

/**
 * Local mode's first start: the launcher, not the API, generates the admin password, so it can show it in the
 * summary instead of inside one of the API's log lines. It hands it to the API as BOOTSTRAP_ADMIN_PASSWORD, which
 * creates the user only while there is none (a restart never resets a password).
 */
export function chooseAdmin(userCount: number, fromEnv: string | undefined, generate = () => randomBytes(12).toString('base64url')): AdminState {
  if (userCount > 0) return { kind: 'exists' };
  if (fromEnv) return { kind: 'from-env' };
  return { kind: 'generated', password: generate() };
}

/**
 * Local mode logs only warnings and errors unless LOG_LEVEL says otherwise: at `log` level Nest writes a line per
 * route and module at boot (hundreds), which buries the summary. Production keeps its default (`log`) because the
 * launcher's embedded mode is the only caller.
 */
export function localLogLevel(env: NodeJS.ProcessEnv): string {
  return env.LOG_LEVEL ?? 'warn';
}

export interface Summary {
  port: number;
  admin?: AdminState; // absent when DATABASE_URL/REDIS_URL were given: the launcher does not manage the admin then
  services: { name: string; address: string }[]; // embedded services and demo sinks, in the order started
  notes?: string[]; // free lines about the demo services (push-sinks.ts)
  dataDir?: string;
  logLevel?: string;
}

export function startupSummary(s: Summary): string {
  const base = `http://127.0.0.1:${s.port}`;
  const rows: [string, string][] = [
    ['back office', `${base}/`],
    ['API docs', `${base}/api/docs`],
  ];
  if (s.admin) rows.push(['log in as', `admin — ${adminText(s.admin)}`]);
  for (const svc of s.services) rows.push([svc.name, svc.address]);
  for (const note of s.notes ?? []) rows.push(['', note]);
  if (s.dataDir) rows.push(['data', s.dataDir]);
  if (s.logLevel) rows.push(['logs', `level ${s.logLevel} (set LOG_LEVEL=log for every line); Ctrl-C stops everything`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const rule = '─'.repeat(72);
  return [rule, 'Gongkai Dispatch is up', ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), rule].join('\n');
}

function adminText(a: AdminState): string {
  switch (a.kind) {
    case 'generated':
      return `password ${a.password} (generated now and shown only this once; change it after logging in)`;
    case 'from-env':
      return 'password from BOOTSTRAP_ADMIN_PASSWORD';
    case 'exists':
      return 'password as set before (data kept from an earlier start)';
  }
}
