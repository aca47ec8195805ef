import { AdapterError } from '../adapter.contract.js';
/** How a push channel's first step reads to the delivery runner (shared by email and SMS). */
export function fanoutToSendOutcome(start, unit) {
    if (start.kind === 'queued') {
        return { status: 'pending', note: `${start.recipients} ${unit} in ${start.batches} batch${start.batches === 1 ? '' : 'es'}` };
    }
    const o = start.outcome;
    if (o.status === 'delivered')
        return { status: 'delivered', remoteId: o.remoteId };
    if (o.status === 'pending')
        return { status: 'pending', note: `${o.counts.pending + o.counts.sending} ${unit} still being sent` };
    // nothing left that may be sent again: only recipients whose outcome is unknown (or cancelled) remain
    throw new AdapterError(`nothing was resent: ${o.error}`, 'permanent', { ...o.counts });
}
export function pushPollOutcome(o) {
    if (o.status === 'pending')
        return { status: 'pending' };
    if (o.status === 'delivered')
        return { status: 'delivered', remoteId: o.remoteId };
    return { status: 'failed', error: o.error };
}
