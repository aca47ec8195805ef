import { useEffect, useState } from 'react';
import { get } from '../api/client';

/**
 * Department names by code (GET /api/departments/names), fetched once per page load: lists show the name staff
 * know, not the code the configuration uses. Until the names arrive, or for an unknown code, the code is shown.
 */
let names: Promise<Map<string, string>> | null = null;

function load(): Promise<Map<string, string>> {
  names ??= get<{ items: { code: string; name: string }[] }>('/api/departments/names').then(
    (r) => new Map(r.items.map((d) => [d.code, d.name])),
    () => {
      names = null; // try again on the next page rather than keep a failure
      return new Map<string, string>();
    },
  );
  return names;
}

export function useDepartmentName(): (code: string | null | undefined) => string {
  const [map, setMap] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    void load().then((m) => live && setMap(m));
    return () => {
      live = false;
    };
  }, []);
  return (code) => (code ? (map.get(code) ?? code) : '—');
}

/** Forget the names (a new department was created, or a different person signed in). */
export function forgetDepartmentNames(): void {
  names = null;
}

/** A department's name where a hook cannot be called conditionally (the top bar renders it only when signed in). */
export function DepartmentName({ code }: { code: string }) {
  return <>{useDepartmentName()(code)}</>;
}
