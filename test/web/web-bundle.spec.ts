import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The back office runs on closed government networks: the built pages (dist/web, built by the Jest global setup)
 * must load everything from the server that serves them — no CDN, no font service, no icon font. A dependency
 * that starts linking one (antd's icon font from a CDN, a web font in a style sheet) fails here.
 */
const WEB = path.resolve('dist/web');

/**
 * Hosts that appear in the bundles' code only as text, never fetched: XML namespaces (www.w3.org), links in
 * libraries' error messages (react.dev, reactrouter.com, prosemirror.net, github.com), and react-router's
 * placeholder base for parsing relative URLs (localhost).
 */
const INERT_HOSTS = new Set(['www.w3.org', 'react.dev', 'reactrouter.com', 'prosemirror.net', 'github.com', 'localhost']);

const files = (ext: string) => fs.readdirSync(path.join(WEB, 'assets')).filter((f) => f.endsWith(ext)).map((f) => path.join(WEB, 'assets', f));
const sameOrigin = (ref: string) => /^\/(?!\/)/.test(ref) || ref.startsWith('data:') || ref.startsWith('#') || /^\.{0,2}\//.test(ref);

describe('back-office bundle: nothing loads from outside the server', () => {
  it('index.html refers only to files on the same server', () => {
    const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(1); // the entry script and the style sheet at least
    expect(refs.filter((r) => !sameOrigin(r))).toEqual([]);
    for (const r of refs.filter((x) => x.startsWith('/assets/'))) expect(fs.existsSync(path.join(WEB, r))).toBe(true);
  });

  it('style sheets import nothing and take fonts and pictures only from the server or data: URLs', () => {
    const css = files('.css');
    expect(css.length).toBeGreaterThan(0);
    for (const f of css) {
      const text = fs.readFileSync(f, 'utf8');
      expect(text).not.toMatch(/@import/);
      const urls = [...text.matchAll(/url\(\s*['"]?([^'")]+)/g)].map((m) => m[1]);
      expect(urls.filter((u) => !sameOrigin(u))).toEqual([]);
    }
  });

  it('scripts name no outside host except in messages and namespaces', () => {
    const hosts = new Map<string, string>();
    for (const f of files('.js')) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/(?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)[/:'"`\s)]/gi)) {
        const host = m[1].toLowerCase();
        if (!INERT_HOSTS.has(host) && /[a-z]/.test(host.split('.').pop() ?? '')) hosts.set(host, path.basename(f));
      }
    }
    expect(Object.fromEntries(hosts)).toEqual({});
  });
});
