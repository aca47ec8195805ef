import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadChannelsFile, MANUAL_CHANNEL } from './channels.loader.js';

const write = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ch-')), 'channels.yaml');
  fs.writeFileSync(f, text);
  return f;
};

describe('channels.yaml', () => {
  it('reads secrets from the environment, with nested defaults, and always adds the manual channel', () => {
    const f = write(`
channels:
  - name: website
    type: webhook
    label: 网站
    carriers: [website]
    settings: { url: "\${SITE_URL:-\${BASE}/site}", secret: "\${SITE_SECRET}", allowPrivateNetwork: "\${PRIV:-false}", timeoutMs: "\${T:-5000}" }
`);
    const channels = loadChannelsFile(f, { BASE: 'http://b', SITE_SECRET: 's3cret' });
    expect(channels[0].settings).toEqual({ url: 'http://b/site', secret: 's3cret', allowPrivateNetwork: false, timeoutMs: 5000 });
    expect(channels[0].queue).toEqual({ concurrency: 10, attempts: 5, backoffMs: 2000 });
    expect(channels.at(-1)!.name).toBe(MANUAL_CHANNEL);
  });

  it('names the missing variable, the unknown carrier and the duplicate channel', () => {
    const f = write(`
channels:
  - { name: a, type: webhook, label: A, carriers: [website], settings: { secret: "\${NOPE}" } }
  - { name: b, type: webhook, label: B, carriers: [fax] }
`);
    expect(() => loadChannelsFile(f, {})).toThrow(/channels\.0\.settings\.secret: environment variable NOPE is not set[\s\S]*channels\.1\.carriers\.0/);
    const dup = write(`
channels:
  - { name: a, type: webhook, label: A, carriers: [website] }
  - { name: a, type: webhook, label: A2, carriers: [gazette] }
`);
    expect(() => loadChannelsFile(dup, {})).toThrow(/channel a: name: duplicate or reserved/);
  });
});
