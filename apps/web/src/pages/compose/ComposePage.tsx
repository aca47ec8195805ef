import { DateField } from '../../components/DateField';
import { DateTimeField } from '../../components/DateTimeField';
import { useMemo, useState, type FormEvent } from 'react';
import { get, patch, post, qs } from '../../api/client';
import type { Draft } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorBanner, Loading, Notice, PageTitle, Select, TextArea, TextInput } from '../../components/ui';
import { RichTextEditor } from '../../components/rich-text/RichTextEditor';
import { fromWordHtml, plainToHtml, storedHtml } from '../../components/rich-text/body-html';
import { CATEGORIES, SUBJECTS, VALIDITY } from '../../lib/labels';
import { hasSaved, usePersistentState } from '../../lib/persist';
import { Link, useNavigate } from 'react-router';
import { useAction, useApiQuery } from '../../api/use-api';
import { attachmentIdsError, AttachmentsField } from '../attachments/AttachmentsField';
import { CatalogueTree } from './CatalogueTree';
import { ChannelPreviews } from './ChannelPreviews';
import { emptyForm, formFromDraft, localProblems, payloadOf, type ComposeForm } from './compose-form';
import { errorKey, visibleError } from './field-errors';
import { ItemPreviewPanel } from './ItemPreviewPanel';
import { itemLabel, useCatalogue } from './use-catalogue';
import { fromLocalInput } from '../../lib/format';
import { FindingList, useContentCheck } from '../content-check/ContentFindings';
import { WordImport } from './WordImport';
import type { ContentFinding } from '../../api/types';

/** New draft (/compose) or an existing one (/drafts/:id/edit). */
export function ComposePage({ draftId }: { draftId?: string }) {
  const existing = useApiQuery<Draft>(draftId ? `/api/drafts/${draftId}` : null, { fresh: true });
  if (draftId && !existing.data) {
    return (
      <>
        <PageTitle>修改稿件</PageTitle>
        {existing.error ? <ErrorBanner error={existing.error} /> : <Loading what="稿件" />}
      </>
    );
  }
  return <ComposeEditor draft={existing.data} />;
}

