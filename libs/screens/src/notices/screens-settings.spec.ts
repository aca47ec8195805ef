import * as path from 'node:path';
import { loadChannelsFile } from '../../../channels/src/channels.loader.js';
import { ScreensAdapter } from '../../../channels/src/screens/screens.adapter.js';
import { ScreenVendorAdapter } from '../../../channels/src/screens/screen-vendor.adapter.js';
import type { ChannelConfig } from '../../../channels/src/adapter.contract.js';
import { parseScreensSettings } from './screens-settings.js';

const channel = (settings: Record<string, unknown>, carriers: string[] = ['bulletin_board', 'service_centre']): ChannelConfig =>
  ({ name: 'screens', type: 'screens', label: '电子屏', carriers, settings, queue: { concurrency: 1, attempts: 1, backoffMs: 10 } }) as ChannelConfig;
const adapter = (c: ChannelConfig) => new ScreensAdapter(c, {} as never, {} as never, {} as never);

describe('screens channel settings', () => {
  it('reads groups in short and long form, with defaults for the rest', () => {
    const { settings, problems } = parseScreensSettings('screens', {
      groups: { community: 'bulletin_board', hall: { carrier: 'service_centre', label: '大厅' } },
      qrBaseUrl: '',
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      groups: [
        { code: 'community', carrier: 'bulletin_board', label: '社区公示栏' },
        { code: 'hall', carrier: 'service_centre', label: '大厅' },
      ],
      ackTimeoutSeconds: 600,
      displayDays: 30,
      durationSeconds: 20,
      qrBaseUrl: undefined,
    });
  });

  it('names each bad setting', () => {
    const { problems } = parseScreensSettings('screens', { groups: { 'Bad Code': 'moon' }, displayDays: 0, durationSeconds: 1, qrBaseUrl: 'not a url' });
    expect(problems.join('\n')).toMatch(/settings\.groups\.Bad Code/);
    expect(problems.join('\n')).toMatch(/settings\.displayDays/);
    expect(problems.join('\n')).toMatch(/settings\.durationSeconds/);
    expect(problems.join('\n')).toMatch(/settings\.qrBaseUrl/);
    expect(parseScreensSettings('screens', {}).problems.join('\n')).toMatch(/settings\.groups/);
  });

  it('checks at boot that every carrier has a group and every group a carrier of the channel', () => {
    expect(adapter(channel({ groups: { community: 'bulletin_board', hall: 'service_centre' } })).checkConfig()).toEqual([]);
    const problems = adapter(channel({ groups: { community: 'bulletin_board', station: 'convenience_station' } })).checkConfig();
    expect(problems).toEqual([
      'channel screens: settings.groups.station: carrier convenience_station is not in the channel\'s carriers',
      'channel screens: carriers: no screen group shows carrier service_centre (add one under settings.groups)',
    ]);
    const vendor = new ScreenVendorAdapter({ ...channel({ url: 'http://x', secret: 'short' }), type: 'screen_vendor' }, {} as never);
    expect(vendor.checkConfig().join('\n')).toMatch(/settings\.secret: must be at least 16 characters/);
  });

  it('accepts the shipped config/channels.yaml', () => {
    // the variables `npm start` sets for the demo receivers of the other channels
    const demo = Object.fromEntries(['SINK', 'WECHAT', 'WEIBO', 'APP_PUSH', 'SMTP', 'SMS'].map((k) => [`DEMO_${k}_URL`, 'http://127.0.0.1:1/demo']));
    const env = { ...demo, DEMO_SMTP_URL: 'smtp://127.0.0.1:1', DEMO_SINK_SECRET: 'x'.repeat(32), DEMO_WECHAT_COVER: '/tmp/cover.png' };
    const channels = loadChannelsFile(path.resolve('config/channels.yaml'), env);
    const screens = channels.find((c) => c.type === 'screens')!;
    expect(screens.carriers).toEqual(['reading_point', 'service_centre', 'bulletin_board', 'convenience_station']);
    expect(adapter(screens).checkConfig()).toEqual([]);
    expect(parseScreensSettings(screens.name, screens.settings).settings!.groups.map((g) => [g.code, g.carrier])).toEqual([
      ['community', 'bulletin_board'],
      ['workplace', 'bulletin_board'],
      ['service_centre', 'service_centre'],
      ['reading_point', 'reading_point'],
      ['station', 'convenience_station'],
    ]);
  });
});
