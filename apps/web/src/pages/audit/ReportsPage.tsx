import { DateField } from '../../components/DateField';
import { useMemo, useState, type FormEvent } from 'react';
import { download, qs } from '../../api/client';
import { Empty, ErrorBanner, Loading, PageTitle, TextInput } from '../../components/ui';
import { Table } from 'antd';
import { fmtDateTime, todayBeijing } from '../../lib/format';
import { byText, byTime, paged } from '../../lib/table';
import { DELIVERY_STATUS, label } from '../../lib/labels';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAction, useApiQuery } from '../../api/use-api';
import { Chart } from './Chart';
import { deliveryErrorText } from '../../lib/delivery-error';

interface Counts {
  total: number;
  onTime: number;
  late: number;
  missing: number;
  waiting: number;
}
interface Line {
  deliveryId: string;
  disclosureId: string;
  title: string;
  carrierLabel: string;
  channel: string;
  status: string;
  dueAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}
interface Report {
  period: { from: string; to: string; department: string | null; generatedAt: string };
  published: { count: number };
  carriers: (Counts & { carrier: string; label: string })[];
  totals: Counts;
  late: (Line & { lateByMs: number; reasons: string[] })[];
  missing: Line[];
  overdueNow: { count: number; items: (Line & { overdueByMs: number })[]; truncated: boolean };
}
interface Annual {
  year: number;
  normativeDocuments: { issued: number; repealed: number; inForce: number; asOf: string };
  publications: { disclosures: number; byCarrier: { carrier: string; label: string; published: number }[] };
}

const SERIES: [keyof Counts, string, string][] = [
  ['onTime', '按时', '#2e7d32'],
  ['late', '超期', '#e65100'],
  ['missing', '未公开', '#c62828'],
  ['waiting', '期限未到', '#78909c'],
];

const days = (ms: number) => `${Math.max(1, Math.round(ms / 86_400_000))} 天`;

function firstOfMonth(): string {
  return `${todayBeijing().slice(0, 8)}01`;
}

export function ReportsPage() {
  const query = useSearchParams()[0];
  const navigate = useNavigate();
  const from = query.get('from') ?? firstOfMonth();
  const to = query.get('to') ?? todayBeijing();
  const department = query.get('department') ?? '';
  const [form, setForm] = useState({ from, to, department });
  const params = { from, to, department };
  const { data, error, loading } = useApiQuery<Report>(`/api/reports/compliance${qs({ ...params, format: 'json' })}`);
  const xlsx = useAction(async () => download(`/api/reports/compliance${qs({ ...params, format: 'xlsx' })}`, 'compliance.xlsx'));
  const html = useAction(async () => download(`/api/reports/compliance${qs({ ...params, format: 'html' })}`, `compliance-${from}-${to}.html`));

  const bar = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: data.carriers.map((c) => c.label), inverse: true },
        series: SERIES.map(([k, name, color]) => ({ type: 'bar', stack: 'all', name, itemStyle: { color }, data: data.carriers.map((c) => c[k]) })),
      },
    [data],
  );
  const pie = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['40%', '68%'], data: SERIES.map(([k, name, color]) => ({ name, value: data.totals[k], itemStyle: { color } })) }],
      },
    [data],
  );
  const rate = data && data.totals.total ? Math.round((data.totals.onTime / data.totals.total) * 1000) / 10 : null;

  return (
    <>
      <PageTitle>合规报告</PageTitle>
      <form
        className="filters"
        aria-label="报告期间"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          navigate(`/reports${qs(form)}`);
        }}
      >
        <DateField label="开始日期" value={form.from} onChange={(v) => setForm({ ...form, from: v })} error={error?.fields.from} required />
        <DateField label="结束日期" value={form.to} onChange={(v) => setForm({ ...form, to: v })} error={error?.fields.to} required />
        <TextInput label="部门（可选）" value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })} error={error?.fields.department} />
        <div className="actions">
          <button type="submit" className="primary">
            生成报告
          </button>
        </div>
      </form>
      <div className="actions">
        <button type="button" disabled={xlsx.busy || !data} onClick={() => void xlsx.run()}>
          下载 Excel
        </button>
        <button type="button" disabled={html.busy || !data} onClick={() => void html.run()}>
          下载网页版（可打印）
        </button>
      </div>
      <ErrorBanner error={xlsx.error ?? html.error} />
      <ErrorBanner error={error} />
      {loading && !data && <Loading what="报告" />}
      {data && (
        <>
          <ul className="cards">
            <li className="card">
              <span className="card-count">{data.published.count}</span>
              <span className="card-title">本期发布</span>
            </li>
            <li className="card">
              <span className="card-count">{data.totals.total}</span>
              <span className="card-title">应公开渠道次数</span>
            </li>
            <li className="card">
              <span className="card-count">{rate === null ? '—' : `${rate}%`}</span>
              <span className="card-title">按时公开率</span>
            </li>
            <li className="card">
              <span className="card-count">{data.overdueNow.count}</span>
              <span className="card-title">目前仍逾期</span>
            </li>
          </ul>
          {data.totals.total === 0 ? (
            <Empty>该期间没有需要公开的渠道记录。</Empty>
          ) : (
            <div className="two-col charts">
              <section>
                <h2>各载体公开情况</h2>
                {bar && <Chart option={bar} label={data.carriers.map((c) => `${c.label}：按时 ${c.onTime}，超期 ${c.late}，未公开 ${c.missing}，期限未到 ${c.waiting}`).join('；')} height={Math.max(240, 40 * data.carriers.length + 60)} />}
              </section>
              <section>
                <h2>总体构成</h2>
                {pie && <Chart option={pie} label={`按时 ${data.totals.onTime}，超期 ${data.totals.late}，未公开 ${data.totals.missing}，期限未到 ${data.totals.waiting}`} />}
              </section>
            </div>
          )}
          <LineTable title={`超期公开（${data.late.length}）`} rows={data.late} extra={(l) => `超期 ${days(l.lateByMs)}；${l.reasons.join('；')}`} />
          <LineTable title={`逾期未公开（${data.missing.length}）`} rows={data.missing} />
          <LineTable title={`目前仍逾期（${data.overdueNow.count}）`} rows={data.overdueNow.items} extra={(l) => `已逾期 ${days(l.overdueByMs)}`} />
          <p className="muted small">生成时间：{fmtDateTime(data.period.generatedAt)}。生成报告的操作会记入审计日志。</p>
        </>
      )}
      <AnnualFigures department={department} />
    </>
  );
}

