export type StreamState = 'connecting' | 'live' | 'retrying' | 'closed';

interface StreamOptions {
  token: () => string | null;
  onEvent: (type: string, data: unknown) => void;
  onState: (state: StreamState) => void;
  onUnauthorized: () => void;
  signal: AbortSignal;
}

/**
 * Server-sent events read with fetch, because EventSource cannot send the Authorization header. Reconnects with
 * a growing pause (1 s … 15 s) until aborted; the server sends the whole disclosure on each change, so nothing is
 * lost between connections: the first event after a reconnect is the current state.
 */
export async function followEvents(url: string, o: StreamOptions): Promise<void> {
  let pause = 1000;
  while (!o.signal.aborted) {
    o.onState('connecting');
    try {
      const token = o.token();
      const res = await fetch(url, { headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal: o.signal });
      if (res.status === 401) {
        o.onUnauthorized();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      o.onState('live');
      pause = 1000;
      await readEvents(res.body, o.onEvent);
    } catch (err) {
      if (o.signal.aborted) break;
      void err;
    }
    if (o.signal.aborted) break;
    o.onState('retrying');
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 15000);
  }
  o.onState('closed');
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (type: string, data: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (!data.length) continue;
      const text = data.join('\n');
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* a plain-text event */
      }
      onEvent(type, parsed);
    }
  }
}
