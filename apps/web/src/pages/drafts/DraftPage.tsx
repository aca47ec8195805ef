import { useState, type FormEvent } from 'react';
import { post } from '../../api/client';
import type { Disclosure, Draft } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorBanner, Loading, Notice, PageTitle, StatusBadge, TextArea } from '../../components/ui';
import { fmtDateTime, fromLocalInput, toLocalInput } from '../../lib/format';
import { CHECK_LABELS, itemNumber, VALIDITY, label } from '../../lib/labels';
import { usePersistentState } from '../../lib/persist';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAction, useApiQuery } from '../../api/use-api';
import { ChannelPreviews } from '../compose/ChannelPreviews';
import { ItemPreviewPanel } from '../compose/ItemPreviewPanel';
import { FindingList, OverrideReason, useContentCheck } from '../content-check/ContentFindings';
import { SanitizedBody } from '../disclosures/SanitizedBody';
import { AttachmentList } from '../attachments/AttachmentList';
import { DateTimeField } from '../../components/DateTimeField';

type Checks = Record<'secrecy' | 'political' | 'legal' | 'wording', boolean>;
const NO_CHECKS: Checks = { secrecy: false, political: false, legal: false, wording: false };

/** One draft through 先审后发: submit (editor), review with the four checks (reviewer), publish once (publisher). */
export function DraftPage({ id }: { id: string }) {
  const { data: draft, error, setData } = useApiQuery<Draft>(`/api/drafts/${id}`, { fresh: true }); // decisions are taken on this state: never a cached copy
  const saved = useSearchParams()[0].get('saved');
  if (!draft) {
    return (
      <>
        <PageTitle>稿件</PageTitle>
        {error ? <ErrorBanner error={error} /> : <Loading what="稿件" />}
      </>
    );
  }
  return (
    <>
      <PageTitle actions={<StatusBadge kind="draft" status={draft.status} />}>{draft.title}</PageTitle>
      {saved === 'draft' && draft.status === 'draft' && <Notice kind="success">草稿已保存。确认无误后请提交审核。</Notice>}
      {saved === 'submitted' && draft.status === 'submitted' && <Notice kind="success">已提交审核，等待审核人员处理。</Notice>}
      <div className="two-col">
        <div>
          <DraftSummary draft={draft} />
          <Actions draft={draft} onChange={setData} />
          <section>
            <h2>正文</h2>
            <SanitizedBody title={draft.title} body={draft.body} />
          </section>
          <AttachmentList items={draft.attachments} />
        </div>
        <aside className="compose-side" aria-label="发布前核对">
          <h2>发布前核对</h2>
          <ItemPreviewPanel catalogueItemId={draft.catalogueItemId} generatedAt={draft.generatedAt} approvalDate={draft.inputs?.approvalDate} noticeEndDate={draft.inputs?.noticeEndDate} />
        </aside>
      </div>
      <ChannelPreviews src={{ title: draft.title, body: draft.body, summary: draft.metadata.summary, indexNo: draft.metadata.indexNo, attachments: draft.attachments?.map((a) => ({ filename: a.filename, sizeBytes: a.sizeBytes })) }} />
    </>
  );
}

