import * as fs from 'node:fs';

export default async function globalTeardown() {
  const g = globalThis.__GKD__;
  if (!g) return;
  await g.redis.stop();
  await g.db.stop();
  fs.rmSync(g.root, { recursive: true, force: true });
}
