import { useId, useMemo, useState } from 'react';
import type { CatalogueItem, CatalogueSummary } from '../../api/types';
import { FieldError, RequiredMark } from '../../components/Field';

interface Node {
  key: string;
  name: string;
  children: Node[];
  items: CatalogueItem[];
}

const LEVELS = ['一级事项', '二级事项', '三级事项'];

function build(items: CatalogueItem[], catalogues: CatalogueSummary[]): Node[] {
  const roots: Node[] = [];
  for (const c of catalogues) {
    const root: Node = { key: c.code, name: c.name, children: [], items: [] };
    for (const item of items.filter((i) => i.catalogue === c.code)) {
      let node = root;
      item.path.forEach((segment, depth) => {
        const key = `${node.key}/${segment}`;
        let child = node.children.find((n) => n.key === key);
        if (!child) {
          child = { key, name: segment, children: [], items: [] };
          node.children.push(child);
        }
        node = child;
        if (depth === item.path.length - 1) node.items.push(item);
      });
    }
    if (root.children.length) roots.push(root);
  }
  return roots;
}

function matches(i: CatalogueItem, q: string): boolean {
  return [i.itemId, i.content, i.office, ...i.path].some((s) => s.toLowerCase().includes(q));
}

/**
 * The catalogue as a tree of 一级 / 二级 / 三级事项 with the items at its leaves. Every row is a real button, so it
 * works from the keyboard; typing in the search box opens every branch that has a match.
 */
export function CatalogueTree(props: { items: CatalogueItem[]; catalogues: CatalogueSummary[]; value: string; onChange: (id: string) => void; error?: string }) {
  const [query, setQuery] = useState('');
  // catalogues open, and the branches down to the item already chosen
  const [open, setOpen] = useState<Set<string>>(() => {
    const keys = new Set(props.catalogues.map((c) => c.code));
    const chosen = props.items.find((i) => i.id === props.value);
    if (chosen) chosen.path.forEach((_, k) => keys.add(`${chosen.catalogue}/${chosen.path.slice(0, k + 1).join('/')}`));
    return keys;
  });
  const searchId = useId();
  const q = query.trim().toLowerCase();
  const visible = useMemo(() => (q ? props.items.filter((i) => matches(i, q)) : props.items), [props.items, q]);
  const tree = useMemo(() => build(visible, props.catalogues), [visible, props.catalogues]);
  const isOpen = (key: string) => !!q || open.has(key);
  const toggle = (key: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });

  const render = (nodes: Node[], depth: number) => (
    <ul className={depth === 0 ? 'tree' : undefined}>
      {nodes.map((n) => {
        const expanded = isOpen(n.key);
        return (
          <li key={n.key}>
            <button type="button" className="tree-branch" aria-expanded={expanded} onClick={() => toggle(n.key)}>
              <span className="tree-caret" aria-hidden="true">{expanded ? '▾' : '▸'}</span>
              {n.name}
              {depth > 0 && depth <= 3 && <span className="tree-level">{LEVELS[depth - 1]}</span>}
            </button>
            {expanded && (
              <>
                {n.children.length > 0 && render(n.children, depth + 1)}
                {n.items.length > 0 && (
                  <ul>
                    {n.items.map((i) => (
                      <li key={i.id}>
                        <button
                          type="button"
                          className="tree-leaf"
                          aria-pressed={props.value === i.id}
                          onClick={() => props.onChange(i.id)}
                          data-item={i.id}
                        >
                          <span className="tree-id">{i.itemId}</span>
                          <span className="tree-content">{i.content.split('\n')[0]}</span>
                          <span className="tree-limit">{i.timeLimit.text ?? ''}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );

  return (
    <fieldset className={`catalogue-tree${props.error ? ' field-invalid' : ''}`}>
      <legend>
        公开事项<RequiredMark />
      </legend>
      <label htmlFor={searchId} className="sr-only">
        搜索公开事项
      </label>
      <input id={searchId} type="search" placeholder="搜索事项名称、内容或编号，如“预决算”" value={query} onChange={(e) => setQuery(e.target.value)} />
      {q && <p className="hint" role="status">找到 {visible.length} 个事项</p>}
      <div className="tree-scroll">{tree.length ? render(tree, 0) : <p className="empty">没有匹配的事项。</p>}</div>
      <FieldError error={props.error} />
    </fieldset>
  );
}
