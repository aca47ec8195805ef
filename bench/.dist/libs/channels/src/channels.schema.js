import { z } from 'zod';
import { CARRIERS } from '../../catalogue/src/index.js';
const queueSchema = z.object({
    concurrency: z.number().int().min(1).max(1000).default(10),
    attempts: z.number().int().min(1).max(50).default(5),
    backoffMs: z.number().int().min(10).default(2000),
    rateLimit: z.object({ max: z.number().int().positive(), durationMs: z.number().int().positive() }).optional(),
});
export const channelsFileSchema = z.object({
    defaults: z.object({ queue: queueSchema.partial().default({}) }).default({ queue: {} }),
    channels: z
        .array(z.object({
        // the queue is named after the channel: renaming a channel strands its waiting jobs
        name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'must be lower-case letters, digits, dash or underscore'),
        type: z.string().min(1),
        label: z.string().min(1),
        carriers: z.array(z.enum(CARRIERS)).min(1),
        settings: z.record(z.string(), z.unknown()).default({}),
        queue: queueSchema.partial().default({}),
    }))
        .default([]),
});
export { queueSchema };
