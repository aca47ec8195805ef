export interface ApiAnswer {
  status: number;
  body: any;
  contentType: string;
}

/**
 * Every API answer the suite got, by status. A 5xx is a server error, except a 503 given while the scenario
 * itself had a server down (then 503 is the correct answer): scenarios open and close those windows.
 */
export class ResponseLog {
  total = 0;
  readonly byStatus = new Map<number, number>();
  /** 5xx answers outside an outage window, and dropped connections: the API must always answer */
  serverErrors = 0;
  readonly serverErrorSamples: string[] = [];
  private outageSince: number | null = null;
  private outageGraceUntil = 0;

  outageStarted(): void {
    this.outageSince = Date.now();
  }

  /** A few seconds after a server is back, pooled connections that died with it may still fail once. */
  outageEnded(graceMs = 3000): void {
    this.outageSince = null;
    this.outageGraceUntil = Date.now() + graceMs;
  }

  get inOutage(): boolean {
    return this.outageSince !== null || Date.now() < this.outageGraceUntil;
  }

  record(what: string, status: number, detail = ''): void {
    this.total++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    const excused = status === 503 && this.inOutage;
    if ((status >= 500 || status === 0) && !excused) {
      this.serverErrors++;
      if (this.serverErrorSamples.length < 10) this.serverErrorSamples.push(`${what} → ${status || 'no answer'} ${detail}`.slice(0, 300));
    }
  }

  summary(): string {
    return [...this.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s || 'none'}×${n}`).join(' ');
  }
}

/** A signed-in admin talking to one API process over keep-alive connections (Node's fetch). */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    private readonly log: ResponseLog,
    private token: string,
  ) {}

  static async login(baseUrl: string, log: ResponseLog, password: string): Promise<ApiClient> {
    const c = new ApiClient(baseUrl, log, '');
    for (let i = 0; ; i++) {
      const r = await c.call('POST', '/api/auth/login', { body: { username: 'admin', password } });
      if (r.status === 200) {
        c.token = r.body.accessToken;
        return c;
      }
      if (i > 50) throw new Error(`login at ${baseUrl}: ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  }

  async call(method: string, path: string, o: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number; record?: boolean } = {}): Promise<ApiAnswer> {
    let status = 0;
    let body: any = null;
    let contentType = '';
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...o.headers,
        },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(o.timeoutMs ?? 30000),
      });
      status = res.status;
      contentType = res.headers.get('content-type') ?? '';
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    } catch (err) {
      body = { error: (err as Error).message };
    }
    if (o.record !== false) this.log.record(`${method} ${path}`, status, typeof body === 'string' ? body : JSON.stringify(body));
    return { status, body, contentType };
  }
}

export interface PublishItem {
  id: string;
  deliveries: number;
}

/** Catalogue items the load can publish without extra dates or a linked policy document. */
export async function publishableItems(client: ApiClient): Promise<PublishItem[]> {
  const r = await client.call('GET', '/api/catalogues/genhe-zwfw/items', { record: false });
  if (r.status !== 200) throw new Error(`catalogue items: ${r.status} ${JSON.stringify(r.body)}`);
  const items = (Array.isArray(r.body) ? r.body : r.body.items) as { id: string; timeLimit: { kind: string }; channels: unknown[] }[];
  const out = items.filter((i) => ['working_days', 'immediate'].includes(i.timeLimit.kind) && i.channels.length > 0).map((i) => ({ id: i.id, deliveries: i.channels.length }));
  if (out.length === 0) throw new Error('no publishable catalogue item');
  return out;
}

export interface LoadResult {
  /** Idempotency-Key → disclosure id, for every publish the API accepted (200/201) */
  accepted: Map<string, string>;
  deliveries: number;
  /** publishes refused with a 4xx: none is expected */
  refused: string[];
  /** publishes still not accepted when the load's deadline passed */
  abandoned: string[];
}

export interface LoadOptions {
  clients: ApiClient[];
  items: PublishItem[];
  /** publish until this many deliveries are planned */
  deliveries: number;
  concurrency: number;
  keyPrefix: string;
  deadlineMs: number;
  onAccepted?: (total: LoadResult) => void;
  /** keep publishing past `deliveries` (up to five times as many) until this says the faults have all been injected */
  until?: () => boolean;
  /** while this says so, hold the next publish: keeps publishing in step with delivering */
  hold?: () => boolean;
}

/**
 * What a busy office does: publishes, each with its own Idempotency-Key. A 503 or a dropped connection is
 * retried with the same key after a pause, as the back office does, so a publish that committed before its
 * answer was lost is not published twice.
 */
export async function publishLoad(o: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { accepted: new Map(), deliveries: 0, refused: [], abandoned: [] };
  const deadline = Date.now() + o.deadlineMs;
  let next = 0;
  let planned = 0;
  const worker = async () => {
    const more = () => planned < o.deliveries || (!!o.until && !o.until() && planned < 5 * o.deliveries);
    while (more()) {
      while (o.hold?.() && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
      if (!more()) break;
      const n = next++;
      const item = o.items[n % o.items.length];
      planned += item.deliveries;
      const key = `${o.keyPrefix}-${n}`;
      const client = o.clients[n % o.clients.length];
      const body = {
        catalogueItemId: item.id,
        title: `混沌测试公告 ${o.keyPrefix} 第${n}号`,
        body: `<p>第 ${n} 号测试公告正文。</p>`,
        generatedAt: new Date().toISOString(),
      };
      for (;;) {
        const r = await client.call('POST', '/api/disclosures', { body, headers: { 'idempotency-key': key } });
        if (r.status === 200 || r.status === 201) {
          result.accepted.set(key, r.body.id);
          result.deliveries += r.body.deliveries.length;
          o.onAccepted?.(result);
          break;
        }
        if (r.status >= 400 && r.status < 500 && r.status !== 429) {
          result.refused.push(`${key}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          break;
        }
        if (Date.now() > deadline) {
          result.abandoned.push(`${key}: last answer ${r.status}`);
          break;
        }
        await new Promise((res) => setTimeout(res, 500));
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return result;
}
