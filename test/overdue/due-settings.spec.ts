import { parseEnv } from '../../libs/config/src/index.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * The counting rules a deployment chooses (docs/calendar.md) reach every due date the API computes: set in the
 * environment, validated at boot, used by the preview and by publishing alike.
 */
describe('due-date settings from the environment', () => {
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    s = await startStack({ worker: false, env: { DUE_COUNT_START_DAY: 'true', DUE_IMMEDIATE_GRACE_WORKING_DAYS: '1' } });
    admin = await s.token();
  });
  afterAll(() => s.close());

  const due = async (item: string) => {
    const r = await s.call('GET', `/api/catalogues/genhe-zwfw/items/${item}/preview?generatedAt=2026-11-24T09:00:00%2B08:00`, { token: admin });
    expect(r.status).toBe(200);
    return r.body.due.dueDate;
  };

  it('counts the day of production as day 1 and gives 即时公开 its grace day', async () => {
    // Tuesday 2026-11-24 is day 1 of 20: the 20th is Monday 2026-12-21 (the default, not counting it, gives 12-22)
    expect(await due('01-01')).toBe('2026-12-21');
    // 01-03 is 即时公开: the working day of production plus one
    expect(await due('01-03')).toBe('2026-11-25');
    const r = await s.call('POST', '/api/disclosures', {
      token: admin, body: { catalogueItemId: 'genhe-zwfw:01-01', title: '计日规则', body: '正文', generatedAt: '2026-11-24T09:00:00+08:00' },
    });
    expect(r.status).toBe(201);
    expect(r.body.dueAt).toBe('2026-12-21T15:59:59.999Z');
  });

  it('refuses a malformed setting at boot with one line naming it', () => {
    const base = { DATABASE_URL: 'postgres://u:p@h/db', REDIS_URL: 'redis://h:6379', JWT_SECRET: 'x'.repeat(32) };
    const r = parseEnv({ ...base, DUE_COUNT_START_DAY: 'yes', DUE_IMMEDIATE_GRACE_WORKING_DAYS: '-1' });
    expect('problems' in r && r.problems.sort()).toEqual([
      'config: DUE_COUNT_START_DAY must be true or false',
      expect.stringMatching(/^config: DUE_IMMEDIATE_GRACE_WORKING_DAYS /),
    ]);
    const ok = parseEnv(base);
    expect('env' in ok && [ok.env.DUE_COUNT_START_DAY, ok.env.DUE_IMMEDIATE_GRACE_WORKING_DAYS, ok.env.DUE_AFTER_REVIEW_WORKING_DAYS]).toEqual([false, 0, 20]);
  });
});
