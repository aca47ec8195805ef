import { useEffect, useRef, useState } from 'react';
import type { Disclosure } from '../../api/types';
import { followEvents, type StreamState } from '../../api/sse';
import { useSession } from '../../auth/session';
import { useApiQuery } from '../../api/use-api';

/**
 * The disclosure as the server last sent it: loaded once, then replaced by each server-sent event (the whole
 * disclosure with its deliveries, on every change). `state` says whether the live connection is up.
 */
export function useLiveDisclosure(id: string) {
  // fresh: the stream starts after this page's own GET has answered; started on a cached copy, that GET's answer
  // could land after a newer event and put an older state back on screen
  const loaded = useApiQuery<Disclosure>(`/api/disclosures/${id}`, { fresh: true });
  const { token } = useSession();
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const [state, setState] = useState<StreamState>('connecting');
  const [changedAt, setChangedAt] = useState<Date | null>(null);
  const { setData } = loaded;
  const hasData = loaded.data !== undefined;

  useEffect(() => {
    if (!hasData) return;
    const ctrl = new AbortController();
    void followEvents(`/api/disclosures/${id}/events`, {
      token: () => tokenRef.current,
      signal: ctrl.signal,
      onState: setState,
      onUnauthorized: () => loaded.reload(), // the plain request then ends the session with its message
      onEvent: (type, data) => {
        if (type !== 'disclosure' || !data || typeof data !== 'object') return;
        setData(data as Disclosure);
        setChangedAt(new Date());
      },
    });
    return () => ctrl.abort();
    // one stream per disclosure page; reconnects are handled inside followEvents
  }, [id, hasData]);

  return { ...loaded, state, changedAt };
}
