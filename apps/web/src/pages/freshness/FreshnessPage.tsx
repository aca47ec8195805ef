import { useState } from 'react';
import { useSession } from '../../auth/session';
import { Empty, ErrorBanner, Loading, PageTitle, Select } from '../../components/ui';
import { fmtDateTime } from '../../lib/format';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import { UnreadNotes } from '../notifications/UnreadNotes';
import { FreshnessRuleForm } from './FreshnessRuleForm';
import { daysLeftText, KIND_LABELS, STATE_BADGE, STATE_LABELS, type FreshnessEntry, type FreshnessOverview, type FreshnessState } from './freshness-types';

function Rows({ caption, items, canEdit, onEdit }: { caption: string; items: FreshnessEntry[]; canEdit: boolean; onEdit: (e: FreshnessEntry) => void }) {
  if (!items.length) return <Empty>没有符合条件的{caption}。</Empty>;
  return (
    <table className="table freshness-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">状态</th>
          <th scope="col">{caption}</th>
          <th scope="col">类别与期限</th>
          <th scope="col">最近更新</th>
          <th scope="col">剩余</th>
          <th scope="col">责任科室</th>
          {canEdit && <th scope="col">规则</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.target} className={`row-${e.state}`}>
            <td>
              <span className={`badge badge-${STATE_BADGE[e.state]}`}>{STATE_LABELS[e.state]}</span>
            </td>
            <td>{e.name}</td>
            <td className="small">
              {KIND_LABELS[e.rule.kind] ?? e.rule.kind}，{e.rule.limitDays === null ? '不检查更新' : `${e.rule.limitDays} 天`}
              {e.rule.custom && '（自定义）'}
            </td>
            <td className="small">{e.lastUpdateDate ? <>{e.lastUpdateDate} {e.lastDisclosureId && <Link to={`/disclosures/${e.lastDisclosureId}`}>{e.lastTitle}</Link>}</> : '从未更新'}</td>
            <td>{daysLeftText(e)}</td>
            <td>{e.office ?? '—'}</td>
            {canEdit && (
              <td>
                <button type="button" className="button small" onClick={() => onEdit(e)} aria-label={`修改规则：${e.name}`}>
                  修改
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 更新监测: every website column and channel account against the inspection's update limits (docs/freshness.md). */
export function FreshnessPage() {
  const { can } = useSession();
  const [state, setState] = useState(useSearchParams()[0].get('state') ?? '');
  const [editing, setEditing] = useState<FreshnessEntry | null>(null);
  const { data, error, loading, reload } = useApiQuery<FreshnessOverview>('/api/freshness');
  const pick = (items: FreshnessEntry[]) => (state ? items.filter((e) => e.state === (state as FreshnessState)) : items);
  const isAdmin = can('admin');
  return (
    <>
      <PageTitle>更新监测</PageTitle>
      <UnreadNotes kind="freshness" title="未读更新提醒" />
      <div className="filters">
        <Select label="状态" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">全部</option>
          {Object.entries(STATE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
      </div>
      <ErrorBanner error={error} />
      {editing && (
        <FreshnessRuleForm
          key={editing.targetType + editing.target}
          entry={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {loading && !data ? (
        <Loading what="更新情况" />
      ) : data ? (
        <>
          <p className="muted">
            统计时间：{fmtDateTime(data.asOf)}。只计已送达的发布；期限按自然日计算，依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）。
          </p>
          <h2>单项否决指标</h2>
          <ul className="veto-list">
            {data.inspection.vetoes.map((v) => (
              <li key={v.code}>
                <span className={`badge badge-${v.crossed ? 'bad' : 'good'}`}>{v.crossed ? '已触及' : '未触及'}</span> {v.label}：现为 {v.value}，否决线 {v.threshold}
              </li>
            ))}
          </ul>
          <h2>渠道账号</h2>
          <Rows caption="渠道账号" items={pick(data.accounts)} canEdit={isAdmin} onEdit={setEditing} />
          <h2>网站栏目</h2>
          <Rows caption="网站栏目" items={pick(data.columns)} canEdit={isAdmin} onEdit={setEditing} />
        </>
      ) : null}
    </>
  );
}
