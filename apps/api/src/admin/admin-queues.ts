import type { Queue } from 'bullmq';
import type { ChannelRegistry } from '../../../../libs/channels/src/index.js';
import { channelQueue, DISCLOSURE_QUEUE, type DispatchProducer } from '../../../../libs/dispatch/src/index.js';

export interface AdminQueue {
  name: string;
  /** null for the disclosures queue, which settles each flow */
  channel: string | null;
  label: string;
  queue: Queue;
}

/** Every queue an admin looks at: the disclosures queue, then one per configured channel (read now, so new ones show). */
export function adminQueues(disclosures: Queue, producer: DispatchProducer, channels: ChannelRegistry): AdminQueue[] {
  return [
    { name: DISCLOSURE_QUEUE, channel: null, label: '公开记录汇总（父任务）', queue: disclosures },
    ...channels.list().map((c) => ({ name: channelQueue(c.name), channel: c.name, label: c.label, queue: producer.queue(c.name) })),
  ];
}
