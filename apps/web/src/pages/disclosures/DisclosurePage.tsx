import { useMemo, useState, type FormEvent } from 'react';
import { patch, post } from '../../api/client';
import type { Delivery, Disclosure } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorBanner, Loading, Notice, PageTitle, Select, StatusBadge, TextArea, TextInput } from '../../components/ui';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fmtDateTime } from '../../lib/format';
import { DELIVERY_STATUS, itemNumber, VALIDITY, label } from '../../lib/labels';
import { RichTextEditor } from '../../components/rich-text/RichTextEditor';
import { isBlankHtml, plainToHtml, storedHtml } from '../../components/rich-text/body-html';
import { usePersistentState } from '../../lib/persist';
import { Link, useSearchParams } from 'react-router';
import { useAction } from '../../api/use-api';
import { DeliveryRow } from './DeliveryRow';
import { SanitizedBody } from './SanitizedBody';
import { AttachmentList } from '../attachments/AttachmentList';
import { attachmentIdsError, AttachmentsField } from '../attachments/AttachmentsField';
import { useChannels } from './use-channels';
import { useLiveDisclosure } from './use-live-disclosure';

const LIVE_TEXT = { connecting: '正在连接实时状态……', live: '实时更新中', retrying: '实时连接中断，正在重新连接……', closed: '实时更新已停止' };

export function DisclosurePage({ id }: { id: string }) {
  const { data: d, error, setData, state, changedAt } = useLiveDisclosure(id);
  const channels = useChannels();
  const { can } = useSession();
  const published = useSearchParams()[0].get('published');
  const [panel, setPanel] = useState<'none' | 'update' | 'withdraw'>('none');

  const summary = useMemo(() => {
    const counts = new Map<string, number>();
    for (const x of d?.deliveries ?? []) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
    return [...counts].map(([s, n]) => `${label(DELIVERY_STATUS, s)} ${n} 个`).join('，');
  }, [d]);

  if (!d) {
    return (
      <>
        <PageTitle>公开记录</PageTitle>
        {error ? <ErrorBanner error={error} /> : <Loading what="公开记录" />}
      </>
    );
  }

  const replaceDelivery = (x: Delivery) => setData((cur) => (cur ? { ...cur, deliveries: cur.deliveries?.map((y) => (y.id === x.id ? x : y)) } : cur));
  const withdrawn = d.status === 'withdrawn';
  const m = d.metadata;

  return (
    <>
      <PageTitle actions={<StatusBadge kind="disclosure" status={d.status} />}>{d.title}</PageTitle>
      {published && d.status === 'dispatching' && <Notice kind="success">已发布，正在向各渠道分发。下方状态会实时更新。</Notice>}
      <dl className="facts">
        <dt>公开事项</dt>
        <dd>
          {(m.itemPath ?? []).join(' / ')}（{itemNumber(d.catalogueItemId)}）
        </dd>
        <dt>索引号</dt>
        <dd>{m.indexNo || '—'}</dd>
        <dt>文号</dt>
        <dd>{m.docNo || '—'}</dd>
        <dt>发布机构</dt>
        <dd>{m.publisher || '—'}</dd>
        <dt>责任科室</dt>
        <dd>{m.office || '—'}</dd>
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
        <dd>{fmtDateTime(d.generatedAt)}</dd>
        <dt>法定公开期限</dt>
        <dd>
          {d.dueAt ? fmtDateTime(d.dueAt) : '无'}
          {d.dueProvisional && '（暂定）'}
        </dd>
        <dt>发布时间</dt>
        <dd>
          {fmtDateTime(d.createdAt)}
          {d.revision > 1 && `，已更新 ${d.revision - 1} 次`}
        </dd>
        {withdrawn && (
          <>
            <dt>撤回</dt>
            <dd>
              {fmtDateTime(d.withdrawnAt)}：{d.withdrawReason}
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="deliveries-title">
        <div className="section-head">
          <h2 id="deliveries-title">各渠道分发状态</h2>
          <p className={`live live-${state}`} role="status">
            <span className="dot" aria-hidden="true" />
            {LIVE_TEXT[state]}
            {changedAt && state === 'live' && <span className="muted">（{fmtDateTime(changedAt.toISOString())} 更新）</span>}
          </p>
        </div>
        <p className="sr-only" aria-live="polite">
          {summary}
        </p>
        <p className="muted">{summary}</p>
        <ul className="deliveries">
          {(d.deliveries ?? []).map((x) => (
            <DeliveryRow key={x.id} delivery={x} channels={channels} onChange={replaceDelivery} />
          ))}
        </ul>
      </section>

      <div className="actions">
        {can('auditor') && <Link to={`/audit/timeline/${d.id}`}>查看审计时间线</Link>}
        {can('publisher') && !withdrawn && (
          <>
            <button type="button" aria-expanded={panel === 'update'} onClick={() => setPanel(panel === 'update' ? 'none' : 'update')}>
              更新内容
            </button>
            <button type="button" className="danger" aria-expanded={panel === 'withdraw'} onClick={() => setPanel(panel === 'withdraw' ? 'none' : 'withdraw')}>
              撤回
            </button>
          </>
        )}
      </div>
      {panel === 'update' && <UpdateForm d={d} onDone={(x) => (setData(x), setPanel('none'))} />}
      {panel === 'withdraw' && <WithdrawForm d={d} onDone={(x) => (setData(x), setPanel('none'))} />}

      <section>
        <h2>正文</h2>
        <SanitizedBody title={d.title} body={d.body} />
      </section>
      <AttachmentList items={d.attachments} published={d.status !== 'withdrawn'} />
    </>
  );
}

function UpdateForm({ d, onDone }: { d: Disclosure; onDone: (x: Disclosure) => void }) {
  const initial = { title: d.title, bodyHtml: d.body, docNo: String(d.metadata.docNo ?? ''), validity: String(d.metadata.validity ?? ''), attachments: d.attachments ?? [] };
  const [kept, setForm, clear] = usePersistentState(`update:${d.id}:${d.revision}`, initial);
  const [sure, setSure] = useState(false);
  // a form kept by the Markdown page before the rich-text editor: its body text becomes paragraphs
  const legacy = (kept as { bodyMd?: unknown }).bodyMd;
  const form = kept.bodyHtml === undefined ? { ...kept, bodyHtml: typeof legacy === 'string' ? plainToHtml(legacy) : initial.bodyHtml } : kept;
  const save = useAction(async () => {
    const body: Record<string, unknown> = {};
    if (form.title.trim() !== d.title) body.title = form.title.trim();
    if (form.bodyHtml !== initial.bodyHtml) body.body = storedHtml(form.bodyHtml ?? '');
    const meta: Record<string, string> = {};
    if (form.docNo !== initial.docNo) meta.docNo = form.docNo.trim();
    if (form.validity !== initial.validity && form.validity) meta.validity = form.validity;
    if (Object.keys(meta).length) body.metadata = meta;
    const ids = (form.attachments ?? []).map((a) => a.id);
    if (ids.join() !== initial.attachments.map((a) => a.id).join()) body.attachmentIds = ids;
    const x = await patch<Disclosure>(`/api/disclosures/${d.id}`, body);
    clear();
    onDone(x);
  });
  // an update goes out to every channel at once, so it is asked for twice, like a withdrawal
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSure(true);
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="更新内容">
      <h2>更新内容</h2>
      <p className="hint">更新会推送到所有支持更新的渠道；不能自动更新的渠道（如已发出的短信）会生成人工任务。</p>
      <ErrorBanner error={save.error} />
      <TextInput label="标题" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} error={save.error?.fields.title} required />
      <RichTextEditor label="正文" value={form.bodyHtml ?? ''} onChange={(html) => setForm((f) => ({ ...f, bodyHtml: html }))} error={save.error?.fields.body ?? (isBlankHtml(form.bodyHtml ?? '') ? '请填写正文' : undefined)} required />
      <div className="grid-2">
        <TextInput label="文号" value={form.docNo} onChange={(e) => setForm({ ...form, docNo: e.target.value })} error={save.error?.fields['metadata.docNo']} />
        {d.metadata.category === '规范性文件' && (
          <Select label="有效性" value={form.validity} onChange={(e) => setForm({ ...form, validity: e.target.value })} error={save.error?.fields['metadata.validity']}>
            <option value="">（不变）</option>
            {Object.entries(VALIDITY).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </Select>
        )}
      </div>
      <AttachmentsField
        value={form.attachments ?? []}
        onChange={(next) => setForm({ ...form, attachments: next })}
        error={attachmentIdsError(save.error)}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? '正在更新……' : '保存并推送更新'}
        </button>
      </div>
      <ConfirmDialog
        open={sure}
        title="确认更新"
        okText="确认更新"
        busy={save.busy}
        onOk={async () => {
          await save.run();
          setSure(false);
        }}
        onCancel={() => setSure(false)}
      >
        <p>确定要更新《{d.title}》并推送到各渠道吗？</p>
        <p className="hint">已发出的内容（如短信）无法自动更新的渠道会生成人工任务。</p>
      </ConfirmDialog>
    </form>
  );
}

