import { useState, type HTMLAttributes } from 'react';
import { Table, type TableColumnType } from 'antd';
import { ApiError, post } from '../../api/client';
import { ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { byNumber, byText } from '../../lib/table';
import { useApiQuery } from '../../api/use-api';

interface QueueRow {
  name: string;
  channel: string | null;
  label: string;
  paused: boolean;
  counts: Record<string, number>;
}

const COLUMNS: [string, string][] = [
  ['waiting', '等待'],
  ['active', '执行中'],
  ['delayed', '延迟重试'],
  ['prioritized', '优先'],
  ['waiting-children', '等待子任务'],
  ['failed', '失败'],
  ['completed', '已完成（近 1 小时）'],
];

/** BullMQ job counts per queue, refreshed every 5 s. The delivery rows in Postgres stay the truth. */
export function QueuesPage() {
  const q = useApiQuery<{ items: QueueRow[]; checkedAt: string }>('/api/admin/queues', { refetchInterval: 5000 });
  const { reload } = q;
  const [boardError, setBoardError] = useState<ApiError | null>(null);
  // The tab opens inside the click, so no popup blocker stops it; the cookie the API sets first is what lets it in.
  const openBoard = async () => {
    setBoardError(null);
    const tab = window.open('about:blank', '_blank');
    try {
      const { url } = await post<{ url: string }>('/api/admin/queues/board-session');
      if (tab) tab.location.href = url;
      else window.location.assign(url);
    } catch (err) {
      tab?.close();
      setBoardError(err instanceof ApiError ? err : new ApiError(0, '无法打开队列看板，请稍后重试。', {}, String(err)));
    }
  };
  return (
    <>
      <PageTitle
        actions={
          <>
            <button type="button" onClick={reload}>
              刷新
            </button>
            <button type="button" onClick={() => void openBoard()} title="在新标签页打开 Bull Board（只读，15 分钟内有效）">
              打开队列看板
            </button>
          </>
        }
      >
        任务队列
      </PageTitle>
      <p className="hint">每个渠道一个队列；“失败”的任务保留供排查，投递本身的状态以公开记录页为准。每 5 秒自动刷新。</p>
      <ErrorBanner error={q.error} />
      <ErrorBanner error={boardError} />
      {!q.data ? (
        <Loading what="队列" />
      ) : (
        <>
          <Table<QueueRow>
            aria-label="各队列的任务数"
            locale={{ emptyText: '没有任务队列。' }}
            rowKey="name"
            size="middle"
            dataSource={q.data.items}
            // one queue per channel: a handful, all on one page; the sort a person picks survives the 5 s refresh
            pagination={false}
            onRow={(r) => ({ 'data-queue': r.name }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: '队列',
                key: 'label',
                rowScope: 'row', // the queue names its row for a screen reader, as <th scope="row">
                sorter: byText((r) => r.label),
                render: (_, r) => (
                  <>
                    {r.label}
                    <div className="muted small">
                      <code>{r.name}</code>
                      {r.paused && '（已暂停）'}
                    </div>
                  </>
                ),
              },
              ...COLUMNS.map(([k, name]): TableColumnType<QueueRow> => ({
                title: name,
                key: k,
                align: 'right',
                className: 'count',
                sorter: byNumber((r) => r.counts[k] ?? 0),
                onCell: (r) => ({ className: k === 'failed' && r.counts[k] ? 'bad' : undefined }),
                render: (_, r) => r.counts[k] ?? 0,
              })),
            ]}
          />
          <p className="muted small" role="status">
            更新于 {fmtDateTime(q.data.checkedAt)}
          </p>
        </>
      )}
    </>
  );
}
