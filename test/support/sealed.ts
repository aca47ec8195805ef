import pg from 'pg';
import { SEALED_CHANNEL } from '../../libs/audit/src/index.js';

/**
 * Waits until every audit entry committed so far (id ≤ the largest id now) is sealed, on the sealer's
 * NOTIFY after each batch rather than on a clock. The stack's worker runs the sealer.
 */
export async function waitSealed(databaseUrl: string, timeoutMs = 20000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`LISTEN ${SEALED_CHANNEL}`);
    const [{ top }] = (await client.query(`SELECT coalesce(max(id), 0) AS top FROM audit_log`)).rows;
    const done = async () => (await client.query(`SELECT NOT EXISTS (SELECT 1 FROM audit_log WHERE seq IS NULL AND id <= $1) AS ok`, [top])).rows[0].ok;
    let seen = 0;
    let wake: (() => void) | undefined;
    client.on('notification', () => {
      seen++;
      wake?.();
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const before = seen;
      if (await done()) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`audit entries up to id ${top} still unsealed after ${timeoutMs} ms`);
      // a batch that committed after the check has notified already (seen moved): check again at once
      if (seen === before) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  } finally {
    await client.end();
  }
}
