import { parseEnv } from './env.schema.js';

describe('configuration', () => {
  const good = { DATABASE_URL: 'postgres://u:p@h/db', REDIS_URL: 'redis://h:6379', JWT_SECRET: 'x'.repeat(32) };

  it('accepts a complete environment and fills defaults', () => {
    const r = parseEnv(good);
    expect('env' in r && r.env).toEqual(expect.objectContaining({ PORT: 3000, QUEUE_PREFIX: '{gkd}', WORKER_LOCK_MS: 30000 }));
  });

  it('reports one line per problem, naming the variable', () => {
    const r = parseEnv({ REDIS_URL: 'http://h', JWT_SECRET: 'short', PORT: 'eighty' });
    expect('problems' in r && r.problems.sort()).toEqual([
      'config: DATABASE_URL is required but not set',
      expect.stringMatching(/^config: JWT_SECRET must be at least 32 characters/),
      expect.stringMatching(/^config: PORT /),
      'config: REDIS_URL must be a redis:// URL',
    ]);
  });
});
