import type { FormEvent } from 'react';
import { post } from '../../api/client';
import { Empty, ErrorBanner, Loading, PageTitle, TextInput } from '../../components/ui';
import { Table } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { byNumber, byText, byTime, paged } from '../../lib/table';
import { usePersistentState } from '../../lib/persist';
import { forgetDepartmentNames } from '../../lib/departments';
import { useAction, useApiQuery } from '../../api/use-api';

interface Department {
  code: string;
  name: string;
  createdAt: string;
  users: number;
  catalogues: string[];
}

export function DepartmentsPage() {
  const list = useApiQuery<{ items: Department[] }>('/api/departments');
  const [form, setForm, clear] = usePersistentState('admin:new-department', { code: '', name: '' });
  const create = useAction(async () => {
    await post('/api/departments', { code: form.code.trim(), name: form.name.trim() });
    forgetDepartmentNames(); // the other pages' name lookup should know the new one
    clear();
    setForm({ code: '', name: '' });
    list.reload();
  });
  const f = create.error?.fields ?? {};
  return (
    <>
      <PageTitle>部门</PageTitle>
      <ErrorBanner error={list.error} />
      {!list.data ? (
        <Loading what="部门" />
      ) : !list.data.items.length ? (
        <Empty>还没有部门。</Empty>
      ) : (
        <Table<Department>
          aria-label="部门列表"
          rowKey="code"
          size="middle"
          dataSource={list.data.items}
          pagination={paged('个')}
          columns={[
            { title: '代码', key: 'code', sorter: byText((d) => d.code), render: (_, d) => <code>{d.code}</code> },
            { title: '名称', key: 'name', sorter: byText((d) => d.name), render: (_, d) => d.name },
            { title: '用户数', key: 'users', sorter: byNumber((d) => d.users), render: (_, d) => d.users },
            {
              title: '公开目录',
              key: 'catalogues',
              render: (_, d) =>
                d.catalogues.length
                  ? d.catalogues.map((c, i) => (
                      <span key={c}>
                        {i > 0 && '、'}
                        <code>{c}</code>
                      </span>
                    ))
                  : '—',
            },
            { title: '创建时间', key: 'createdAt', sorter: byTime((d) => d.createdAt), render: (_, d) => fmtDateTime(d.createdAt) },
          ]}
        />
      )}
      <form
        className="panel"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void create.run();
        }}
        aria-labelledby="new-dept"
      >
        <h2 id="new-dept">新建部门</h2>
        <ErrorBanner error={create.error} />
        <div className="grid-2">
          <TextInput label="代码" required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} error={f.code} hint={
              <>
                小写字母、数字和横线，如 <code>genhe-mzj</code>；创建后不能修改。
              </>
            } />
          <TextInput label="名称" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={f.name} hint="发布机构全称，如 根河市民政局。" />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={create.busy}>
            创建部门
          </button>
        </div>
      </form>
    </>
  );
}
