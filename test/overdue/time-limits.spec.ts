import { publishBody, startStack, type Stack } from '../support/stack.js';

/**
 * The due date as a publisher sees it before publishing (preview), the two kinds that need input at publish
 * (with_policy, after_review), and GET /api/overdue. No worker runs, so every delivery stays queued (open).
 */
describe('time limits at publish and the overdue list', () => {
  let s: Stack;
  let admin: string;

  beforeAll(async () => {
    s = await startStack({ worker: false });
    admin = await s.token();
  });
  afterAll(() => s.close());

  const preview = async (item: string, query = '') => {
    const r = await s.call('GET', `/api/catalogues/genhe-zwfw/items/${item}/preview${query ? '?' + query : ''}`, { token: admin });
    expect(r.status).toBe(200);
    return r.body;
  };
  const publish = async (item: string, extra: Record<string, unknown> = {}) => s.call('POST', '/api/disclosures', { token: admin, body: publishBody(`genhe-zwfw:${item}`, extra) });

  describe('preview: the legal due date before publishing, for each time-limit kind', () => {
    it('working_days: 20 working days, with the channels the item reaches', async () => {
      const p = await preview('01-01', 'generatedAt=2026-11-24T09:00:00%2B08:00');
      expect(p.due).toEqual({ dueAt: '2026-12-22T15:59:59.999Z', dueDate: '2026-12-22', provisional: false, waiting: null, warning: null });
      expect(p.channels.map((c: { carrier: string; channel: string }) => `${c.carrier}→${c.channel}`)).toEqual([
        'website→website', 'gazette→gazette', 'reading_point→screens', 'service_centre→screens', 'bulletin_board→screens', 'targeted_push→targeted-push',
      ]);
    });

    it('working_days into a year without an arrangement: provisional, and says which year', async () => {
      const p = await preview('01-01', 'generatedAt=2026-12-20T09:00:00%2B08:00');
      // 2027 has no file yet: counted with weekends only, so 1 January (a holiday in every year so far) counts
      expect(p.due).toEqual(expect.objectContaining({ dueDate: '2027-01-15', provisional: true, warning: expect.stringContaining('2027') }));
    });

    it('immediate: produced on a Saturday, due the next working day', async () => {
      expect((await preview('01-03', 'generatedAt=2026-11-28T10:00:00%2B08:00')).due).toEqual(expect.objectContaining({ dueDate: '2026-11-30', provisional: false }));
    });

    it('after_notice_period: waits for the notice end, then a month after it', async () => {
      expect((await preview('01-04', 'generatedAt=2026-01-05T10:00:00%2B08:00')).due).toEqual(expect.objectContaining({ dueAt: null, waiting: 'notice_end' }));
      expect((await preview('01-04', 'noticeEndDate=2026-01-31')).due).toEqual(expect.objectContaining({ dueDate: '2026-02-28', waiting: null }));
    });

    it('days_after_approval: 20 calendar days, and a warning when that falls on a holiday', async () => {
      expect((await preview('06-01')).due).toEqual(expect.objectContaining({ dueAt: null, waiting: 'approval' }));
      const p = await preview('06-01', 'approvalDate=2026-09-15');
      expect(p.due).toEqual(expect.objectContaining({ dueDate: '2026-10-05', warning: expect.stringContaining('rest day') }));
    });

    it('annual_report: 31 January of the next year', async () => {
      expect((await preview('07-02', 'generatedAt=2026-11-24T09:00:00%2B08:00')).due).toEqual(expect.objectContaining({ dueDate: '2027-01-31', provisional: false }));
    });

    it('with_policy and after_review wait for their input', async () => {
      expect((await preview('01-06')).due).toEqual(expect.objectContaining({ dueAt: null, waiting: 'policy' }));
      expect((await preview('09-04')).due).toEqual(expect.objectContaining({ dueAt: null, waiting: 'review' }));
      expect((await preview('09-04', 'reviewedAt=2025-06-03T10:00:00%2B08:00')).due).toEqual(expect.objectContaining({ dueDate: '2025-07-01' }));
    });

    it('answers bad input with a 4xx naming the field', async () => {
      const bad = await s.call('GET', '/api/catalogues/genhe-zwfw/items/01-01/preview?generatedAt=yesterday', { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/generatedAt/);
      const unknown = await s.call('GET', '/api/catalogues/genhe-zwfw/items/99-99/preview', { token: admin });
      expect(unknown.status).toBe(404);
      expect((await s.call('GET', '/api/catalogues/genhe-zwfw/items/01-06/preview?policyDisclosureId=00000000-0000-4000-8000-000000000000', { token: admin })).body.field).toBe('policyDisclosureId');
    });
  });

  let policy: { id: string; dueAt: string };

  describe('with_policy: an interpretation is published with its policy and takes its due date', () => {
    it('refuses an interpretation without its policy, naming policyDisclosureId', async () => {
      const r = await publish('01-06');
      expect(r.status).toBe(400);
      expect(r.body.field).toBe('policyDisclosureId');
      expect(r.body.message).toContain('与政策文件同步发布');
    });

    it('takes the linked policy’s due date and records the link', async () => {
      const p = await publish('01-01', { title: '关于印发某规范性文件的通知', generatedAt: '2025-03-03T09:00:00+08:00' });
      expect(p.status).toBe(201);
      policy = p.body;
      expect(policy.dueAt).toBe('2025-03-31T15:59:59.999Z');
      expect((await preview('01-06', `policyDisclosureId=${policy.id}`)).due).toEqual(expect.objectContaining({ dueAt: policy.dueAt, waiting: null }));
      const r = await publish('01-06', { title: '《某规范性文件》政策解读', policyDisclosureId: policy.id });
      expect(r.status).toBe(201);
      expect(r.body.dueAt).toBe(policy.dueAt);
      expect(r.body.metadata.policyDisclosureId).toBe(policy.id);
    });

    it('refuses a link on any other kind, and a link to nothing', async () => {
      expect((await publish('01-01', { policyDisclosureId: policy.id })).body.field).toBe('policyDisclosureId');
      const none = await publish('01-06', { policyDisclosureId: '00000000-0000-4000-8000-000000000000' });
      expect([none.status, none.body.field]).toEqual([400, 'policyDisclosureId']);
      expect((await publish('01-06', { policyDisclosureId: 'not-a-uuid' })).status).toBe(400);
    });
  });

  let reviewed: string;
  let interpretationId: string;

  describe('after_review: no due date until the review is recorded', () => {
    it('publishes with no due date, listed as waiting for review', async () => {
      const r = await publish('09-04', { title: '关于政协提案办理情况的公开', generatedAt: '2025-05-20T09:00:00+08:00' });
      expect(r.status).toBe(201);
      expect(r.body.dueAt).toBeNull();
      reviewed = r.body.id;
      // its 政策解读, published meanwhile, waits with it for the same deadline
      const interpretation = await publish('01-06', { title: '提案办理情况解读', policyDisclosureId: reviewed });
      expect([interpretation.status, interpretation.body.dueAt]).toEqual([201, null]);
      interpretationId = interpretation.body.id;
      const list = await s.call('GET', '/api/overdue', { token: admin });
      expect(list.body.items).toContainEqual(expect.objectContaining({ disclosureId: reviewed, state: 'waiting', waitingFor: 'review', dueAt: null, workingDaysLeft: null }));
    });

    it('lets only a reviewer of the department record the review', async () => {
      await s.call('POST', '/api/users', { token: admin, body: { username: 'pub-only', password: 'Long-Password-1', roles: ['publisher'], departmentCode: 'genhe-zwfw' } });
      await s.call('POST', '/api/users', { token: admin, body: { username: 'rev1', password: 'Long-Password-1', roles: ['reviewer'], departmentCode: 'genhe-zwfw' } });
      const publisher = await s.token('pub-only', 'Long-Password-1');
      expect((await s.call('POST', `/api/disclosures/${reviewed}/review-record`, { token: publisher, body: { reviewedAt: '2025-06-03T10:00:00+08:00' } })).status).toBe(403);
      const reviewer = await s.token('rev1', 'Long-Password-1');
      const bad = await s.call('POST', `/api/disclosures/${reviewed}/review-record`, { token: reviewer, body: { reviewedAt: 'soon' } });
      expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('reviewedAt')]);
      const early = await s.call('POST', `/api/disclosures/${reviewed}/review-record`, { token: reviewer, body: { reviewedAt: '2025-05-01T10:00:00+08:00' } });
      expect([early.status, early.body.field]).toEqual([400, 'reviewedAt']);

      const ok = await s.call('POST', `/api/disclosures/${reviewed}/review-record`, { token: reviewer, body: { reviewedAt: '2025-06-03T10:00:00+08:00' } });
      expect(ok.status).toBe(200);
      expect(ok.body.dueAt).toBe('2025-07-01T15:59:59.999Z'); // 20 working days after 2025-06-03
      const interp = (await s.call('GET', `/api/disclosures/${interpretationId}`, { token: admin })).body;
      expect(interp.dueAt).toBe('2025-07-01T15:59:59.999Z'); // the policy's deadline reached its interpretation
      const set = await s.db.query(`SELECT actor, details FROM audit_log WHERE action = 'disclosure.due_set' AND disclosure_id = $1`, [interpretationId]);
      expect(set.rows).toEqual([{ actor: 'user:rev1', details: expect.objectContaining({ reason: 'policy_reviewed', policyDisclosureId: reviewed }) }]);
      expect(ok.body.metadata).toEqual(expect.objectContaining({ reviewedAt: '2025-06-03T02:00:00.000Z', reviewedBy: 'rev1' }));
      const again = await s.call('POST', `/api/disclosures/${reviewed}/review-record`, { token: reviewer, body: { reviewedAt: '2025-06-04T10:00:00+08:00' } });
      expect(again.status).toBe(409);
      const audit = await s.db.query(`SELECT actor, details FROM audit_log WHERE action = 'disclosure.review_recorded' AND disclosure_id = $1`, [reviewed]);
      expect(audit.rows).toEqual([{ actor: 'user:rev1', details: expect.objectContaining({ dueAt: '2025-07-01T15:59:59.999Z' }) }]);
    });

    it('refuses a review record for an item that does not wait for one', async () => {
      expect((await s.call('POST', `/api/disclosures/${policy.id}/review-record`, { token: admin, body: { reviewedAt: '2025-06-03T10:00:00+08:00' } })).status).toBe(409);
    });
  });

  describe('GET /api/overdue', () => {
    it('lists what is late and what is at risk, with working days left, and not what has time', async () => {
      const now = new Date();
      const soon = await publish('01-03', { title: '即时公开的意见征集', generatedAt: now.toISOString() });
      const later = await publish('01-01', { title: '刚产生的规范性文件', generatedAt: now.toISOString() });
      const list = (await s.call('GET', '/api/overdue', { token: admin })).body;
      expect(list.lead).toBe(3);
      const byId = new Map(list.items.map((i: { disclosureId: string }) => [i.disclosureId, i]));
      expect(byId.get(policy.id)).toEqual(expect.objectContaining({ state: 'overdue', dueDate: '2025-03-31', office: '电子政务与政务公开办', catalogueItemId: 'genhe-zwfw:01-01' }));
      expect((byId.get(policy.id) as { workingDaysLeft: number }).workingDaysLeft).toBeLessThan(0);
      expect((byId.get(policy.id) as { openDeliveries: unknown[] }).openDeliveries).toHaveLength(6);
      expect(byId.get(reviewed)).toEqual(expect.objectContaining({ state: 'overdue', dueDate: '2025-07-01' }));
      const atRisk = byId.get(soon.body.id) as { state: string; workingDaysLeft: number };
      expect(atRisk.state).toBe('at_risk');
      expect([0, 1]).toContain(atRisk.workingDaysLeft);
      expect(byId.has(later.body.id)).toBe(false);
      expect(list.items.map((i: { state: string }) => i.state)).toEqual([...list.items.map((i: { state: string }) => i.state)].sort((a, b) => ['overdue', 'at_risk', 'waiting'].indexOf(a) - ['overdue', 'at_risk', 'waiting'].indexOf(b)));
      const onlyLate = (await s.call('GET', '/api/overdue?state=overdue', { token: admin })).body.items;
      expect(onlyLate.every((i: { state: string }) => i.state === 'overdue')).toBe(true);
      expect((await s.call('GET', '/api/overdue?state=soon', { token: admin })).status).toBe(400);
    });

    it('shows a department only its own', async () => {
      await s.call('POST', '/api/departments', { token: admin, body: { code: 'genhe-mz', name: '根河市民政局' } });
      await s.call('POST', '/api/users', { token: admin, body: { username: 'mz-pub', password: 'Long-Password-1', roles: ['publisher'], departmentCode: 'genhe-mz' } });
      const other = await s.token('mz-pub', 'Long-Password-1');
      expect((await s.call('GET', '/api/overdue', { token: other })).body.items).toEqual([]);
      const own = await s.token('pub-only', 'Long-Password-1');
      expect((await s.call('GET', '/api/overdue', { token: own })).body.items.length).toBeGreaterThan(0);
    });
  });
});
