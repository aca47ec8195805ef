import { z } from 'zod';
import { CARRIERS } from '../../../catalogue/src/carriers.js';
/**
 * Settings of a `screens` channel in config/channels.yaml. `groups` maps each screen group (a kind of place) to the
 * catalogue carrier whose deliveries it shows: a delivery for carrier X goes live on every group mapped to X.
 */
const groupEntry = z.union([
    z.enum(CARRIERS),
    z.object({ carrier: z.enum(CARRIERS), label: z.string().min(1).max(60).optional() }),
]);
const displaySchema = {
    // how long a notice stays on screens from its first delivery; fractions of a day are allowed
    displayDays: z.coerce.number().positive().max(3650).default(30),
    // seconds each notice stays up before the next one rotates in
    durationSeconds: z.coerce.number().int().min(3).max(3600).default(20),
    // the QR code's fallback target when the website delivery has no URL: `{id}` is replaced by the disclosure id,
    // otherwise the id is appended as a path segment
    qrBaseUrl: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().url().optional()),
};
export const screensSettingsSchema = z.object({
    groups: z
        .record(z.string().regex(/^[a-z][a-z0-9_-]{0,40}$/, 'group codes are lower-case letters, digits, dash or underscore'), groupEntry)
        .refine((g) => Object.keys(g).length > 0, 'at least one group is needed'),
    // after this many seconds a delivery counts as delivered even if some online screens never acknowledged it
    ackTimeoutSeconds: z.coerce.number().int().min(1).max(7 * 86400).default(600),
    ...displaySchema,
});
export const screenVendorSettingsSchema = z.object({
    url: z.string().url(),
    secret: z.string().min(16, 'must be at least 16 characters'),
    timeoutMs: z.coerce.number().int().positive().default(10000),
    idempotent: z.boolean().default(true),
    allowPrivateNetwork: z.boolean().default(false),
    ...displaySchema,
});
const DEFAULT_LABELS = {
    community: '社区公示栏',
    workplace: '企事业单位公示栏',
    service_centre: '政务服务中心大厅',
    reading_point: '政府信息公开查阅点',
    station: '便民服务站',
};
/** Parses a channel's settings; problems come back as lines naming the setting, for the boot-time check. */
export function parseScreensSettings(channelName, raw) {
    const parsed = screensSettingsSchema.safeParse(raw);
    if (!parsed.success)
        return { problems: parsed.error.issues.map((i) => `channel ${channelName}: settings.${i.path.join('.')}: ${i.message}`) };
    const groups = Object.entries(parsed.data.groups).map(([code, entry]) => {
        const carrier = typeof entry === 'string' ? entry : entry.carrier;
        const label = (typeof entry === 'string' ? undefined : entry.label) ?? DEFAULT_LABELS[code] ?? code;
        return { code, carrier, label };
    });
    const { groups: _ignored, ...rest } = parsed.data;
    return { settings: { ...rest, groups }, problems: [] };
}
export function parseScreenVendorSettings(channelName, raw) {
    const parsed = screenVendorSettingsSchema.safeParse(raw);
    if (!parsed.success)
        return { problems: parsed.error.issues.map((i) => `channel ${channelName}: settings.${i.path.join('.')}: ${i.message}`) };
    return { settings: parsed.data, problems: [] };
}
