import { z } from 'zod';
import { CARRIERS } from './carriers.js';
const text = z.string().trim().min(1);
// Every kind may carry the phrase as printed and the 保持长期公开 suffix (keepPublished), which changes no due date.
const phrase = { text: z.string().optional(), keepPublished: z.boolean().optional() };
export const timeLimitSchema = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('working_days'), days: z.number().int().positive(), ...phrase }),
    z.object({ kind: z.literal('immediate'), ...phrase }),
    z.object({ kind: z.literal('days_after_approval'), days: z.number().int().positive(), ...phrase }),
    z.object({ kind: z.literal('after_notice_period'), months: z.number().int().positive(), ...phrase }),
    z.object({ kind: z.literal('with_policy'), ...phrase }),
    z.object({ kind: z.literal('after_review'), ...phrase }),
    // Art. 49: the annual report is due by 31 January; the seed's 年报 row names no other limit.
    z.object({ kind: z.literal('annual_report'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), ...phrase }),
]);
export const catalogueItemSchema = z.object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dot, dash or underscore'),
    group: z.number().int().positive().optional(),
    path: z.array(text).min(1).max(3),
    content: text,
    timeLimit: timeLimitSchema,
    publisher: text,
    carriers: z.array(z.enum(CARRIERS)),
    audience: z.enum(['public', 'specific']),
    office: text,
    note: z.string().optional(),
});
export const catalogueFileSchema = z.object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes'),
    name: text,
    department: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes'),
    departmentName: z.string().optional(),
    publisher: text,
    items: z.array(catalogueItemSchema).min(1),
});