function DraftSummary({ draft }: { draft: Draft }) {
  const m = draft.metadata;
  return (
    <dl className="facts">
      <dt>公开事项</dt>
      <dd>{itemNumber(draft.catalogueItemId)}</dd>
      <dt>索引号</dt>
      <dd>{m.indexNo || '—'}</dd>
      <dt>文号</dt>
      <dd>{m.docNo || '—'}</dd>
      <dt>成文日期</dt>
      <dd>{m.writtenAt || '—'}</dd>
      <dt>主题分类</dt>
      <dd>{m.subject || '—'}</dd>
      {m.category && (
        <>
          <dt>文件类别</dt>
          <dd>
            {m.category}
            {m.validity ? `（${label(VALIDITY, m.validity)}）` : ''}
          </dd>
        </>
      )}
      <dt>信息形成时间</dt>
      <dd>{fmtDateTime(draft.generatedAt)}</dd>
      <dt>提交审核</dt>
      <dd>{fmtDateTime(draft.submittedAt)}</dd>
      {draft.review && (
        <>
          <dt>审核结论</dt>
          <dd>
            {draft.review.decision === 'approve' ? '通过' : '退回修改'}（{fmtDateTime(draft.reviewedAt)}）
            <ul className="checks-done">
              {(Object.keys(CHECK_LABELS) as (keyof Checks)[]).map((k) => (
                <li key={k}>
                  {draft.review!.checks[k] ? '✓ ' : '✗ '}
                  {CHECK_LABELS[k].split('：')[0]}
                </li>
              ))}
            </ul>
            {draft.review.comments && <p>意见：{draft.review.comments}</p>}
          </dd>
        </>
      )}
      {draft.scheduledAt && (
        <>
          <dt>定时发布</dt>
          <dd>{fmtDateTime(draft.scheduledAt)}</dd>
        </>
      )}
      {draft.publishError && (
        <>
          <dt>定时发布失败</dt>
          <dd className="field-error">{draft.publishError}</dd>
        </>
      )}
    </dl>
  );
}

