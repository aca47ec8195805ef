import { useState, type FormEvent } from 'react';
import { ApiError, api, download, qs } from '../../api/client';
import type { CatalogueSummary } from '../../api/types';
import { FileButton } from '../../components/FileButton';
import { Empty, ErrorBanner, Loading, Notice, PageTitle, TextInput } from '../../components/ui';
import { Table } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { byNumber, byText, byTime, paged } from '../../lib/table';
import { useDepartmentName } from '../../lib/departments';
import { useAction, useApiQuery } from '../../api/use-api';
import { forgetCatalogue } from '../compose/use-catalogue';

/** Where a catalogue version came from: the files in config/ read at start, or an Excel import from this page. */
const SOURCE_LABELS: Record<string, string> = { file: '配置文件', import: 'Excel 导入' };

interface Version {
  id: number;
  version: number;
  source: string;
  createdAt: string;
  items: number;
}
interface Problem {
  row: number;
  column: string;
  reason: string;
}
interface Imported {
  catalogue: string;
  version: number;
  created: boolean;
  items: number;
  dryRun: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Catalogues in force, their version history, and the standard table (XLSX/CSV) in and out. */
export function CataloguesPage() {
  const list = useApiQuery<{ items: CatalogueSummary[] }>('/api/catalogues');
  const [open, setOpen] = useState<string | null>(null);
  const deptName = useDepartmentName();
  return (
    <>
      <PageTitle>公开目录</PageTitle>
      <ErrorBanner error={list.error} />
      {!list.data ? (
        <Loading what="目录" />
      ) : !list.data.items.length ? (
        <Empty>还没有公开目录。</Empty>
      ) : (
        <Table<CatalogueSummary>
          aria-label="公开目录列表"
          rowKey="code"
          size="middle"
          dataSource={list.data.items}
          pagination={paged('份')}
          columns={[
            {
              title: '目录',
              key: 'name',
              sorter: byText((c) => c.name),
              render: (_, c) => (
                <>
                  {c.name}
                  <div className="muted small">
                    代码 <code>{c.code}</code>
                  </div>
                </>
              ),
            },
            { title: '部门', key: 'department', sorter: byText((c) => deptName(c.department)), render: (_, c) => deptName(c.department) },
            { title: '现行版本', key: 'version', sorter: byNumber((c) => c.version), render: (_, c) => `第 ${c.version} 版` },
            { title: '事项数', key: 'itemCount', sorter: byNumber((c) => c.itemCount), render: (_, c) => c.itemCount },
            {
              title: '操作',
              key: 'open',
              render: (_, c) => (
                <button type="button" aria-expanded={open === c.code} onClick={() => setOpen(open === c.code ? null : c.code)}>
                  版本与导出
                </button>
              ),
            },
          ]}
        />
      )}
      {open && <Versions code={open} />}
      <ImportForm
        codes={list.data?.items.map((c) => c.code) ?? []}
        onImported={() => {
          forgetCatalogue();
          list.reload();
        }}
      />
    </>
  );
}

function Versions({ code }: { code: string }) {
  const v = useApiQuery<{ items: Version[] }>(`/api/catalogues/${encodeURIComponent(code)}/versions`);
  const exp = useAction(async (format: 'xlsx' | 'csv', version?: number) => download(`/api/catalogues/${encodeURIComponent(code)}/export${qs({ format, version })}`, `${code}.${format}`));
  return (
    <section className="panel" aria-label={`${code} 的版本`}>
      <h2>{code} 的版本</h2>
      <ErrorBanner error={v.error ?? exp.error} />
      {!v.data ? (
        <Loading what="版本" />
      ) : (
        <Table<Version>
          aria-label={`${code} 的版本`}
          locale={{ emptyText: '还没有版本。' }}
          rowKey="id"
          size="middle"
          dataSource={v.data.items}
          // every import adds a version; the server's order until a person sorts
          pagination={paged('版')}
          columns={[
            { title: '版本', key: 'version', sorter: byNumber((x) => x.version), render: (_, x) => `第 ${x.version} 版` },
            { title: '事项数', key: 'items', sorter: byNumber((x) => x.items), render: (_, x) => x.items },
            { title: '来源', key: 'source', className: 'small', render: (_, x) => SOURCE_LABELS[x.source] ?? x.source },
            { title: '时间', key: 'createdAt', sorter: byTime((x) => x.createdAt), render: (_, x) => fmtDateTime(x.createdAt) },
            {
              title: '导出',
              key: 'export',
              render: (_, x) => (
                <>
                  <button type="button" disabled={exp.busy} onClick={() => void exp.run('xlsx', x.version)}>
                    Excel
                  </button>{' '}
                  <button type="button" disabled={exp.busy} onClick={() => void exp.run('csv', x.version)}>
                    CSV
                  </button>
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

function ImportForm({ codes, onImported }: { codes: string[]; onImported: () => void }) {
  const [code, setCode] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [create, setCreate] = useState(false);
  const [meta, setMeta] = useState({ name: '', department: '', publisher: '' });
  const [dryRun, setDryRun] = useState(true);
  const [result, setResult] = useState<Imported | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const run = useAction(async () => {
    setResult(null);
    setProblems([]);
    if (!file) throw new ApiError(0, '请选择要导入的 Excel 或 CSV 文件。', { body: '请选择文件' }, null);
    const type = /\.csv$/i.test(file.name) ? 'text/csv' : XLSX;
    try {
      const r = await api<Imported>('POST', `/api/catalogues/${encodeURIComponent(code.trim())}/import${qs({ create: create ? 1 : undefined, dryRun: dryRun ? 1 : undefined, ...(create ? meta : {}) })}`, {
        raw: file,
        contentType: type,
      });
      setResult(r);
      if (!r.dryRun) onImported();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setProblems(((e.body as { problems?: Problem[] })?.problems ?? []).slice(0, 200));
      throw e;
    }
  });
  const f = run.error?.fields ?? {};
  return (
    <form
      className="panel"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run.run();
      }}
      aria-labelledby="import-title"
    >
      <h2 id="import-title">导入目录表格</h2>
      <p className="hint">上传标准目录表格（与导出的格式相同）。导入会生成新版本，旧版本保留；任何一行有问题则整份不导入并列出全部问题。建议先“只检查不导入”。</p>
      {result && (
        <Notice kind="success">
          {result.dryRun ? `检查通过：共 ${result.items} 个事项，可以导入。` : `已导入 ${result.catalogue} 第 ${result.version} 版，共 ${result.items} 个事项。`}
        </Notice>
      )}
      <ErrorBanner error={run.error} />
      {problems.length > 0 && (
        <Table<Problem & { n: number }>
          className="problems-table"
          caption="需要修改的地方"
          rowKey="n"
          size="small"
          dataSource={problems.map((p, n) => ({ ...p, n }))}
          // up to 200 problems: in file order, by row when sorted
          pagination={paged('处')}
          columns={[
            { title: '行', key: 'row', sorter: byNumber((p) => p.row || null), render: (_, p) => p.row || '—' },
            { title: '列', key: 'column', sorter: byText((p) => p.column), render: (_, p) => p.column },
            { title: '问题', key: 'reason', render: (_, p) => p.reason },
          ]}
        />
      )}
      <div className="grid-2">
        <TextInput label="目录代码" required value={code} onChange={(e) => setCode(e.target.value)} list="catalogue-codes" error={f.code} hint="导入为已有目录的新版本，或勾选“新建目录”。" />
        <datalist id="catalogue-codes">
          {codes.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="field">
          <span className="field-label" id="import-file-label">目录文件（.xlsx 或 .csv）</span>
          <FileButton id="import-file" label="选择文件" chosen={file?.name ?? null} accept=".xlsx,.csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-labelledby="import-file-label" aria-invalid={!!f.body || undefined} />
          {(f.body || f['Content-Type']) && <p className="field-error">{f.body ?? f['Content-Type']}</p>}
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} />
        新建目录
      </label>
      {create && (
        <div className="grid-2">
          <TextInput label="目录名称" required value={meta.name} onChange={(e) => setMeta({ ...meta, name: e.target.value })} error={f.name} />
          <TextInput label="部门代码" required value={meta.department} onChange={(e) => setMeta({ ...meta, department: e.target.value })} error={f.department} />
          <TextInput label="发布机构" value={meta.publisher} onChange={(e) => setMeta({ ...meta, publisher: e.target.value })} error={f.publisher} />
        </div>
      )}
      <label className="check">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
        只检查，不导入
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={run.busy || !code.trim()}>
          {run.busy ? '正在处理……' : dryRun ? '检查文件' : '导入'}
        </button>
      </div>
    </form>
  );
}
