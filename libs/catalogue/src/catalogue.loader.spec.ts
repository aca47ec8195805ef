import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogueLoadError, loadCatalogueDirectory, parseCatalogue } from './catalogue.loader.js';

const item = (over: Record<string, unknown> = {}) => ({
  id: '01-01', path: ['履职依据', '规范性文件'], content: '本部门印发制定的规范性文件',
  timeLimit: { kind: 'working_days', days: 20 }, publisher: '某局', carriers: ['website'], audience: 'public', office: '办公室', ...over,
});
const file = (items: unknown[]) => JSON.stringify({ code: 'test-dept', name: '测试目录', department: 'test-dept', publisher: '某局', items });

describe('catalogue loading', () => {
  it('loads the default catalogue: 32 items, unique ids, every carrier a known code', () => {
    const [c] = loadCatalogueDirectory('config/catalogues');
    expect(c.code).toBe('genhe-zwfw');
    expect(c.items).toHaveLength(32);
    expect(new Set(c.items.map((i) => i.id)).size).toBe(32);
    expect(new Set(c.items.map((i) => Number(i.id.slice(0, 2))))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('names file, item and field for an unknown carrier, a missing field and a duplicate id', () => {
    const bad = parseCatalogue('/x/bad.json', file([item({ carriers: ['website', 'fax'] }), item({ id: '01-02', office: undefined }), item({ id: '01-01' })]));
    expect('problems' in bad && bad.problems).toEqual([
      expect.stringMatching(/^catalogue bad\.json: item 01-01, field carriers\.1: /),
      expect.stringMatching(/^catalogue bad\.json: item 01-02, field office: /),
    ]);
    const dup = parseCatalogue('/x/dup.json', file([item(), item()]));
    expect('problems' in dup && dup.problems).toEqual(['catalogue dup.json: item 01-01: id: duplicate id']);
  });

  it('fails the whole directory with every problem at once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cat-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'code: [unclosed');
    fs.writeFileSync(path.join(dir, 'b.json'), file([item({ timeLimit: { kind: 'someday' } })]));
    expect(() => loadCatalogueDirectory(dir)).toThrow(CatalogueLoadError);
    try {
      loadCatalogueDirectory(dir);
    } catch (err) {
      const lines = (err as Error).message.split('\n');
      expect(lines[0]).toMatch(/^catalogue a\.yaml: not valid YAML/);
      expect(lines[1]).toMatch(/^catalogue b\.json: item 01-01, field timeLimit\.kind: /);
    }
  });
});
