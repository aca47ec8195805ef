import { useState, type FormEvent } from 'react';
import { patch, post } from '../../api/client';
import type { Role } from '../../api/types';
import { Empty, ErrorBanner, Loading, Notice, PageTitle, Select, TextInput } from '../../components/ui';
import { FieldError } from '../../components/Field';
import { Table } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { byNumber, byText, byTime, paged } from '../../lib/table';
import { ROLE_LABELS } from '../../lib/labels';
import { useDepartmentName } from '../../lib/departments';
import { usePersistentState } from '../../lib/persist';
import { useAction, useApiQuery } from '../../api/use-api';

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
  disabled: boolean;
  createdAt: string;
}
interface Department {
  code: string;
  name: string;
}

const ROLES = Object.keys(ROLE_LABELS) as Role[];

const ROLE_HINTS: Record<Role, string> = {
  editor: '撰写稿件、提交审核',
  reviewer: '四项审查，通过或退回',
  publisher: '发布、更新、撤回，处理人工任务',
  auditor: '查看审计日志和合规报告（只读）',
  admin: '管理用户、部门、目录、渠道和电子屏，拥有全部权限',
};

function RoleBoxes({ value, onChange, error }: { value: Role[]; onChange: (r: Role[]) => void; error?: string }) {
  return (
    <fieldset className={error ? 'field-invalid' : undefined}>
      <legend>角色</legend>
      {ROLES.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" checked={value.includes(r)} onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))} />
          {ROLE_LABELS[r]}
          <span className="muted small">：{ROLE_HINTS[r]}</span>
        </label>
      ))}
      <FieldError error={error} />
    </fieldset>
  );
}

export function UsersPage() {
  const users = useApiQuery<{ items: UserRow[] }>('/api/users');
  const depts = useApiQuery<{ items: Department[] }>('/api/departments');
  const deptName = useDepartmentName();
  const empty = { username: '', displayName: '', password: '', roles: [] as Role[], departmentCode: '' };
  const [form, setForm, clear] = usePersistentState('admin:new-user', empty);
  const [editing, setEditing] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useAction(async () => {
    await post('/api/users', { ...form, departmentCode: form.departmentCode || undefined, displayName: form.displayName || undefined });
    setCreated(form.username);
    clear();
    setForm(empty);
    users.reload();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  const f = create.error?.fields ?? {};
  return (
    <>
      <PageTitle>用户与角色</PageTitle>
      <ErrorBanner error={users.error} />
      {!users.data ? (
        <Loading what="用户" />
      ) : !users.data.items.length ? (
        <Empty>还没有用户。</Empty>
      ) : (
        <Table<UserRow>
          aria-label="用户列表"
          rowKey="id"
          size="middle"
          dataSource={users.data.items}
          rowClassName={(u) => (u.disabled ? 'row-muted' : '')}
          pagination={paged('人')}
          // the edit form opens under the person's row (antd's expanded row), not as a column of its own
          expandable={{
            showExpandColumn: false,
            expandedRowKeys: editing ? [editing] : [],
            expandedRowRender: (u) => <EditUser user={u} departments={depts.data?.items ?? []} onDone={() => (setEditing(null), users.reload())} onCancel={() => setEditing(null)} />,
          }}
          columns={[
            { title: '用户名', key: 'username', sorter: byText((u) => u.username), render: (_, u) => u.username },
            { title: '姓名', key: 'displayName', sorter: byText((u) => u.displayName), render: (_, u) => u.displayName },
            { title: '角色', key: 'roles', render: (_, u) => u.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') },
            { title: '部门', key: 'department', sorter: byText((u) => deptName(u.departmentCode)), render: (_, u) => deptName(u.departmentCode) },
            { title: '状态', key: 'disabled', sorter: byNumber((u) => Number(u.disabled)), render: (_, u) => (u.disabled ? '已停用' : '正常') },
            { title: '创建时间', key: 'createdAt', sorter: byTime((u) => u.createdAt), render: (_, u) => fmtDateTime(u.createdAt) },
            {
              title: '操作',
              key: 'edit',
              render: (_, u) => (
                <button type="button" onClick={() => setEditing(u.id)} aria-label={`修改 ${u.username}`} aria-expanded={editing === u.id}>
                  修改
                </button>
              ),
            },
          ]}
        />
      )}

      <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-user">
        <h2 id="new-user">新建用户</h2>
        {created && <Notice kind="success">已创建用户 {created}。请把初始密码当面告知本人，并提醒其登录后修改。</Notice>}
        <ErrorBanner error={create.error} />
        <div className="grid-2">
          <TextInput label="用户名" required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} error={f.username} hint="2–64 个字母、数字、点、横线或下划线。" autoComplete="off" />
          <TextInput label="姓名" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} error={f.displayName} />
          <TextInput label="初始密码" type="password" required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} error={f.password} hint="至少 10 个字符。" autoComplete="new-password" />
          <Select label="所属部门" search value={form.departmentCode} onChange={(e) => setForm({ ...form, departmentCode: e.target.value })} error={f.departmentCode}>
            <option value="">（不属于任何部门）</option>
            {depts.data?.items.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </Select>
        </div>
        <RoleBoxes value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={f.roles} />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.busy}>
            {create.busy ? '正在创建……' : '创建用户'}
          </button>
        </div>
      </form>
    </>
  );
}

function EditUser({ user, departments, onDone, onCancel }: { user: UserRow; departments: Department[]; onDone: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({ roles: user.roles, departmentCode: user.departmentCode ?? '', displayName: user.displayName, disabled: user.disabled, password: '' });
  const save = useAction(async () => {
    await patch(`/api/users/${user.id}`, {
      roles: form.roles,
      ...(form.departmentCode && form.departmentCode !== user.departmentCode ? { departmentCode: form.departmentCode } : {}),
      displayName: form.displayName,
      disabled: form.disabled,
      ...(form.password ? { password: form.password } : {}),
    });
    onDone();
  });
  const f = save.error?.fields ?? {};
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      aria-label={`修改用户 ${user.username}`}
    >
      <h3>修改 {user.username}</h3>
      <p className="hint">修改角色、部门、密码或停用后，该用户已登录的会话会立即失效。</p>
      <ErrorBanner error={save.error} />
      <div className="grid-2">
        <TextInput label="姓名" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} error={f.displayName} />
        <Select label="所属部门" search value={form.departmentCode} onChange={(e) => setForm({ ...form, departmentCode: e.target.value })} error={f.departmentCode}>
          <option value="">（不变）</option>
          {departments.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </Select>
        <TextInput label="重置密码" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} error={f.password} hint="不改请留空；至少 10 个字符。" autoComplete="new-password" />
        <label className="check">
          <input type="checkbox" checked={form.disabled} onChange={(e) => setForm({ ...form, disabled: e.target.checked })} />
          停用该账号
        </label>
      </div>
      <RoleBoxes value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={f.roles} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          保存
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
