import type { InspectionFigures } from './inspection-figures.js';
import type { FreshnessEntry, FreshnessOverview } from './freshness.service.js';

const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const STATE_LABELS: Record<FreshnessEntry['state'], string> = { ok: '正常', warning: '临期', overdue: '超期未更新', empty: '空白', unchecked: '不检查' };

/** The compliance report's section, as inspectors read it: the vetoes first, then the columns and accounts at fault. */
export function freshnessSectionHtml(o: Pick<FreshnessOverview, 'asOf' | 'columns' | 'accounts'> & { inspection: InspectionFigures }): string {
  const bad = [...o.columns, ...o.accounts].filter((e) => e.state === 'overdue' || e.state === 'empty' || e.state === 'warning');
  return `<section id="freshness"><h2>网站与政务新媒体更新情况（国办秘函〔2019〕19号）</h2>
<p>栏目 ${o.inspection.columns} 个：超期未更新 ${o.inspection.staleColumns} 个（其中动态要闻、通知公告政策文件类 ${o.inspection.staleKeyColumns} 个），空白 ${o.inspection.emptyColumns} 个；政务新媒体账号超过期限未更新 ${o.inspection.staleNewMediaAccounts} 个；网站首页${o.inspection.homePageStale ? '超过2周未更新' : '按期更新'}。结论：${o.inspection.failed ? '<strong>触及单项否决</strong>' : '未触及单项否决'}。</p>
<table><thead><tr><th>单项否决指标</th><th>现值</th><th>否决线</th><th>是否触及</th></tr></thead><tbody>${o.inspection.vetoes
    .map((v) => `<tr><td>${esc(v.label)}</td><td class="num">${v.value}</td><td class="num">${v.threshold}</td><td>${v.crossed ? '是' : '否'}</td></tr>`).join('')}</tbody></table>
<table><thead><tr><th>栏目/账号</th><th>状态</th><th>最近更新</th><th>期限（天）</th><th>剩余天数</th></tr></thead><tbody>${bad
    .map((e) => `<tr><td>${esc(e.name)}</td><td>${STATE_LABELS[e.state]}</td><td>${esc(e.lastUpdateDate ?? '—')}</td><td class="num">${esc(e.rule.limitDays ?? '—')}</td><td class="num">${esc(e.daysLeft ?? '—')}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

/** The same section as an XLSX sheet (更新情况) for writeComplianceXlsx's extra sheets. */
export function freshnessSheet(o: Pick<FreshnessOverview, 'columns' | 'accounts'> & { inspection: InspectionFigures }): { name: string; columns: [string, number][]; rows: (string | number)[][] } {
  const bad = [...o.accounts, ...o.columns].filter((e) => e.state === 'overdue' || e.state === 'empty' || e.state === 'warning');
  return {
    name: '更新情况',
    columns: [['单项否决指标 / 栏目、账号', 60], ['现值 / 状态', 14], ['否决线 / 最近更新', 16], ['是否触及 / 期限（天）', 16], ['剩余天数', 10]],
    rows: [
      ...o.inspection.vetoes.map((v) => [v.label, v.value, v.threshold, v.crossed ? '是' : '否', '']),
      [],
      ...bad.map((e) => [e.name, STATE_LABELS[e.state], e.lastUpdateDate ?? '—', e.rule.limitDays ?? '—', e.daysLeft ?? '—']),
    ],
  };
}