function ComposeEditor({ draft }: { draft?: Draft }) {
  const key = draft ? `compose:${draft.id}` : 'compose:new';
  const restored = useMemo(() => hasSaved(key), [key]);
  const [kept, setForm, clearForm] = usePersistentState<ComposeForm>(key, () => (draft ? formFromDraft(draft) : emptyForm()));
  // a form kept by the Markdown page before the rich-text editor: its body text becomes paragraphs
  const legacy = (kept as { bodyMd?: unknown }).bodyMd;
  const form = kept.bodyHtml === undefined && typeof legacy === 'string' ? { ...kept, bodyHtml: plainToHtml(legacy) } : kept;
  // which fields may show a message now (field-errors.ts)
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const mark = (set: (f: (s: ReadonlySet<string>) => ReadonlySet<string>) => void, key: string) => set((s) => (s.has(key) ? s : new Set([...s, key])));
  const touch = (key: string) => mark(setTouched, key);
  const { data: catalogue, error: catalogueError } = useCatalogue();
  const navigate = useNavigate();
  const { user } = useSession();
  const item = catalogue?.byId.get(form.catalogueItemId);
  const editable = !draft || ['draft', 'returned'].includes(draft.status);

  const set = <K extends keyof ComposeForm>(k: K, v: ComposeForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    mark(setChanged, errorKey(k));
  };

  const save = useAction(async (submit: boolean) => {
    const body = payloadOf(form);
    const saved = draft ? await patch<Draft>(`/api/drafts/${draft.id}`, body) : await post<Draft>('/api/drafts', body);
    if (submit) await post(`/api/drafts/${saved.id}/submit`);
    clearForm();
    navigate(`/drafts/${saved.id}?saved=${submit ? 'submitted' : 'draft'}`);
  });

  const index = useAction(async () => {
    const r = await get<{ indexNo: string }>(`/api/web/index-number${qs({ catalogueItemId: form.catalogueItemId })}`);
    set('indexNo', r.indexNo);
  });

  function onSubmit(e: FormEvent, submit: boolean) {
    e.preventDefault();
    const problems = localProblems(form);
    setAttempted(true);
    if (Object.keys(problems).length) {
      // after the re-render that marks the fields: focus the first one that needs attention
      setTimeout(() => document.querySelector<HTMLElement>('.catalogue-tree.field-invalid input, [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setChanged(new Set()); // the answer to this save speaks for every field again
    void save.run(submit);
  }

  // 发布前检查 as the person types: findings appear under the field they concern, each with its fix
  const bodyHtml = storedHtml(form.bodyHtml ?? '');
  const check = useContentCheck(form.title, bodyHtml, (form.attachments ?? []).map((a) => a.id));
  const findings = (field: (f: string) => boolean) => check.result?.findings.filter((f) => field(f.field)) ?? [];
  const fix = (f: ContentFinding) => {
    if (f.field === 'title') set('title', form.title.replace(f.text, f.fix));
    else if (f.field === 'body') set('bodyHtml', (form.bodyHtml ?? '').replace(f.text, f.fix));
  };

  const fieldError = (f: string) => visibleError(f, { live: localProblems(form), server: save.error?.fields, attempted, touched, changed });
  const kind = item?.timeLimit.kind;

  // the person's own department's catalogues; admins see every catalogue
  const catalogues = catalogue?.catalogues.filter((c) => !user?.departmentCode || user.roles.includes('admin') || c.department === user.departmentCode) ?? [];
  const items = catalogue?.items.filter((i) => catalogues.some((c) => c.code === i.catalogue)) ?? [];

  return (
    <>
      <PageTitle actions={draft && <Link to={`/drafts/${draft.id}`}>返回稿件</Link>}>{draft ? `修改稿件：${draft.title}` : '撰写公开信息'}</PageTitle>
      {restored && <Notice>已恢复您上次未保存的填写内容。</Notice>}
      {draft?.status === 'returned' && draft.review && (
        <Notice kind="warning">
          <strong>审核意见（退回修改）：</strong>
          {draft.review.comments}
        </Notice>
      )}
      {!editable && <Notice kind="warning">该稿件已提交或已审核，不能再修改。</Notice>}
      <ErrorBanner error={save.error} focus />
      <form className="compose" onSubmit={(e) => onSubmit(e, false)} noValidate>
        <div className="compose-main">
          {catalogueError && <ErrorBanner error={catalogueError} />}
          {!catalogue ? (
            <Loading what="公开目录" />
          ) : (
            <CatalogueTree items={items} catalogues={catalogues} value={form.catalogueItemId} onChange={(id) => set('catalogueItemId', id)} error={fieldError('catalogueItemId')} />
          )}
          {item && (
            <div className="chosen" aria-live="polite">
              <p>
                已选：<strong>{itemLabel(item)}</strong>
              </p>
              <p className="muted">
                公开内容：{item.content}
                <br />
                责任科室：{item.office}；公开主体：{item.publisher}
              </p>
            </div>
          )}

          <TextInput label="标题" required value={form.title} onChange={(e) => set('title', e.target.value)} onBlur={() => touch('title')} error={fieldError('title')} maxLength={300} hint={`${Array.from(form.title).length}／300 字；微信公众号标题最多 32 字`} />
          <FindingList findings={findings((f) => f === 'title')} onFix={fix} />
          <WordImport
            disabled={!editable}
            onImported={(doc) => {
              setForm((f) => ({ ...f, title: doc.title ?? f.title, docNo: doc.docNo ?? f.docNo, bodyHtml: fromWordHtml(doc.html) }));
            }}
          />
          <RichTextEditor
            label="正文"
            required
            value={form.bodyHtml ?? ''}
            onChange={(html) => set('bodyHtml', html)}
            onBlur={() => touch('body')}
            error={fieldError('body')}
            disabled={!editable}
            hint="可直接从 Word/WPS 复制粘贴，小标题、加粗、列表、表格和图片会保留，字体和样式不保留。预览见下方“政府网站”。"
          />

          <FindingList findings={findings((f) => f === 'body')} onFix={fix} />

          <AttachmentsField value={form.attachments ?? []} onChange={(next) => set('attachments', next)} error={attachmentIdsError(save.error)} disabled={!editable} />
          <FindingList findings={findings((f) => f.startsWith('attachments'))} />
          {check.result && check.result.unchecked.length > 0 && <p className="hint">以下附件的文字无法自动检查，请人工核对：{check.result.unchecked.join('、')}</p>}

          <fieldset className="metadata">
            <legend>目录信息（政府信息公开目录要素）</legend>
            <div className="grid-2">
              <div className="with-button">
                <TextInput label="索引号" value={form.indexNo} onChange={(e) => set('indexNo', e.target.value)} error={fieldError('indexNo')} hint="规则：部门代码/年份-5位流水号，可按系统建议生成后修改。" />
                <button type="button" onClick={() => void index.run()} disabled={!form.catalogueItemId || index.busy}>
                  {index.busy ? '生成中……' : '生成索引号'}
                </button>
                <ErrorBanner error={index.error} />
              </div>
              <TextInput label="文号" value={form.docNo} onChange={(e) => set('docNo', e.target.value)} error={fieldError('docNo')} placeholder="如：根政数发〔2026〕1号" />
              <DateField label="成文日期" value={form.writtenAt} onChange={(v) => set('writtenAt', v)} error={fieldError('writtenAt')} />
              <DateTimeField
                label="信息形成时间"
                required
                value={form.generatedAt}
                onChange={(v) => set('generatedAt', v)}
                onBlur={() => touch('generatedAt')}
                error={fieldError('generatedAt')}
                hint="法定期限从信息形成或变更之日起算（北京时间）。"
              />
              <Select label="主题分类" value={form.subject} onChange={(e) => set('subject', e.target.value)} error={fieldError('subject')}>
                <option value="">（请选择）</option>
                {SUBJECTS.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </Select>
              <Select label="文件类别" value={form.category} onChange={(e) => set('category', e.target.value)} error={fieldError('category')}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c || '（不选）'}
                  </option>
                ))}
              </Select>
              {form.category === '规范性文件' && (
                <Select label="有效性" value={form.validity} onChange={(e) => set('validity', e.target.value)} error={fieldError('validity')}>
                  <option value="">（请选择）</option>
                  {Object.entries(VALIDITY).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </Select>
              )}
              <TextInput label="关键词" value={form.keywords} onChange={(e) => set('keywords', e.target.value)} error={fieldError('keywords')} hint="多个关键词用逗号或顿号分隔。" />
              {kind === 'days_after_approval' && (
                <DateField label="批复日期" value={form.approvalDate} onChange={(v) => set('approvalDate', v)} error={fieldError('approvalDate')} hint="本级财政部门批复之日，期限从此起算。" />
              )}
              {kind === 'after_notice_period' && (
                <DateField label="公告期结束日期" value={form.noticeEndDate} onChange={(v) => set('noticeEndDate', v)} error={fieldError('noticeEndDate')} />
              )}
            </div>
            <TextArea label="内容概述" rows={3} value={form.summary} onChange={(e) => set('summary', e.target.value)} error={fieldError('summary')} hint="用于微信摘要和目录；不填则取正文开头。" />
          </fieldset>

          <div className="actions sticky-actions">
            <button type="submit" disabled={save.busy || !editable}>
              {save.busy ? '正在保存……' : '保存草稿'}
            </button>
            <button type="button" className="primary" disabled={save.busy || !editable} onClick={(e) => onSubmit(e, true)}>
              {save.busy ? '正在提交……' : '保存并提交审核'}
            </button>
            <span className="hint">先审后发：提交后由审核人员进行保密、政治、法律、文字四项审查，通过后方可发布。</span>
          </div>
        </div>

        <aside className="compose-side" aria-label="发布前核对">
          <h2>发布前核对</h2>
          <ItemPreviewPanel
            catalogueItemId={form.catalogueItemId}
            generatedAt={fromLocalInput(form.generatedAt)}
            approvalDate={form.approvalDate || undefined}
            noticeEndDate={form.noticeEndDate || undefined}
          />
        </aside>
      </form>
      <ChannelPreviews
        src={{ title: form.title, body: bodyHtml, summary: form.summary || undefined, publisher: item?.publisher, indexNo: form.indexNo || undefined, attachments: (form.attachments ?? []).map((a) => ({ filename: a.filename, sizeBytes: a.sizeBytes })) }}
      />
    </>
  );
}

