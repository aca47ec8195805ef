import { useEffect, useState } from 'react';
import { ApiError, get } from '../../api/client';
import type { CatalogueItem, CatalogueSummary } from '../../api/types';

export interface CatalogueData {
  catalogues: CatalogueSummary[];
  items: CatalogueItem[];
  byId: Map<string, CatalogueItem>;
}

let cache: Promise<CatalogueData> | null = null;

async function loadAll(): Promise<CatalogueData> {
  const { items: catalogues } = await get<{ items: CatalogueSummary[] }>('/api/catalogues');
  const lists = await Promise.all(catalogues.map((c) => get<{ items: CatalogueItem[] }>(`/api/catalogues/${encodeURIComponent(c.code)}/items`)));
  const items = lists.flatMap((l) => l.items);
  return { catalogues, items, byId: new Map(items.map((i) => [i.id, i])) };
}

/** Every catalogue in force with its items; loaded once per page visit (catalogues change rarely). */
export function useCatalogue(): { data: CatalogueData | null; error: ApiError | null } {
  const [data, setData] = useState<CatalogueData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    cache ??= loadAll();
    let live = true;
    cache.then(
      (d) => live && setData(d),
      (e) => {
        cache = null;
        if (live) setError(e instanceof ApiError ? e : new ApiError(0, '目录加载失败，请刷新重试。', {}, String(e)));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { data, error };
}

export function forgetCatalogue(): void {
  cache = null;
}

export function itemLabel(i: CatalogueItem | undefined): string {
  if (!i) return '';
  return `${i.path.join(' / ')}（${i.itemId}）`;
}
