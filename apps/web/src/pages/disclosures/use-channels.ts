import { useEffect, useState } from 'react';
import { get } from '../../api/client';
import type { Channel } from '../../api/types';

let cache: Promise<Channel[]> | null = null;

/** The configured channels (name → label); "manual" is the built-in manual-task channel. */
export function useChannels(): Map<string, Channel> {
  const [channels, setChannels] = useState<Map<string, Channel>>(new Map());
  useEffect(() => {
    cache ??= get<{ items: Channel[] }>('/api/channels').then((r) => r.items);
    let live = true;
    cache.then(
      (list) => live && setChannels(new Map(list.map((c) => [c.name, c]))),
      () => {
        cache = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return channels;
}

export function channelName(channels: Map<string, Channel>, name: string): string {
  if (name === 'manual') return '人工任务';
  return channels.get(name)?.label ?? name;
}
