import { useState, type FormEvent } from 'react';
import { post } from '../../api/client';
import { Empty, ErrorBanner, Loading, Notice, PageTitle, Select, TextInput } from '../../components/ui';
import { Table } from 'antd';
import { fmtDateTime } from '../../lib/format';
import { byRank, byText, byTime, paged } from '../../lib/table';
import { usePersistentState } from '../../lib/persist';
import { useAction, useApiQuery } from '../../api/use-api';
import { useConfirm } from '../../components/ConfirmDialog';

interface Screen {
  id: string;
  name: string;
  group: string;
  groupLabel: string | null;
  location: string;
  health: 'online' | 'offline' | 'never_seen' | 'revoked';
  lastSeenAt: string | null;
  offlineSince: string | null;
  shownVersion: number | null;
  currentVersion: number;
  upToDate: boolean;
  tokenIssuedAt: string | null;
  revokedAt: string | null;
}
interface Group {
  code: string;
  label: string;
  carrier: string;
  channel: string;
}
interface Secret {
  name: string;
  token?: string;
  kioskUrl?: string;
  code?: string;
  pairingUrl?: string;
  expiresAt?: string;
}

const HEALTH: Record<Screen['health'], [string, string]> = {
  online: ['在线', 'good'],
  offline: ['离线', 'bad'],
  never_seen: ['从未连接', 'neutral'],
  revoked: ['已吊销', 'muted'],
};
// sorted by 状态, the boards that need a visit come first
const HEALTH_ORDER: Screen['health'][] = ['offline', 'never_seen', 'online', 'revoked'];

/** Screens (LED/LCD boards, kiosks): register, hand out, rotate and revoke their tokens, see who is online. */
export function ScreensPage() {
  const screens = useApiQuery<{ items: Screen[] }>('/api/screens');
  const groups = useApiQuery<{ items: Group[] }>('/api/screen-groups');
  const [secret, setSecret] = useState<Secret | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const [form, setForm, clear] = usePersistentState('admin:new-screen', { name: '', group: '', location: '' });
  const create = useAction(async () => {
    const r = await post<Screen & { token: string; kioskUrl: string }>('/api/screens', { name: form.name.trim(), group: form.group, ...(form.location.trim() ? { location: form.location.trim() } : {}) });
    setSecret({ name: r.name, token: r.token, kioskUrl: r.kioskUrl });
    clear();
    setForm({ name: '', group: '', location: '' });
    screens.reload();
  });
  const act = useAction(async (s: Screen, what: 'token' | 'revoke' | 'pairing-code') => {
    if (what === 'revoke') {
      const sure = await confirm({ title: '确认吊销', okText: '确认吊销', danger: true, children: <p>吊销“{s.name}”的令牌后，这块屏将立即停止显示新内容。确定吗？</p> });
      if (!sure) return;
    }
    const r = await post<Secret & { token?: string }>(`/api/screens/${s.id}/${what}`);
    if (what === 'token') setSecret({ name: s.name, token: r.token, kioskUrl: r.kioskUrl });
    if (what === 'pairing-code') setSecret({ name: s.name, code: r.code, pairingUrl: r.pairingUrl, expiresAt: r.expiresAt });
    screens.reload();
  });
  const f = create.error?.fields ?? {};
  return (
    <>
      <PageTitle>电子屏</PageTitle>
      {confirmDialog}
      {secret && (
        <Notice kind="warning">
          <p>
            <strong>“{secret.name}”</strong>
            {secret.token ? '的新令牌只显示这一次，请立即配置到屏幕或其控制器：' : '的配对码（10 分钟内有效，只能使用一次）：'}
          </p>
          {secret.token && (
            <p>
              令牌：<code className="secret">{secret.token}</code>
              <br />
              播放页地址：<code className="secret">{location.origin + (secret.kioskUrl ?? '')}</code>
            </p>
          )}
          {secret.code && (
            <p>
              配对码：<code className="secret">{secret.code}</code>（{fmtDateTime(secret.expiresAt)} 前有效）
              <br />
              在屏幕上打开：<code className="secret">{location.origin + (secret.pairingUrl ?? '')}</code>
            </p>
          )}
          <button type="button" onClick={() => setSecret(null)}>
            我已记下，隐藏
          </button>
        </Notice>
      )}
      <ErrorBanner error={screens.error ?? act.error} />
      {!screens.data ? (
        <Loading what="电子屏" />
      ) : !screens.data.items.length ? (
        <Empty>还没有登记电子屏。</Empty>
      ) : (
        <Table<Screen>
          aria-label="电子屏列表"
          rowKey="id"
          size="middle"
          dataSource={screens.data.items}
          // a county registers dozens of boards and kiosks
          pagination={paged('块')}
          columns={[
            { title: '名称', key: 'name', sorter: byText((x) => x.name), render: (_, x) => x.name },
            { title: '分组', key: 'group', sorter: byText((x) => x.groupLabel ?? x.group), render: (_, x) => x.groupLabel ?? x.group },
            { title: '位置', key: 'location', sorter: byText((x) => x.location), render: (_, x) => x.location || '—' },
            {
              title: '状态',
              key: 'health',
              sorter: byRank(HEALTH_ORDER, (x) => x.health),
              render: (_, x) => (
                <>
                  <span className={`badge badge-${HEALTH[x.health][1]}`}>{HEALTH[x.health][0]}</span>
                  <div className="muted small">{x.lastSeenAt ? `最后连接 ${fmtDateTime(x.lastSeenAt)}` : ''}</div>
                </>
              ),
            },
            {
              title: '内容版本',
              key: 'version',
              render: (_, x) => (x.health === 'revoked' ? '—' : x.upToDate ? '已是最新' : `显示 ${x.shownVersion ?? '无'}／最新 ${x.currentVersion}`),
            },
            { title: '令牌签发', key: 'tokenIssuedAt', sorter: byTime((x) => x.tokenIssuedAt), render: (_, x) => fmtDateTime(x.tokenIssuedAt) },
            {
              title: '操作',
              key: 'actions',
              render: (_, x) => (
                <div className="row-actions">
                  <button type="button" disabled={act.busy} onClick={() => void act.run(x, 'token')}>
                    {x.health === 'revoked' ? '重新签发令牌' : '更换令牌'}
                  </button>
                  {x.health !== 'revoked' && (
                    <>
                      <button type="button" disabled={act.busy} onClick={() => void act.run(x, 'pairing-code')}>
                        配对码
                      </button>
                      <button type="button" className="danger" disabled={act.busy} onClick={() => void act.run(x, 'revoke')}>
                        吊销
                      </button>
                    </>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      <form
        className="panel"
        noValidate
        aria-labelledby="new-screen"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <h2 id="new-screen">登记电子屏</h2>
        <ErrorBanner error={create.error ?? groups.error} />
        <div className="grid-2">
          <TextInput label="名称" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={f.name} placeholder="如：政务服务中心一楼大屏" />
          <Select label="分组" required value={form.group} onChange={(e) => setForm({ ...form, group: e.target.value })} error={f.group} hint="分组在 config/channels.yaml 的电子屏渠道中配置，决定显示哪类公开信息。">
            <option value="">（请选择）</option>
            {groups.data?.items.map((g) => (
              <option key={g.code} value={g.code}>
                {g.label}
              </option>
            ))}
          </Select>
          <TextInput label="位置" value={form.location} onChange={(e) => setForm({ ...form, location: e.target.value })} error={f.location} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={create.busy}>
            登记并生成令牌
          </button>
        </div>
      </form>
    </>
  );
}