function WithdrawForm({ d, onDone }: { d: Disclosure; onDone: (x: Disclosure) => void }) {
  const [reason, setReason, clear] = usePersistentState(`withdraw:${d.id}`, '');
  const [sure, setSure] = useState(false);
  const [local, setLocal] = useState<string | undefined>();
  const withdraw = useAction(async () => {
    const x = await post<Disclosure>(`/api/disclosures/${d.id}/withdraw`, { reason: reason.trim() });
    clear();
    onDone(x);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setLocal('请写明撤回原因，原因会记入审计日志');
    setLocal(undefined);
    setSure(true);
  };
  return (
    <form className="panel panel-danger" onSubmit={submit} noValidate aria-label="撤回">
      <h2>撤回</h2>
      <p className="hint">撤回会从所有能撤下的渠道撤下该信息；无法自动撤下的渠道会生成人工任务。撤回后不能恢复。</p>
      <ErrorBanner error={withdraw.error} />
      <TextArea label="撤回原因" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={local ?? withdraw.error?.fields.reason} required />
      <div className="actions">
        <button type="submit" className="danger" disabled={withdraw.busy}>
          撤回
        </button>
      </div>
      <ConfirmDialog
        open={sure}
        title="确认撤回"
        okText="确认撤回"
        danger
        busy={withdraw.busy}
        onOk={async () => {
          await withdraw.run();
          setSure(false);
        }}
        onCancel={() => setSure(false)}
      >
        <p>确定要撤回《{d.title}》吗？撤回后不能恢复。</p>
        <p className="hint">撤回原因：{reason.trim()}</p>
      </ConfirmDialog>
    </form>
  );
}