function LineTable<T extends Line>({ title, rows, extra }: { title: string; rows: T[]; extra?: (l: T) => string }) {
  if (!rows.length) return null;
  return (
    <section>
      <h2>{title}</h2>
      <Table<T>
        aria-label={title}
        rowKey="deliveryId"
        size="middle"
        dataSource={rows}
        // a month of a county's late sends can run long; the server's order until a person sorts
        pagination={paged('条')}
        columns={[
          { title: '标题', key: 'title', sorter: byText((l) => l.title), render: (_, l) => <Link to={`/audit/timeline/${l.disclosureId}`}>{l.title}</Link> },
          { title: '载体', key: 'carrier', sorter: byText((l) => l.carrierLabel), render: (_, l) => l.carrierLabel },
          { title: '状态', key: 'status', sorter: byText((l) => label(DELIVERY_STATUS, l.status)), render: (_, l) => label(DELIVERY_STATUS, l.status) },
          { title: '法定期限', key: 'dueAt', sorter: byTime((l) => l.dueAt), render: (_, l) => fmtDateTime(l.dueAt) },
          { title: '说明', key: 'note', className: 'small', render: (_, l) => (extra ? extra(l) : l.lastError ? deliveryErrorText(l.lastError).zh : '') },
        ]}
      />
    </section>
  );
}

function AnnualFigures({ department }: { department: string }) {
  const [year, setYear] = useState(String(Number(todayBeijing().slice(0, 4)) - 1));
  const [asked, setAsked] = useState<string | null>(null);
  const { data, error, loading } = useApiQuery<Annual>(asked);
  return (
    <section className="panel" aria-labelledby="annual-title">
      <h2 id="annual-title">政府信息公开工作年度报告数据</h2>
      <form
        className="filters"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setAsked(`/api/reports/annual${qs({ year, department })}`);
        }}
      >
        <TextInput label="年度" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} error={error?.fields.year} />
        <div className="actions">
          <button type="submit">统计</button>
        </div>
      </form>
      <ErrorBanner error={error} />
      {loading && asked && !data && <Loading what="年度数据" />}
      {data && (
        <>
          <Table<Annual['normativeDocuments']>
            caption="第二十条第（一）项：行政规范性文件"
            rowKey="asOf"
            size="middle"
            dataSource={[data.normativeDocuments]}
            pagination={false} // one row of three figures
            columns={[
              { title: '本年制发件数', key: 'issued', render: (_, n) => n.issued },
              { title: '本年废止件数', key: 'repealed', render: (_, n) => n.repealed },
              { title: '现行有效件数', key: 'inForce', render: (_, n) => n.inForce },
            ]}
          />
          <p>
            本年主动公开 {data.publications.disclosures} 条；各载体：
            {data.publications.byCarrier.map((c) => `${c.label} ${c.published} 条`).join('，') || '无'}。
          </p>
        </>
      )}
    </section>
  );
}