function Actions({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const submit = useAction(async () => onChange(await post<Draft>(`/api/drafts/${draft.id}/submit`)));
  const editable = draft.status === 'draft' || draft.status === 'returned';
  return (
    <section className="action-panel" aria-label="可进行的操作">
      {editable && can('editor', 'publisher') && (
        <div className="actions">
          <Link to={`/drafts/${draft.id}/edit`} className="button">
            修改稿件
          </Link>
          <button type="button" className="primary" disabled={submit.busy} onClick={() => void submit.run()}>
            {submit.busy ? '正在提交……' : '提交审核'}
          </button>
        </div>
      )}
      <ErrorBanner error={submit.error} />
      {draft.status === 'submitted' && (can('reviewer') ? <ReviewForm draft={draft} onChange={onChange} /> : <p className="hint">等待审核人员审核。</p>)}
      {(draft.status === 'approved' || draft.status === 'scheduled') &&
        (can('publisher') ? <PublishForm draft={draft} onChange={onChange} onPublished={(d) => navigate(`/disclosures/${d.id}?published=1`)} /> : <p className="hint">审核已通过，等待发布人员发布。</p>)}
      {draft.status === 'published' && draft.disclosureId && (
        <p>
          已发布。<Link to={`/disclosures/${draft.disclosureId}`}>查看各渠道分发状态</Link>
        </p>
      )}
    </section>
  );
}

function ReviewForm({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  const [checks, setChecks, clearChecks] = usePersistentState<Checks>(`review:${draft.id}:checks`, NO_CHECKS);
  const [comments, setComments, clearComments] = usePersistentState(`review:${draft.id}:comments`, '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  // the reviewer sees the check before deciding (文字关, 保密关): the same findings the compose page showed
  const check = useContentCheck(draft.title, draft.body, (draft.inputs?.attachmentIds as string[] | undefined) ?? []);
  const review = useAction(async (decision: 'approve' | 'return') => {
    const override = decision === 'approve' && reason.trim() ? { contentCheckOverride: { reason: reason.trim() } } : {};
    const d = await post<Draft>(`/api/drafts/${draft.id}/review`, { decision, checks, comments, ...override });
    clearChecks();
    clearComments();
    onChange(d);
  });
  const allPassed = Object.values(checks).every(Boolean);
  function decide(e: FormEvent, decision: 'approve' | 'return') {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (decision === 'approve' && !allPassed) p.checks = '四项审查须全部通过才能审核通过；有未通过的项目请退回修改';
    if (decision === 'return' && !comments.trim()) p.comments = '退回修改时请写明需要修改的内容';
    setLocal(p);
    if (!Object.keys(p).length) void review.run(decision);
  }
  const err = (f: string) => local[f] ?? review.error?.fields[f];
  return (
    <form className="review-form" onSubmit={(e) => decide(e, 'approve')} noValidate>
      <h2>审核（先审后发）</h2>
      <ErrorBanner error={review.error} />
      <fieldset className={err('checks') ? 'field-invalid' : undefined} aria-describedby={err('checks') ? 'checks-error' : undefined}>
        <legend>四项审查</legend>
        {(Object.keys(CHECK_LABELS) as (keyof Checks)[]).map((k) => (
          <label key={k} className="check">
            <input type="checkbox" name={k} checked={checks[k]} onChange={(e) => setChecks({ ...checks, [k]: e.target.checked })} />
            {CHECK_LABELS[k]}
          </label>
        ))}
        {err('checks') && (
          <p className="field-error" id="checks-error">
            {err('checks')}
          </p>
        )}
      </fieldset>
      {check.result && (
        <section className="content-check-summary" aria-label="发布前检查">
          <h3>发布前检查</h3>
          {check.result.findings.length === 0 ? <p className="hint">未发现个人信息或不规范用语。</p> : <FindingList findings={check.result.findings} />}
        </section>
      )}
      <OverrideReason error={review.error} reason={reason} onReason={setReason} showFindings={!check.result} />
      <TextArea label="审核意见" rows={4} value={comments} onChange={(e) => setComments(e.target.value)} error={err('comments')} hint="退回修改时必填，写明需要修改之处。" />
      <div className="actions">
        <button type="submit" className="primary" disabled={review.busy}>
          {review.busy ? '正在提交……' : '审核通过'}
        </button>
        <button type="button" className="danger" disabled={review.busy} onClick={(e) => decide(e, 'return')}>
          退回修改
        </button>
      </div>
    </form>
  );
}

function PublishForm({ draft, onChange, onPublished }: { draft: Draft; onChange: (d: Draft) => void; onPublished: (d: Disclosure) => void }) {
  const [mode, setMode] = useState<'now' | 'later'>(draft.status === 'scheduled' ? 'later' : 'now');
  const [at, setAt] = usePersistentState(`publish:${draft.id}:at`, draft.scheduledAt ? toLocalInput(draft.scheduledAt) : '');
  const [local, setLocal] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const publish = useAction(async (scheduledAt?: string) => {
    const override = reason.trim() ? { contentCheckOverride: { reason: reason.trim() } } : {};
    const r = await post<{ draft: Draft; disclosure?: Disclosure }>(`/api/drafts/${draft.id}/publish`, { ...(scheduledAt ? { scheduledAt } : {}), ...override });
    onChange(r.draft);
    if (r.disclosure) onPublished(r.disclosure);
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (mode === 'now') return void publish.run();
    const iso = fromLocalInput(at);
    if (!iso || new Date(iso).getTime() <= Date.now()) return setLocal('请选择一个晚于现在的发布时间（北京时间）');
    setLocal(undefined);
    void publish.run(iso);
  }
  return (
    <form className="publish-form" onSubmit={submit} noValidate>
      <h2>发布</h2>
      {draft.status === 'scheduled' && <Notice>已定时在 {fmtDateTime(draft.scheduledAt)} 发布。可以改为立即发布或修改时间。</Notice>}
      <ErrorBanner error={publish.error} />
      <fieldset>
        <legend>发布时间</legend>
        <label className="check">
          <input type="radio" name="mode" checked={mode === 'now'} onChange={() => setMode('now')} />
          立即发布
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={mode === 'later'} onChange={() => setMode('later')} />
          定时发布
        </label>
      </fieldset>
      <OverrideReason error={publish.error} reason={reason} onReason={setReason} />
      {mode === 'later' && <DateTimeField label="发布时间（北京时间）" value={at} onChange={setAt} error={local ?? publish.error?.fields.scheduledAt} required />}
      <div className="actions">
        <button type="submit" className="primary" disabled={publish.busy} aria-busy={publish.busy}>
          {publish.busy ? '正在发布……' : mode === 'now' ? '立即发布' : '确定定时发布'}
        </button>
        <span className="hint">发布后将按右侧列出的渠道同时分发。重复点击不会重复发布。</span>
      </div>
    </form>
  );
}
