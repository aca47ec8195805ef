import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditRecord } from '../audit-hash.js';
import { ACTION_LABELS, ACTION_PREFIXES, OUTCOME_LABELS } from '../../../../apps/web/src/pages/audit/audit-labels.js';
import { ACTION_ZH, OUTCOME_ZH } from './action-labels.js';
import { actorLabel, describeEntry } from './describe.js';

/** Source files under apps/ and libs/ (specs and fakes excluded): where audit actions are written. */
function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'web') sources(p, out);
    } else if (/\.ts$/.test(e.name) && !/\.(spec|fake)\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('audit action labels', () => {
  const files = ['apps', 'libs'].flatMap((d) => sources(path.resolve(d)));
  const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');

  it('names every action the code writes', () => {
    // `action: 'x.y'`, review transitions' action argument ('draft.submitted' …), and templated families
    const written = new Set<string>();
    for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) written.add(m[1]);
    for (const m of text.matchAll(/\.transition\([^)]*?'(draft\.[a-z_]+)'/g)) written.add(m[1]);
    for (const m of text.matchAll(/action: `([a-z_]+)\.\$\{/g)) for (const level of ['warning', 'overdue']) written.add(`${m[1]}.${level}`);
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((a) => !ACTION_ZH[a])).toEqual([]);
  });

  it('gives the back office\'s audit page (its filter and its column) the same actions and outcomes', () => {
    // the page keeps its own noun-phrase wording (修改密码 in a list, 修改了密码 in a sentence) in a file the browser
    // bundle can import; this keeps the two from drifting apart
    expect(Object.keys(ACTION_ZH).filter((a) => !ACTION_LABELS[a])).toEqual([]);
    expect(Object.keys(OUTCOME_ZH).filter((o) => !OUTCOME_LABELS[o])).toEqual([]);
    // every family of actions can be filtered as a whole, except the few with a single action
    const families = new Set(Object.keys(ACTION_ZH).map((a) => a.split('.')[0]));
    const single = [...families].filter((f) => Object.keys(ACTION_ZH).filter((a) => a.startsWith(`${f}.`)).length === 1);
    expect([...families].filter((f) => !single.includes(f) && !ACTION_PREFIXES.some(([p]) => p === `${f}.*`))).toEqual([]);
  });

  it('names every outcome the code writes', () => {
    const written = new Set([...text.matchAll(/outcome: '([a-z_]+)'/g)].map((m) => m[1]));
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((o) => !OUTCOME_ZH[o])).toEqual([]);
  });

  it('says what a screen did in Chinese, not the action name', () => {
    const e: AuditRecord = {
      seq: 1, at: '2026-11-24T01:00:00.000Z', actor: 'screen:lobby-1', action: 'screen.acknowledged', disclosureId: null, deliveryId: null,
      catalogueCode: null, screenId: 'lobby-1', departmentCode: null, channel: null, outcome: 'ok', details: {},
    };
    const text = describeEntry(e, null, { actor: (a) => actorLabel(a, () => undefined), channel: () => '' });
    expect(text).toBe('2026-11-24 09:00 屏幕 lobby-1 确认已显示（结果：成功）');
  });
});
