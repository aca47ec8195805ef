import fc from 'fast-check';

/**
 * Shared pieces of the property-based fuzz specs: generators of hostile strings, a checker that finds anything in
 * HTML that a browser would run, and the checks every API answer must pass (never a 5xx, always JSON).
 */

/** Markup and script in the forms filters get wrong: entities, case, whitespace inside the scheme, SVG, CSS. */
export const ATTACKS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" ONERROR="alert(1)">',
  '<img/src="x"/onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel=stylesheet href=javascript:alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<p onmouseover="alert(1)">悬停</p>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '\u0000<script>alert(1)</script>',
  '<scr\u0000ipt>alert(1)</script>',
];

/** Unusual but not executable: an SVG with a script shown through <img> runs nothing. Sanitizers may keep it. */
export const PICTURES = ['<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', '<img src="data:text/html,<script>alert(1)</script>">'];

/** Any string, but often one carrying an attack, a fragment of markup, or unusual Unicode. */
export function hostileString(maxLength = 300): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ATTACKS, ...PICTURES) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('<', '>', '"', "'", '&', '&amp;', '&#x3C;', '\n', '\r\n', '\t', '</p>', '<p>', '<b>', '<br/>', '=', 'on', 'javascript:', '关于', '公告', '\u202e', '\ufeff', '😀') },
  );
  return fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('').slice(0, maxLength));
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n', sol: '/', lpar: '(', rpar: ')' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

const BANNED_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'svg', 'math', 'link', 'template', 'noscript', 'xmp', 'plaintext']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'lowsrc', 'dynsrc', 'data', 'codebase', 'cite', 'longdesc', 'usemap']);

/**
 * What in this HTML a browser could run: a script-capable tag, an event-handler attribute, a srcdoc, a
 * script URL (after entity decoding and the whitespace browsers ignore), CSS expressions or script URLs in a style,
 * a meta refresh. Returns the first finding, or null for safe markup. Text can never hold a tag: sanitized output
 * escapes every `<` that is not markup, so every `<` here starts a real tag.
 */
export function unsafeMarkup(html: string, opts: { allowStyleElement?: boolean } = {}): string | null {
  if (/<\s*script/i.test(html)) return 'a <script> tag';
  for (const m of html.matchAll(/<\s*\/?\s*([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const tag = m[1].toLowerCase();
    if (BANNED_TAGS.has(tag)) return `a <${tag}> tag`;
    if (tag === 'style' && !opts.allowStyleElement) return 'a <style> element';
    for (const a of m[2].matchAll(/([^\s"'=<>`/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = a[1].toLowerCase();
      const raw = a[2] ?? '';
      const value = decodeEntities(raw.replace(/^["']|["']$/g, ''));
      if (name.startsWith('on')) return `an event handler attribute ${name} on <${tag}>`;
      if (name === 'srcdoc') return `a srcdoc attribute on <${tag}>`;
      if (tag === 'meta' && name === 'http-equiv') return 'a meta http-equiv';
      if (name === 'style' && /expression\s*\(|javascript:|vbscript:|url\s*\(\s*['"]?\s*(javascript|vbscript|data):/i.test(value)) return `a script in a style attribute on <${tag}>`;
      if (URL_ATTRS.has(name)) {
        const scheme = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(scheme)) return `a script URL in ${name} on <${tag}>`;
        // an image loaded by <img> runs no script, not even an SVG one: data: there is only a picture
        if (scheme.startsWith('data:') && !(tag === 'img' && name === 'src')) {
          return `a data: URL in ${name} on <${tag}>`;
        }
      }
    }
  }
  return null;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Sends one request over Node's fetch (keep-alive connections) and reads the answer as text: the specs judge
 * the raw answer, not a parsed one.
 */
type FetchBody = NonNullable<Parameters<typeof fetch>[1]>['body'];

export async function send(baseUrl: string, method: string, path: string, o: { headers?: Record<string, string>; body?: string | Uint8Array } = {}): Promise<Answer> {
  const once = async () => {
    const res = await fetch(baseUrl.replace('[::1]', '127.0.0.1') + path, { method, headers: o.headers, body: o.body as FetchBody });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  // A kept-alive connection the server closed just as it was reused (a stall on a loaded machine can make its idle
  // timer fire late) resets; the pool may hold more than one such connection, so up to three tries. A reset this
  // input causes happens every time and fails the property, with the cause named.
  for (let tries = 1; ; tries += 1) {
    try {
      return await once();
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause ?? {};
      if ((cause.code !== 'ECONNRESET' && cause.code !== 'UND_ERR_SOCKET') || tries === 3) {
        throw new Error(`${method} ${path.slice(0, 120)}: ${(err as Error).message} (${cause.code ?? 'no code'}: ${cause.message ?? ''}) after ${tries} tries`, { cause: err });
      }
    }
  }
}

/**
 * Every API answer to any input: no 5xx, and a body that is JSON served as application/json — so a browser
 * shown an answer never renders it as HTML, whatever the input echoed into it.
 */
export function assertSaneAnswer(what: string, a: Answer, opts: { otherTypes?: RegExp } = {}): void {
  if (a.status >= 500) throw new Error(`${what}: ${a.status} ${a.text.slice(0, 300)}`);
  if (a.status === 204 || a.status === 304) return;
  if (opts.otherTypes && opts.otherTypes.test(a.contentType) && a.status < 300) return;
  if (!/^application\/json\b/.test(a.contentType)) throw new Error(`${what}: ${a.status} answered as "${a.contentType}", not application/json: ${a.text.slice(0, 200)}`);
  try {
    JSON.parse(a.text);
  } catch {
    throw new Error(`${what}: ${a.status} body is not JSON: ${a.text.slice(0, 200)}`);
  }
  if (a.status >= 400 && !/"message"/.test(a.text)) throw new Error(`${what}: ${a.status} error without a message: ${a.text.slice(0, 200)}`);
}

/** How many runs each property gets: FUZZ_RUNS_SCALE=0.1 for a quick local try, 1 by default. */
export function runs(n: number): number {
  const scale = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** encodeURIComponent that drops lone surrogates (which it refuses) instead of throwing. */
export function enc(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ''));
}
