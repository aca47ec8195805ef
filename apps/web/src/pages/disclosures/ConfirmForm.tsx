import { DateField } from '../../components/DateField';
import { useState, type FormEvent } from 'react';
import { post } from '../../api/client';
import type { Delivery } from '../../api/types';
import { ErrorBanner, TextArea, TextInput } from '../../components/ui';
import { todayBeijing } from '../../lib/format';
import { usePersistentState } from '../../lib/persist';
import { useAction } from '../../api/use-api';

interface Evidence {
  note: string;
  date: string;
  place: string;
  evidence: string;
}

/** Records that a manual task was done (or that an unconfirmed send did arrive), with what proves it. */
export function ConfirmForm({ delivery, onDone, onCancel }: { delivery: Delivery; onDone: (d: Delivery) => void; onCancel?: () => void }) {
  const [form, setForm, clear] = usePersistentState<Evidence>(`confirm:${delivery.id}`, { note: '', date: todayBeijing(), place: '', evidence: '' });
  const [local, setLocal] = useState<string | undefined>();
  const confirm = useAction(async () => {
    const d = await post<Delivery>(`/api/deliveries/${delivery.id}/confirm`, {
      note: form.note.trim(),
      ...(form.date ? { date: form.date } : {}),
      ...(form.place.trim() ? { place: form.place.trim() } : {}),
      ...(form.evidence.trim() ? { evidence: form.evidence.trim() } : {}),
    });
    clear();
    onDone(d);
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.note.trim()) return setLocal('请写明办理情况');
    setLocal(undefined);
    void confirm.run();
  }
  const set = (k: keyof Evidence, v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <form className="confirm-form" onSubmit={submit} noValidate aria-label="确认办结">
      <ErrorBanner error={confirm.error} />
      <TextArea label="办理说明" required rows={3} value={form.note} onChange={(e) => set('note', e.target.value)} error={local ?? confirm.error?.fields.note} hint="做了什么，例如“已在政务服务中心一楼公示栏张贴”。" />
      <div className="grid-2">
        <DateField label="办理日期" value={form.date} onChange={(v) => set('date', v)} error={confirm.error?.fields.date} />
        <TextInput label="办理地点" value={form.place} onChange={(e) => set('place', e.target.value)} error={confirm.error?.fields.place} />
      </div>
      <TextInput label="佐证材料" value={form.evidence} onChange={(e) => set('evidence', e.target.value)} error={confirm.error?.fields.evidence} hint="照片或文件的编号、存放位置或链接，便于日后核查。" />
      <div className="actions">
        <button type="submit" className="primary" disabled={confirm.busy}>
          {confirm.busy ? '正在提交……' : '确认已办结'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            取消
          </button>
        )}
      </div>
    </form>
  );
}
