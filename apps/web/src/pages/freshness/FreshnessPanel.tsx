import { Notice } from '../../components/ui';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/use-api';
import type { FreshnessOverview } from './freshness-types';

/** 工作台's panel: how many columns and accounts are late, close to their limit or empty, and any veto crossed. */
export function FreshnessPanel() {
  const { data } = useApiQuery<FreshnessOverview>('/api/freshness');
  const all = data ? [...data.columns, ...data.accounts] : [];
  const n = (state: string) => (data ? all.filter((e) => e.state === state).length : undefined);
  const crossed = data?.inspection.vetoes.filter((v) => v.crossed) ?? [];
  return (
    <section className="freshness-panel" aria-labelledby="freshness-panel-title">
      <h2 id="freshness-panel-title">网站与新媒体更新监测</h2>
      <ul className="cards">
        {([['overdue', '超期未更新', '超过检查指标规定的更新期限。'], ['warning', '即将超期', '临近更新期限，请尽快发布。'], ['empty', '空白栏目、账号', '从未成功发布过信息。']] as const).map(([state, title, hint]) => (
          <li className="card" key={state}>
            <Link to={`/freshness?state=${state}`}>
              <span className="card-count">{n(state) ?? '…'}</span>
              <span className="card-title">{title}</span>
            </Link>
            <p className="muted small">{hint}</p>
          </li>
        ))}
      </ul>
      {crossed.length > 0 && (
        <Notice kind="warning">按《政府网站与政务新媒体检查指标》，以下单项否决指标已触及：{crossed.map((v) => v.label).join('；')}。</Notice>
      )}
    </section>
  );
}
