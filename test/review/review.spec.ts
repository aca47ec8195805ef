import { ScheduledPublisher } from '../../apps/worker/src/scheduled-publisher.service.js';
import { eventually, publishBody, startStack, type Stack } from '../support/stack.js';

/** 先审后发: draft → submit → review (return / approve with the four checks) → publish now or at a set time. */
describe('review, then publish', () => {
  let s: Stack;
  let admin: string;
  const tokens: Record<string, string> = {};
  const allChecks = { secrecy: true, political: true, legal: true, wording: true };

  beforeAll(async () => {
    s = await startStack();
    admin = await s.token();
    const users: [string, string[]][] = [['editor', ['editor']], ['reviewer', ['reviewer']], ['publisher', ['publisher']], ['solo', ['editor', 'reviewer', 'publisher']]];
    for (const [username, roles] of users) {
      await s.call('POST', '/api/users', { token: admin, body: { username, password: 'Long-Password-1', roles, departmentCode: 'genhe-zwfw' } });
      tokens[username] = await s.token(username, 'Long-Password-1');
    }
  });
  afterAll(() => s.close());

  it('goes from an editor through a reviewer to a publisher, each doing only their step', async () => {
    const created = await s.call('POST', '/api/drafts', { token: tokens.editor, body: publishBody('genhe-zwfw:01-01', { metadata: { docNo: '根政数发〔2026〕1号' } }) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.status).toBe('draft');
    expect((await s.call('POST', `/api/drafts/${id}/review`, { token: tokens.reviewer, body: { decision: 'approve', checks: allChecks } })).status).toBe(409);
    expect((await s.call('POST', `/api/drafts/${id}/submit`, { token: tokens.editor })).body.status).toBe('submitted');

    // a return must say why; an approval needs every check
    const noComment = await s.call('POST', `/api/drafts/${id}/review`, { token: tokens.reviewer, body: { decision: 'return', checks: allChecks } });
    expect(noComment.status).toBe(400);
    expect(noComment.body.field).toBe('comments');
    const failedCheck = await s.call('POST', `/api/drafts/${id}/review`, { token: tokens.reviewer, body: { decision: 'approve', checks: { ...allChecks, secrecy: false } } });
    expect(failedCheck.status).toBe(400);
    expect(failedCheck.body.field).toBe('checks');
    expect((await s.call('POST', `/api/drafts/${id}/review`, { token: tokens.editor, body: { decision: 'approve', checks: allChecks } })).status).toBe(403);

    const returned = await s.call('POST', `/api/drafts/${id}/review`, { token: tokens.reviewer, body: { decision: 'return', checks: { ...allChecks, wording: false }, comments: '第二段有错别字' } });
    expect(returned.body).toEqual(expect.objectContaining({ status: 'returned', review: expect.objectContaining({ comments: '第二段有错别字' }) }));
    expect((await s.call('PATCH', `/api/drafts/${id}`, { token: tokens.editor, body: { body: '改正后的正文。' } })).body.body).toBe('改正后的正文。');
    await s.call('POST', `/api/drafts/${id}/submit`, { token: tokens.editor });
    const approved = await s.call('POST', `/api/drafts/${id}/review`, { token: tokens.reviewer, body: { decision: 'approve', checks: allChecks, comments: '同意发布' } });
    expect(approved.body.status).toBe('approved');
    expect((await s.call('PATCH', `/api/drafts/${id}`, { token: tokens.editor, body: { title: '偷改' } })).status).toBe(409);

    expect((await s.call('POST', `/api/drafts/${id}/publish`, { token: tokens.editor, body: {} })).status).toBe(403);
    const [first, second] = await Promise.all([
      s.call('POST', `/api/drafts/${id}/publish`, { token: tokens.publisher, body: {} }),
      s.call('POST', `/api/drafts/${id}/publish`, { token: tokens.publisher, body: {} }),
    ]);
    const ok = [first, second].filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const disclosureId = ok[0].body.disclosure.id;
    for (const r of ok) expect(r.body.disclosure.id).toBe(disclosureId); // a double click publishes once
    expect((await s.db.query(`SELECT count(*)::int AS n FROM disclosures WHERE idempotency_key = $1`, [`draft:${id}`])).rows[0].n).toBe(1);
    const d = await eventually(async () => {
      const x = (await s.call('GET', `/api/disclosures/${disclosureId}`, { token: admin })).body;
      return x.status === 'delivered' ? x : undefined;
    });
    expect(d.body).toBe('改正后的正文。');
    expect(d.metadata.docNo).toBe('根政数发〔2026〕1号');
    const actions = (await s.db.query(`SELECT action FROM audit_log WHERE details->>'draftId' = $1 ORDER BY id`, [id])).rows.map((r) => r.action);
    expect(actions).toEqual(['draft.created', 'draft.submitted', 'draft.reviewed', 'draft.edited', 'draft.submitted', 'draft.reviewed', 'draft.published']);
  });

  it('lets one person with all three roles do every step, and publishes at the scheduled time', async () => {
    const t = tokens.solo;
    const { body: draft } = await s.call('POST', '/api/drafts', { token: t, body: publishBody('genhe-zwfw:01-07') });
    await s.call('POST', `/api/drafts/${draft.id}/submit`, { token: t });
    await s.call('POST', `/api/drafts/${draft.id}/review`, { token: t, body: { decision: 'approve', checks: allChecks } });
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await s.call('POST', `/api/drafts/${draft.id}/publish`, { token: t, body: { scheduledAt: at } });
    expect(scheduled.body.draft).toEqual(expect.objectContaining({ status: 'scheduled', scheduledAt: at }));

    const publisher = s.worker!.get(ScheduledPublisher);
    expect(await publisher.publishDue(new Date())).toBe(0); // not yet
    expect(await publisher.publishDue(new Date(Date.now() + 2 * 3600_000))).toBe(1);
    const after = (await s.call('GET', `/api/drafts/${draft.id}`, { token: t })).body;
    expect(after.status).toBe('published');
    expect(after.disclosureId).toBeTruthy();
    expect(await publisher.publishDue(new Date(Date.now() + 2 * 3600_000))).toBe(0);
  });

  it('keeps each department to its own drafts', async () => {
    const bad = await s.call('POST', '/api/drafts', { token: tokens.editor, body: publishBody('genhe-zwfw:01-01', { generatedAt: 'soon' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/generatedAt/);
    expect((await s.call('GET', '/api/drafts/00000000-0000-4000-8000-000000000000', { token: tokens.editor })).status).toBe(404);
  });
});
