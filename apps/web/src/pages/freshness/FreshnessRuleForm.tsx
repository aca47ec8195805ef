import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorBanner, TextInput } from '../../components/ui';
import { useAction } from '../../api/use-api';
import { KIND_LABELS, type FreshnessEntry } from './freshness-types';

/** Admins set a column's or account's update limit; an empty limit turns the update check off. */
export function FreshnessRuleForm({ entry, onSaved, onCancel }: { entry: FreshnessEntry; onSaved: () => void; onCancel: () => void }) {
  const [limitDays, setLimit] = useState(entry.rule.limitDays === null ? '' : String(entry.rule.limitDays));
  const [warnDays, setWarn] = useState(String(entry.rule.warnDays));
  const path = `/api/freshness/rules/${entry.targetType}/${encodeURIComponent(entry.target)}`;
  // numbers are sent as typed (a bad one is refused by the API with its zh-CN reason, shown on the field)
  const num = (v: string) => (v.trim() === '' ? null : /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);
  const save = useAction(async () => {
    await api('PUT', path, { body: { limitDays: num(limitDays), warnDays: num(warnDays) ?? 0 } });
    onSaved();
  });
  const reset = useAction(async () => {
    await api('DELETE', path);
    onSaved();
  });
  const f = save.error?.fields ?? {};
  return (
    <form
      className="panel freshness-rule-form"
      aria-label={`更新规则：${entry.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <h3>更新规则：{entry.name}</h3>
      <p className="muted small">
        类别：{KIND_LABELS[entry.rule.kind] ?? entry.rule.kind}；{entry.rule.custom ? `管理员 ${entry.rule.updatedBy ?? ''} 设定` : '按检查指标默认'}。按自然日计算。
      </p>
      <ErrorBanner error={save.error ?? reset.error} />
      <TextInput label="更新期限（天）" value={limitDays} onChange={(e) => setLimit(e.target.value)} error={f.limitDays} hint="留空表示不检查更新（仍检查是否空白）。" inputMode="numeric" />
      <TextInput label="提前预警（天）" value={warnDays} onChange={(e) => setWarn(e.target.value)} error={f.warnDays} hint="到期前多少天起提醒责任科室。" inputMode="numeric" />
      <p>
        <button type="submit" className="button primary" disabled={save.busy}>
          保存规则
        </button>{' '}
        {entry.rule.custom && (
          <button type="button" className="button" onClick={() => void reset.run()} disabled={reset.busy}>
            恢复默认
          </button>
        )}{' '}
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
      </p>
    </form>
  );
}
