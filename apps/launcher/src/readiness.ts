import pg from 'pg';

/** How many users exist: the launcher needs it to know whether this start creates the admin (startup-summary.ts). */
export async function countUsers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS count FROM users`);
    return rows[0].count as number;
  } finally {
    await client.end();
  }
}

/** Waits until the API answers its health check (or the launcher is stopping), trying every quarter second. */
export async function waitForHealth(url: string, givenUp: () => boolean, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!givenUp() && Date.now() < until) {
    const ok = await fetch(url).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
