import { useState, type FormEvent } from 'react';
import { download } from '../../api/client';
import { ErrorBanner, Loading, PageTitle, StatusBadge, TextInput } from '../../components/ui';
import { useDepartmentName } from '../../lib/departments';
import { fmtDateTime } from '../../lib/format';
import { Link, useNavigate } from 'react-router';
import { useAction, useApiQuery } from '../../api/use-api';

interface Timeline {
  disclosure: { id: string; title: string; departmentCode: string; status: string; createdAt: string; dueAt: string | null };
  entries: { id: number; seq: number | null; time: string; text: string; action: string; actor: string }[];
}

/** One disclosure's story from the hash-chained log, one sentence per entry, as an auditor reads it. */
export function TimelinePage({ id }: { id?: string }) {
  const navigate = useNavigate();
  const [input, setInput] = useState(id ?? '');
  const deptName = useDepartmentName();
  const { data, error, loading } = useApiQuery<Timeline>(id ? `/api/disclosures/${id}/timeline` : null);
  const text = useAction(async () => download(`/api/disclosures/${id}/timeline?format=text`, `timeline-${id}.txt`));
  return (
    <>
      <PageTitle>公开记录时间线</PageTitle>
      <form
        className="filters"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (input.trim()) navigate(`/audit/timeline/${encodeURIComponent(input.trim())}`);
        }}
      >
        <TextInput label="公开记录编号" value={input} onChange={(e) => setInput(e.target.value)} error={error?.fields.id} hint="可从公开记录页或审计日志的“时间线”链接进入。" />
        <div className="actions">
          <button type="submit" className="primary">
            查看
          </button>
        </div>
      </form>
      <ErrorBanner error={error} />
      {id && loading && !data && <Loading what="时间线" />}
      {data && (
        <section aria-labelledby="tl-title">
          <h2 id="tl-title">
            《<Link to={`/disclosures/${data.disclosure.id}`}>{data.disclosure.title}</Link>》 <StatusBadge kind="disclosure" status={data.disclosure.status} />
          </h2>
          <p className="muted">
            部门 {deptName(data.disclosure.departmentCode)}；发布于 {fmtDateTime(data.disclosure.createdAt)}；法定期限 {fmtDateTime(data.disclosure.dueAt)}
          </p>
          <ol className="timeline">
            {data.entries.map((e) => (
              <li key={e.id}>
                <time>{e.time}</time>
                <span>{e.text}</span>
                <span className="muted small">{e.seq === null ? '（待封存）' : `（第 ${e.seq} 条）`}</span>
              </li>
            ))}
          </ol>
          <button type="button" disabled={text.busy} onClick={() => void text.run()}>
            下载文本版
          </button>
          <ErrorBanner error={text.error} />
        </section>
      )}
    </>
  );
}
