import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'gkd.form.';

/**
 * useState that survives a reload, a session expiry and a fresh login in the same tab: what a person typed is kept
 * in sessionStorage under `key` until `clear()` (after a successful save). Logging out on purpose clears all forms.
 */
export function usePersistentState<T>(key: string, initial: T | (() => T)): [T, (v: T | ((prev: T) => T)) => void, () => void] {
  const storageKey = PREFIX + key;
  const read = (): T => {
    try {
      const raw = sessionStorage.getItem(storageKey);
      if (raw !== null) return JSON.parse(raw) as T;
    } catch {
      /* storage unavailable or corrupt: start afresh */
    }
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  };
  const [value, setValue] = useState<T>(read);
  const keyRef = useRef(storageKey);
  useEffect(() => {
    if (keyRef.current !== storageKey) {
      keyRef.current = storageKey;
      setValue(read());
    }
  }, [storageKey]);
  const set = useCallback(
    (v: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const next = typeof v === 'function' ? (v as (p: T) => T)(prev) : v;
        try {
          sessionStorage.setItem(storageKey, JSON.stringify(next));
        } catch {
          /* full or disabled storage: the form still works, it just is not kept */
        }
        return next;
      });
    },
    [storageKey],
  );
  const clear = useCallback(() => sessionStorage.removeItem(storageKey), [storageKey]);
  return [value, set, clear];
}

export function hasSaved(key: string): boolean {
  return sessionStorage.getItem(PREFIX + key) !== null;
}

export function clearAllForms(): void {
  for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k);
}
