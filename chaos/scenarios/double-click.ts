import { publishableItems, type LoadResult } from '../support/api-client.js';
import { Deployment, STALL_MS } from '../support/deployment.js';
import { verdict } from '../support/verdict.js';
import type { Scenario } from './scenario.js';

/**
 * Two API processes and two workers on one Redis; every publish is a double click gone wrong: the same request
 * with the same Idempotency-Key sent twice to each API at the same moment. Exactly one disclosure per key, one
 * 201 and the rest 200 with that disclosure, and every channel receives each delivery once.
 */
export const doubleClick: Scenario = {
  id: 'double-click',
  title: 'Two APIs, two workers, double-clicked publish',
  async run({ infra, quick, log }) {
    const keys = quick ? 40 : 300;
    const d = await Deployment.create(infra, { label: 'double-click', apis: 2, workers: 2 });
    try {
      const items = await publishableItems(d.client());
      const load: LoadResult = { accepted: new Map(), deliveries: 0, refused: [], abandoned: [] };
      let wrongCreated = 0;
      let split = 0;
      let next = 0;
      const clicker = async () => {
        for (let n = next++; n < keys; n = next++) {
          const key = `dc-${n}`;
          const body = { catalogueItemId: items[n % items.length].id, title: `双击发布 第${n}号`, body: '<p>同一请求发送两次。</p>', generatedAt: '2026-11-24T09:00:00+08:00' };
          const answers = await Promise.all(
            [0, 1, 0, 1].map((i) => d.client(i).call('POST', '/api/disclosures', { body, headers: { 'idempotency-key': key } })),
          );
          const ok = answers.filter((a) => a.status === 200 || a.status === 201);
          for (const a of answers) if (!(a.status === 200 || a.status === 201)) load.refused.push(`${key}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
          if (answers.filter((a) => a.status === 201).length !== 1) wrongCreated++;
          const ids = new Set(ok.map((a) => a.body.id as string));
          if (ids.size > 1) split += ids.size - 1;
          if (ok.length) {
            load.accepted.set(key, ok[0].body.id);
            load.deliveries += ok[0].body.deliveries.length;
          }
        }
      };
      await Promise.all(Array.from({ length: 5 }, clicker));
      log(`  ${keys} keys × 4 simultaneous requests`);
      const open = await d.settle(STALL_MS, log);
      // two disclosures for one key show up in the database and at the sinks: verdict counts them there
      return await verdict(d, {
        allDelivered: true,
        loads: [load],
        notes: [
          `${keys} Idempotency-Keys, each sent 4 times at once (2 per API process); keys answered with other than exactly one 201: ${wrongCreated}; keys answered with different disclosures: ${split}`,
          ...(open ? [`${open} deliveries still open when the wait ended`] : []),
        ],
      });
    } finally {
      await d.close();
    }
  },
};
