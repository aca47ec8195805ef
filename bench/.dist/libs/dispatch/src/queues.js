/**
 * Queue names live here and nowhere else. Renaming one strands the jobs waiting in the old queue, so a rename
 * needs a migration step that drains it first.
 */
export const DISCLOSURE_QUEUE = 'disclosures';
export const FLOW_PRODUCER = 'dispatch';
/** One queue per channel, so each has its own concurrency, rate limit and retry policy. */
export function channelQueue(channel) {
    return `channel-${channel}`;
}
/**
 * Targeted push fans one delivery out to many recipients: batch jobs for a push channel (email, SMS) wait on a
 * queue of their own, so a 100,000-recipient send never sits in front of the channel's ordinary deliveries.
 */
export function pushQueue(channel) {
    return `push-${channel}`;
}
export function disclosureJobId(disclosureId) {
    return `disclosure-${disclosureId}`;
}
/** Deterministic: a re-driven outbox row finds the job already there instead of adding a second one. */
export function deliveryJobId(deliveryId, generation) {
    return generation === 0 ? deliveryId : `${deliveryId}.g${generation}`;
}
export function redisOptions(url, overrides = {}) {
    const u = new URL(url);
    return {
        host: u.hostname,
        port: Number(u.port || 6379),
        username: u.username ? decodeURIComponent(u.username) : undefined,
        password: u.password ? decodeURIComponent(u.password) : undefined,
        db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
        tls: u.protocol === 'rediss:' ? {} : undefined,
        ...overrides,
    };
}
