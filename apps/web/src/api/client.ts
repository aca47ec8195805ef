import { describeError, type FieldErrors } from './errors';

/** A failed request, already put into plain Chinese: `message` for a banner, `fields` for the form's inputs. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors,
    /** the server's own words, for the "技术信息" fold when they were not Chinese */
    readonly detail: string | null,
    /** the answer as sent (e.g. a catalogue import's list of problems) */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

interface Hooks {
  token(): string | null;
  /** the server said the token is no longer good: back to the login page, keeping what was typed */
  expired(message: string): void;
}

let hooks: Hooks = { token: () => null, expired: () => undefined };

export function configureApi(h: Hooks): void {
  hooks = h;
}

export interface RequestOptions {
  body?: unknown;
  /** a file to send as is (catalogue import) */
  raw?: Blob;
  /** a multipart form (attachment upload); the browser sets its boundary */
  form?: FormData;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** the login form handles its own 401 */
  anonymous?: boolean;
}

async function send(method: string, path: string, o: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  const token = o.anonymous ? null : hooks.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (o.form) {
    body = o.form;
  } else if (o.raw) {
    body = o.raw;
    headers['content-type'] = o.contentType ?? (o.raw.type || 'application/octet-stream');
  } else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal: o.signal, credentials: 'same-origin' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, '无法连接服务器，请检查网络连接后重试。', {}, null);
  }
  if (res.ok) return res;
  const payload = await res.json().catch(() => null);
  const problem = describeError(res.status, payload);
  if (res.status === 401 && token) hooks.expired('登录已失效，请重新登录。您刚才填写的内容已保留。');
  throw new ApiError(res.status, problem.message, problem.fields, problem.detail, payload);
}

export async function api<T = unknown>(method: string, path: string, o?: RequestOptions): Promise<T> {
  const res = await send(method, path, o);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const get = <T = unknown>(path: string, signal?: AbortSignal) => api<T>('GET', path, { signal });
export const post = <T = unknown>(path: string, body?: unknown) => api<T>('POST', path, { body: body ?? {} });
export const patch = <T = unknown>(path: string, body: unknown) => api<T>('PATCH', path, { body });

/** Uploads one file as multipart field `file`. */
export const upload = <T = unknown>(path: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<T>('POST', path, { form });
};

/** Downloads an export the API streams (it needs the Authorization header, so a plain link cannot do it). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { headers: { accept: '*/*' } });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? decodeURIComponent(plain[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query string from an object, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
